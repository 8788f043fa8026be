package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.serde.AvroSerializer;
import dev.streamviews.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the schema registry down, records whose schema the processor has not cached cannot be read:
 * they are neither dead-lettered nor skipped. Processing waits, and resumes when the registry is
 * back, with nothing lost.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class RegistryOutageIT {
  private final Pipeline pipeline;

  RegistryOutageIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void waitsOutARegistryOutageAndThenProcessesEveryRecord() throws Exception {
    String run = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    // A compatible version of OrderPlaced the processor has never seen, so its id is in no cache there.
    Schema unseen = SchemaBuilder.record("OrderPlaced").namespace("dev.streamviews.schemas.events").fields()
        .name("orderId").type().stringType().noDefault()
        .name("customerId").type().stringType().noDefault()
        .name("lines").type(Topics.ORDERS.valueSchema().getField("lines").schema()).noDefault()
        .name("placedAt").type(Topics.ORDERS.valueSchema().getField("placedAt").schema()).noDefault()
        .name("probe_" + run.substring(7)).type().stringType().stringDefault("none")
        .endRecord();
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(new SchemaRegistryClient(pipeline.cluster.schemaRegistryUrl()), true);
    List<String> orderIds = List.of(run + "-1", run + "-2", run + "-3");
    List<byte[]> values = new ArrayList<>();
    for (String orderId : orderIds) {
      values.add(serializer.serialize(Topics.ORDERS.name(), order(unseen, orderId))); // registers it while the registry is up
    }
    double deadLettersBefore = deadLetters();

    pipeline.cluster.stopRegistry();
    try {
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          pipeline.cluster.bootstrapServers()), new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
        for (int i = 0; i < orderIds.size(); i++) {
          producer.send(new ProducerRecord<>(Topics.ORDERS.name(), orderIds.get(i), values.get(i))).get();
        }
      }
      Awaitility.await("nothing processed, nothing dead-lettered while the registry is down")
          .during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
          .until(() -> orderIds.stream().noneMatch(this::inView) && deadLetters() == deadLettersBefore);
      assertThat(pipeline.processorsAlive()).isTrue();
      assertThat(pipeline.allProcessorsAnswer("/healthz/liveness")).isTrue();
    } finally {
      pipeline.cluster.startRegistry();
    }

    Awaitility.await("every record processed once the registry is back").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1)).until(() -> orderIds.stream().allMatch(this::inView));
    assertThat(deadLetters()).isEqualTo(deadLettersBefore);
    Awaitility.await("processor ready again").atMost(Duration.ofSeconds(60))
        .until(() -> pipeline.allProcessorsAnswer("/healthz/readiness"));
  }

  private boolean inView(String orderId) {
    return ViewServiceCalls.get(pipeline.viewService, "/views/order-status/" + orderId).status() == 200;
  }

  private double deadLetters() {
    return Prometheus.sum(pipeline.processorHttps(), "streamviews_dead_letters_total");
  }

  private static GenericRecord order(Schema schema, String orderId) {
    GenericRecord line = new GenericData.Record(schema.getField("lines").schema().getElementType());
    line.put("sku", "sku-001");
    line.put("quantity", 1);
    line.put("unitPriceCents", 100L);
    return new GenericRecordBuilder(schema) // fills the new field with its default
        .set("orderId", orderId)
        .set("customerId", "c-outage")
        .set("lines", List.of(line))
        .set("placedAt", Instant.parse("2026-11-01T00:00:00Z").toEpochMilli())
        .build();
  }
}
