package dev.streamviews.infra.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable store: a compacted, single-partition Kafka topic, read from the start
 * when the registry starts, so a restart keeps every id. A write returns once the reader has
 * applied it, so the state a request sees after its own write includes that write.
 *
 * <p>Reads topic {@code <topic>} (key and value: JSON strings, see {@link LogEntryCodec}); writes
 * the same topic.
 */
final class SchemaLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SchemaLog.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrapServers;
  private final TopicPartition partition;
  private final Consumer<LogEntry> applier;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Thread reader;
  private final Object progress = new Object();
  private long appliedUpTo; // the offset of the next record the reader will apply
  private volatile RuntimeException readerFailure;

  SchemaLog(String bootstrapServers, String topic, Consumer<LogEntry> applier) {
    this.bootstrapServers = bootstrapServers;
    this.partition = new TopicPartition(topic, 0);
    this.applier = applier;
    this.producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new StringSerializer());
    this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers), new StringDeserializer(), new StringDeserializer());
    this.reader = new Thread(this::readForever, "schema-log-reader");
    this.reader.setDaemon(true);
  }

  /** Creates the topic if need be and returns once every entry already in it is applied. */
  void start(int replicationFactor, Duration timeout) {
    createTopicIfAbsent(replicationFactor, timeout);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    reader.start();
    awaitApplied(end, timeout);
    log.info("Schema log {} read up to offset {}", partition.topic(), end);
  }

  /** Appends the entry and returns once it is applied to the registry's state. */
  void append(LogEntry entry) {
    LogEntryCodec.Encoded encoded = LogEntryCodec.encode(entry);
    try {
      RecordMetadata written = producer.send(new ProducerRecord<>(partition.topic(), 0, encoded.key(), encoded.value()))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitApplied(written.offset() + 1, WRITE_TIMEOUT);
    } catch (ExecutionException | TimeoutException e) {
      throw RegistryError.storeUnavailable(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeUnavailable("interrupted");
    }
  }

  private void readForever() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          applier.accept(LogEntryCodec.decode(record.key(), record.value()));
        }
        synchronized (progress) {
          appliedUpTo = consumer.position(partition);
          progress.notifyAll();
        }
      }
    } catch (WakeupException closing) {
      // close() woke us up: stop reading.
    } catch (RuntimeException e) {
      log.error("Schema log reader stopped; the registry can no longer write", e);
      readerFailure = e;
      synchronized (progress) {
        progress.notifyAll();
      }
    } finally {
      consumer.close();
    }
  }

  private void awaitApplied(long offset, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (appliedUpTo < offset) {
        if (readerFailure != null) {
          throw RegistryError.storeUnavailable("log reader failed: " + readerFailure.getMessage());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw RegistryError.storeUnavailable("log not read back up to offset " + offset + " within " + timeout);
        }
        try {
          progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryError.storeUnavailable("interrupted");
        }
      }
    }
  }

  private void createTopicIfAbsent(int replicationFactor, Duration timeout) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      NewTopic topic = new NewTopic(partition.topic(), 1, (short) replicationFactor)
          .configs(Map.of("cleanup.policy", "compact"));
      admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the schema log topic " + partition.topic(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Properties producerConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer");
    return config;
  }

  private static Properties consumerConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader");
    return config;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    if (!reader.isAlive() && readerFailure == null) {
      consumer.close(); // never started (start() failed early): nobody else will close it
      return;
    }
    consumer.wakeup();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
