package dev.streamviews.processors.versions;

import dev.streamviews.schemas.control.PipelineState;
import dev.streamviews.schemas.control.PipelineStateTopic;
import dev.streamviews.schemas.control.PipelineStates;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the pipeline's state in {@code streamviews.pipeline-state} on a thread of its own: reads
 * the topic to its end first and hands over the state found (the initial state if there is none),
 * then hands over every later change as it arrives. Without the topic (topics created by an older
 * release), the pipeline is in its initial state, and the topic is looked for again now and then.
 */
final class PipelineStateWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineStateWatcher.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

  private final PipelineStateTopic topic;
  private final String bootstrapServers;
  private final Consumer<PipelineState> listener;
  private final Thread thread;
  private volatile boolean closed;
  private volatile KafkaConsumer<String, byte[]> consumer;

  PipelineStateWatcher(String bootstrapServers, String pipeline, Consumer<PipelineState> listener) {
    this.bootstrapServers = bootstrapServers;
    this.topic = new PipelineStateTopic(bootstrapServers, pipeline);
    this.listener = listener;
    this.thread = new Thread(this::run, "pipeline-state");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(PipelineStateTopic.consumerConfig(bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = reader;
      boolean told = false;
      while (!closed && !assign(reader)) {
        if (!told) {
          log.warn("No topic {}: version 1 serves (create it with scripts/topics create; scripts/replay needs it)",
              PipelineStateTopic.PARTITION.topic());
          listener.accept(PipelineStates.initial());
          told = true;
        }
        sleep(LOOK_AGAIN);
      }
      Optional<PipelineState> latest = readToEnd(reader);
      if (!told || latest.isPresent()) {
        listener.accept(latest.orElseGet(PipelineStates::initial));
      }
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
          follow(record);
        }
      }
    } catch (WakeupException closing) {
      // close() woke the poll up
    } catch (RuntimeException e) {
      log.error("Stopped following the pipeline state: {}", e.toString(), e);
    }
  }

  private boolean assign(KafkaConsumer<String, byte[]> reader) {
    try {
      if (reader.partitionsFor(PipelineStateTopic.PARTITION.topic(), Duration.ofSeconds(10)).isEmpty()) {
        return false;
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      log.warn("Cannot reach Kafka to read the pipeline state yet: {}", e.getMessage());
      return false;
    }
    reader.assign(List.of(PipelineStateTopic.PARTITION));
    reader.seekToBeginning(List.of(PipelineStateTopic.PARTITION));
    return true;
  }

  private Optional<PipelineState> readToEnd(KafkaConsumer<String, byte[]> reader) {
    long end = reader.endOffsets(List.of(PipelineStateTopic.PARTITION)).get(PipelineStateTopic.PARTITION);
    Optional<PipelineState> latest = Optional.empty();
    while (!closed && reader.position(PipelineStateTopic.PARTITION) < end) {
      for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
        latest = read(latest, record);
      }
    }
    return latest;
  }

  private void follow(ConsumerRecord<String, byte[]> record) {
    Optional<PipelineState> next = read(Optional.empty(), record);
    next.ifPresent(listener);
  }

  /** A record of another pipeline changes nothing; one this build cannot read is logged and left alone. */
  private Optional<PipelineState> read(Optional<PipelineState> before, ConsumerRecord<String, byte[]> record) {
    try {
      return topic.apply(before, record);
    } catch (IllegalStateException unreadable) {
      log.error("Ignoring pipeline state at offset {}: {}", record.offset(), unreadable.getMessage());
      return before;
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<String, byte[]> reader = consumer;
    if (reader != null) {
      reader.wakeup();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
