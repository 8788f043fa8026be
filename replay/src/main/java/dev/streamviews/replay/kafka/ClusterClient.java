package dev.streamviews.replay.kafka;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.schemas.topics.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.tools.StreamsResetter;

/**
 * What the replay commands ask of Kafka, each call bounded by a timeout and each failure told in
 * one line ({@link CliFailure}): a broker that does not answer must not hang a command or show a
 * stack trace.
 */
public final class ClusterClient implements AutoCloseable {
  private final String bootstrapServers;
  private final Duration timeout;
  private final Admin admin;

  public ClusterClient(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.admin = Admin.create(config);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Duration timeout() {
    return timeout;
  }

  public Set<String> topics() {
    return await(admin.listTopics().names(), "list the topics");
  }

  /** @throws CliFailure naming the topics that do not exist */
  public void requireTopics(Collection<String> wanted) {
    Set<String> existing = topics();
    List<String> missing = wanted.stream().filter(topic -> !existing.contains(topic)).toList();
    if (!missing.isEmpty()) {
      throw new CliFailure("unknown topic " + String.join(", ", missing) + " on Kafka at " + bootstrapServers);
    }
  }

  /** Every partition of the topics, in topic and partition order. */
  public List<TopicPartition> partitionsOf(Collection<String> topics) {
    Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames(), "describe " + topics);
    return described.values().stream()
        .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
        .sorted(PARTITION_ORDER)
        .toList();
  }

  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.latest());
  }

  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.earliest());
  }

  /**
   * Per partition, the first offset whose record timestamp is at or after {@code time}, or the end
   * when there is none: where Kafka's own tools start when told a datetime.
   */
  public Map<TopicPartition, Long> offsetsAt(Collection<TopicPartition> partitions, Instant time) {
    Map<TopicPartition, Long> at = offsets(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
    Map<TopicPartition, Long> end = endOffsets(partitions);
    Map<TopicPartition, Long> result = new TreeMap<>(PARTITION_ORDER);
    partitions.forEach(partition -> {
      Long offset = at.get(partition);
      result.put(partition, offset == null || offset < 0 ? end.get(partition) : offset);
    });
    return result;
  }

  /** A consumer group as Kafka describes it; {@link ConsumerGroup#unknown()} if there is none. */
  public ConsumerGroup group(String groupId) {
    try {
      ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(groupId)).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(groupId);
      return ConsumerGroup.of(description);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return ConsumerGroup.unknown(groupId);
      }
      throw failure("describe consumer group " + groupId, e);
    } catch (TimeoutException | InterruptedException e) {
      throw failure("describe consumer group " + groupId, e);
    }
  }

  /** The group's committed offsets; partitions it never committed are absent. */
  public Map<TopicPartition, Long> committed(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "read the offsets of " + groupId);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach((partition, offset) -> {
      if (offset != null) {
        offsets.put(partition, offset.offset());
      }
    });
    return offsets;
  }

  /** Sets where a group that has no members will start reading. */
  public void setGroupOffsets(String groupId, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> wanted = offsets.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue())));
    await(admin.alterConsumerGroupOffsets(groupId, wanted).all(), "set the offsets of " + groupId);
  }

  /**
   * Removes static members from a group by their {@code group.instance.id}: what a stopped
   * instance's stream threads leave behind until their session times out.
   */
  public void removeStaticMembers(String groupId, Collection<String> groupInstanceIds) {
    List<MemberToRemove> members = groupInstanceIds.stream().map(MemberToRemove::new).toList();
    try {
      admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions(members)).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw failure("remove " + members.size() + " member(s) from consumer group " + groupId, e);
    }
  }

  public void deleteGroup(String groupId) {
    try {
      admin.deleteConsumerGroups(List.of(groupId)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      if (e.getCause() instanceof GroupNotEmptyException) {
        throw new CliFailure("consumer group " + groupId + " still has members; it was not deleted");
      }
      throw failure("delete consumer group " + groupId, e);
    } catch (TimeoutException | InterruptedException e) {
      throw failure("delete consumer group " + groupId, e);
    }
  }

  /**
   * The internal topics of a Kafka Streams application, found as Kafka's reset tool finds them:
   * named {@code <application id>-...} and ending as Kafka Streams names changelogs and
   * repartition topics.
   */
  public List<String> internalTopicsOf(String applicationId) {
    return internalTopicsOf(applicationId, topics());
  }

  static List<String> internalTopicsOf(String applicationId, Collection<String> topics) {
    return topics.stream()
        .filter(topic -> topic.startsWith(applicationId + "-") && StreamsResetter.matchesInternalTopicFormat(topic))
        .sorted()
        .toList();
  }

  public void deleteTopics(Collection<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try {
      admin.deleteTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw failure("delete topics " + topics, e);
      }
    } catch (TimeoutException | InterruptedException e) {
      throw failure("delete topics " + topics, e);
    }
  }

  /** Creates the topics that do not exist yet; returns the names of those it created. */
  public List<String> createMissing(Collection<TopicSpec> specs, short replicationFactor) {
    Set<String> existing = topics();
    List<NewTopic> missing = specs.stream()
        .filter(spec -> !existing.contains(spec.name()))
        .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.allConfigs()))
        .toList();
    create(missing);
    return missing.stream().map(NewTopic::name).toList();
  }

  /** Creates a topic with these configs; if someone else created it meanwhile, theirs stays. */
  public void create(String topic, int partitions, short replicationFactor, Map<String, String> configs) {
    create(List.of(new NewTopic(topic, partitions, replicationFactor).configs(configs)));
  }

  private void create(List<NewTopic> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw failure("create topics", e);
      }
    } catch (TimeoutException | InterruptedException e) {
      throw failure("create topics", e);
    }
  }

  /**
   * The configs set on a topic itself (cleanup policy, retention and whatever else was given when
   * it was created or altered since), without the broker's defaults, for creating its like.
   */
  public Map<String, String> configsSetOn(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = await(admin.describeConfigs(List.of(resource)).all(), "describe the configs of " + topic).get(resource);
    Map<String, String> set = new TreeMap<>();
    for (ConfigEntry entry : config.entries()) {
      if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && entry.value() != null) {
        set.put(entry.name(), entry.value());
      }
    }
    return set;
  }

  /** The replication factor of an existing topic's first partition, for creating its like. */
  public short replicationFactorOf(String topic) {
    TopicDescription description = await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe " + topic).get(topic);
    return (short) description.partitions().get(0).replicas().size();
  }

  private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    Map<TopicPartition, ListOffsetsResultInfo> answer = await(admin.listOffsets(request).all(), "read offsets");
    Map<TopicPartition, Long> offsets = new TreeMap<>(PARTITION_ORDER);
    answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw failure(what, e);
    }
  }

  private CliFailure failure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new CliFailure("interrupted while trying to " + what);
    }
    if (e instanceof TimeoutException || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new CliFailure("cannot reach Kafka at " + bootstrapServers + " (no answer within " + timeout.toSeconds()
          + " s while trying to " + what + ")");
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new CliFailure("Kafka at " + bootstrapServers + " refused to " + what + ": " + cause.getMessage());
  }

  /** Topic, then partition number. */
  public static final java.util.Comparator<TopicPartition> PARTITION_ORDER =
      java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
