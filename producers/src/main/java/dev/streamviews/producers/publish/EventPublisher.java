package dev.streamviews.producers.publish;

import dev.streamviews.schemas.registry.SchemaRegistry;
import dev.streamviews.schemas.serde.AvroSerializer;
import dev.streamviews.schemas.trace.TraceParent;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to Kafka: string keys, Avro values in the Confluent wire format, an idempotent
 * producer with {@code acks=all}, so a retried send is never written twice. The library behind
 * {@code scripts/produce}.
 *
 * <p>Writes any input topic of the catalogue: key String, value the topic's Avro event.
 */
public final class EventPublisher implements AutoCloseable {
  private static final long PROGRESS_EVERY_MILLIS = 2_000;
  /** How long a record may wait for others to share its batch: Kafka's default since 4.0. */
  public static final int LINGER_MS = 5;
  /**
   * The same when publishing as fast as possible. Records are keyed, so they spread over every
   * partition of a topic, and at a few hundred thousand records a second a partition's batch holds
   * only about 5 ms worth when it goes; 20 ms fills the 128 KiB batches, and the CLI published 12 %
   * more generated orders a second (docs/BENCHMARKS.md, A). Nobody waits for one record of a bulk
   * publish: the publish ends by flushing whatever lingers.
   */
  public static final int BULK_LINGER_MS = 20;

  private final KafkaProducer<String, IndexedRecord> producer;
  /** One trace per publisher; each record is a span of it, in its traceparent header. */
  private final TraceParent trace = TraceParent.start();
  private final SpanHeaders spans = new SpanHeaders(trace);

  public EventPublisher(String bootstrapServers, SchemaRegistry registry, Map<String, Object> overrides) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    config.putAll(overrides);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(registry, true));
  }

  /**
   * The settings that differ by pace: a paced publish (events a second given) sends each record
   * within {@link #LINGER_MS}, one as fast as possible fills its batches ({@link #BULK_LINGER_MS}).
   */
  public static Map<String, Object> settingsFor(double ratePerSecond) {
    return Map.of(ProducerConfig.LINGER_MS_CONFIG, ratePerSecond > 0 ? LINGER_MS : BULK_LINGER_MS);
  }

  /**
   * Sends every event and waits until each is acknowledged or has failed.
   *
   * <p>An interrupt of the calling thread stops it: no event is taken after it, and every one sent
   * before is still waited for, so the summary ({@link PublishSummary#interrupted()}) tells exactly
   * what reached Kafka. The interrupt is consumed there rather than left set, since Kafka's producer
   * refuses to wait for its flush and its close in an interrupted thread.
   *
   * @param ratePerSecond at most this many events a second; 0 for as fast as possible
   */
  public PublishSummary publish(Iterator<OutgoingEvent> events, double ratePerSecond, ProgressListener progress) {
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    Map<TopicPartition, Long> lastOffsets = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    long nextReport = PROGRESS_EVERY_MILLIS;
    long count = 0;
    // One callback for every record: it holds nothing of a record's own.
    Callback onAnswer = (RecordMetadata metadata, Exception error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
        lastOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max);
      } else {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, error.getMessage());
      }
    };
    boolean interrupted = false;
    while (events.hasNext()) {
      if (Thread.interrupted() || ratePerSecond > 0 && !pace(started, count, ratePerSecond)) {
        interrupted = true;
        break;
      }
      OutgoingEvent event = events.next();
      ProducerRecord<String, IndexedRecord> record = new ProducerRecord<>(event.topic(), null, event.timestamp(), event.key(), event.value());
      record.headers().add(TraceParent.HEADER, spans.next());
      try {
        producer.send(record, onAnswer);
      } catch (InterruptException e) {
        // Interrupted while waiting for room in the producer's buffer: this record was not sent.
        Thread.interrupted();
        interrupted = true;
        break;
      }
      count++;
      long elapsed = elapsedMillis(started);
      if (elapsed >= nextReport) {
        progress.progress(acknowledged.get(), elapsed);
        nextReport = elapsed + PROGRESS_EVERY_MILLIS;
      }
    }
    flushAll();
    return new PublishSummary(acknowledged.get(), failed.get(), firstFailure.get(), Map.copyOf(lastOffsets), trace.traceId(),
        Duration.ofNanos(System.nanoTime() - started), interrupted);
  }

  /**
   * Sleeps just long enough that event number {@code sent} goes out no earlier than its slot; false
   * when interrupted meanwhile (the interrupt consumed), and the event is not to be sent.
   */
  private static boolean pace(long startedNanos, long sent, double ratePerSecond) {
    long due = startedNanos + (long) (sent * 1_000_000_000L / ratePerSecond);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Waits until every record sent is acknowledged or has failed, through interrupts too: they stop
   * the sending, not the waiting, which the delivery timeout bounds. Kafka's flush gives up on an
   * interrupt with the records still in flight, and the summary would then not say what reached Kafka.
   */
  private void flushAll() {
    while (true) {
      try {
        producer.flush();
        return;
      } catch (InterruptException e) {
        Thread.interrupted();
      }
    }
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
