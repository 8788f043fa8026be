package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.schemas.topics.Topics;
import dev.streamviews.schemas.topics.Views;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No topic of the pipeline lets the broker delete records by time unless they carry the time they
 * were written. The broker deletes a segment once its newest timestamp is older than the topic's
 * {@code retention.ms}, and our records carry event times (an order's placedAt, a window's end),
 * which for replayed history are months old: a topic kept by time would lose that history as soon
 * as a segment rolled (the sku-sales changelog once did). Dead letters are stamped when they are
 * dead-lettered ({@code DeadLetterEndToEndIT} checks that), so they may go after Kafka's week.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class TimeRetentionIT {
  private final Pipeline pipeline;

  TimeRetentionIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void onlyDeadLettersAreDeletedByTime() throws Exception {
    Map<String, Config> topics = pipelineTopicConfigs();
    // The processors create their internal topics on start; these must be among those checked.
    assertThat(topics.keySet()).as("the pipeline's topics").contains(Topics.ORDERS.name(), Topics.LATE_EVENTS.name(),
        Topics.ORDERS.deadLetters().name());
    assertThat(topics.keySet()).as("the processors' internal topics")
        .anySatisfy(name -> assertThat(name).endsWith("-" + Views.SKU_SALES_PER_MINUTE.storeName() + "-changelog"))
        .anySatisfy(name -> assertThat(name).endsWith("-repartition"));

    Map<String, String> keptByTime = new TreeMap<>();
    topics.forEach((name, config) -> {
      String retention = config.get("retention.ms").value();
      if (config.get("cleanup.policy").value().contains("delete") && !"-1".equals(retention)) {
        keptByTime.put(name, retention);
      }
    });
    assertThat(keptByTime).as("topics whose records the broker deletes by time (name = retention.ms)")
        .isNotEmpty()
        .allSatisfy((name, retention) -> assertThat(name).endsWith(".dlq"));
  }

  /** Every topic of the inputs, views and processors (theirs start with the pipeline's id), with its configs. */
  private Map<String, Config> pipelineTopicConfigs() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.cluster.bootstrapServers()))) {
      List<ConfigResource> resources = admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith("shop.") || name.startsWith("streamviews"))
          .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
          .toList();
      Map<String, Config> configs = new TreeMap<>();
      admin.describeConfigs(resources).all().get().forEach((resource, config) -> configs.put(resource.name(), config));
      return configs;
    }
  }
}
