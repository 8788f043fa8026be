package dev.streamviews.replay.kafka;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * A consumer group as the replay commands need it: whether Kafka knows it, its state, and who is
 * in it (to name the running instances a reset refuses to run beside).
 */
public record ConsumerGroup(String id, boolean known, GroupState state, List<Member> members) {

  /** Kafka Streams names a thread's consumer {@code <application>-<process id>-StreamThread-<n>-consumer}. */
  private static final Pattern STREAM_THREAD = Pattern.compile("-StreamThread-(\\d+)-consumer$");

  /** One member of the group: a consumer, for a Kafka Streams application one per stream thread. */
  public record Member(String clientId, String host, String instanceId) {
    @Override
    public String toString() {
      return clientId + " at " + host + (instanceId == null ? "" : " (instance " + instanceId + ")");
    }

    /**
     * The application instance this member is a stream thread of. With static membership, its
     * static id without the thread number Kafka Streams appends to it: that stays the same when
     * the instance starts a new Kafka Streams client (a member of the old one stays in the group
     * until its session times out). Without, the Kafka Streams client. A member that is not a
     * stream thread is an instance of its own.
     */
    public String instance() {
      Optional<String> staticInstance = staticInstance();
      if (staticInstance.isPresent()) {
        return "instance " + staticInstance.get() + " at " + host;
      }
      Matcher thread = STREAM_THREAD.matcher(clientId);
      if (!thread.find()) {
        return toString();
      }
      return clientId.substring(0, thread.start()) + " at " + host + (instanceId == null ? "" : " (instance " + instanceId + ")");
    }

    /**
     * The static id of the instance a stream thread belongs to, when it is a static member: the
     * thread's {@code group.instance.id} without the thread number Kafka Streams appends to it.
     */
    public Optional<String> staticInstance() {
      Matcher thread = STREAM_THREAD.matcher(clientId);
      if (instanceId == null || !thread.find()) {
        return Optional.empty();
      }
      String threadSuffix = "-" + thread.group(1);
      return instanceId.endsWith(threadSuffix)
          ? Optional.of(instanceId.substring(0, instanceId.length() - threadSuffix.length()))
          : Optional.empty();
    }
  }

  /** The application instances in the group, each once however many stream threads it runs. */
  public Set<String> instances() {
    Set<String> instances = new LinkedHashSet<>();
    members.forEach(member -> instances.add(member.instance()));
    return instances;
  }

  static ConsumerGroup of(ConsumerGroupDescription description) {
    GroupState state = description.groupState();
    List<Member> members = description.members().stream()
        .map(member -> new Member(member.clientId(), member.host(), member.groupInstanceId().orElse(null)))
        .toList();
    // Older brokers describe a group they never heard of as DEAD rather than failing.
    boolean known = state != GroupState.DEAD || !members.isEmpty();
    return new ConsumerGroup(description.groupId(), known, state, members);
  }

  static ConsumerGroup unknown(String id) {
    return new ConsumerGroup(id, false, GroupState.DEAD, List.of());
  }

  /** Members are in and no rebalance is under way. */
  public boolean stableWithMembers() {
    return state == GroupState.STABLE && !members.isEmpty();
  }
}
