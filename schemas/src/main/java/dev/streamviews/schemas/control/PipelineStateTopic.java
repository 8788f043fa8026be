package dev.streamviews.schemas.control;

import dev.streamviews.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes a pipeline's state in {@code streamviews.pipeline-state}, keyed by the
 * pipeline's base application id (so pipelines sharing a cluster keep apart).
 */
public final class PipelineStateTopic {
  /** The one partition of the topic. */
  public static final TopicPartition PARTITION = new TopicPartition(Topics.PIPELINE_STATE.name(), 0);

  private final String bootstrapServers;
  private final String pipeline;

  /**
   * @param pipeline the pipeline's base application id, the key of its state
   */
  public PipelineStateTopic(String bootstrapServers, String pipeline) {
    this.bootstrapServers = bootstrapServers;
    this.pipeline = pipeline;
  }

  public String pipeline() {
    return pipeline;
  }

  /**
   * The pipeline's latest state, read to the end of the topic; the initial state if it never had one.
   *
   * @throws IllegalStateException when the topic cannot be read within the timeout (missing, broker down)
   */
  public PipelineState read(Duration timeout) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      if (consumer.partitionsFor(PARTITION.topic(), timeout).isEmpty()) {
        throw new IllegalStateException("no topic " + PARTITION.topic() + " (create the topics first: scripts/topics create)");
      }
      consumer.assign(List.of(PARTITION));
      consumer.seekToBeginning(List.of(PARTITION));
      long end = consumer.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
      long deadline = System.nanoTime() + timeout.toNanos();
      Optional<PipelineState> latest = Optional.empty();
      while (consumer.position(PARTITION, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + PARTITION.topic() + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          latest = apply(latest, record);
        }
      }
      return latest.orElseGet(PipelineStates::initial);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new IllegalStateException("cannot read " + PARTITION.topic() + " from " + bootstrapServers + " within " + timeout, e);
    }
  }

  /** The state a record brings, if it is this pipeline's; a tombstone brings the initial state back. */
  public Optional<PipelineState> apply(Optional<PipelineState> before, ConsumerRecord<String, byte[]> record) {
    if (!pipeline.equals(record.key())) {
      return before;
    }
    return Optional.of(record.value() == null ? PipelineStates.initial() : PipelineStates.decode(record.value()));
  }

  /** Writes the whole state, acknowledged by every in-sync replica, before returning. */
  public void write(PipelineState state, Duration timeout) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis() / 2, 30_000));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(PARTITION.topic(), PARTITION.partition(), pipeline, PipelineStates.encode(state)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the pipeline state", e);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot write the pipeline state to " + PARTITION.topic() + ": " + cause.getMessage(), e);
    }
  }

  /** A consumer of the topic: no group, committed reads only. */
  public static Properties consumerConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }
}
