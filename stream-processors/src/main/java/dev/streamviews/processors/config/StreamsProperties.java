package dev.streamviews.processors.config;

import dev.streamviews.processors.deadletter.DeadLetterCounter;
import dev.streamviews.processors.deadletter.DeadLetterHandler;
import dev.streamviews.processors.deadletter.DeadLetterProcessingHandler;
import dev.streamviews.processors.topology.ShopTopology;
import dev.streamviews.schemas.control.Versions;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of a processor instance: exactly-once (v2), the dead-letter
 * handler, the query endpoint it advertises. One function, so the application and the topology
 * tests run with the same configuration.
 */
public final class StreamsProperties {
  private StreamsProperties() {}

  /** Version 1 of the views, generation 0: what the topology tests run. */
  public static Properties of(ProcessorSettings settings, DeadLetterCounter deadLetters) {
    return of(settings, deadLetters, Versions.FIRST, settings.applicationId() + "@0");
  }

  /**
   * @param version which version of the views: it names the application id (so the consumer group,
   *     internal topics and local state) and the view topics
   * @param generation the label late order lines are tagged with ({@code <application id>@<generation>})
   */
  public static Properties of(ProcessorSettings settings, DeadLetterCounter deadLetters, int version, String generation) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, Versions.applicationId(settings.applicationId(), version));
    config.put(ShopTopology.VERSION_CONFIG, Integer.toString(version));
    config.put(ShopTopology.GENERATION_CONFIG, generation);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
    config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
    config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    config.put(DeadLetterHandler.COUNTER_CONFIG, deadLetters);
    // Dead letters for records that fail in global stores too (we have none yet), as Kafka 5.0 will
    // do by default; Kafka 4.3 recommends it, and warns whenever it reads a config without it. Each
    // stream thread's partition assignor reads one built from the main consumer's configs, which
    // carry only consumer settings and what is given with the main consumer's prefix: without the
    // second line every start logged the warning once per thread.
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    config.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    // A task reads several partitions (orders, payments and shipments of one partition number, or
    // order lines and stock adjustments of one sku partition). By default it stops whenever one of
    // them has records on the broker but none fetched yet, to process all of them in timestamp
    // order. Our views do not need that order: every fold is commutative and idempotent, and
    // lateness is judged per input partition (OrderLinesOut). Waiting cost up to a third of
    // the throughput on a backlog (docs/BENCHMARKS.md, B), so a task processes what it has.
    config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // No record caches. A cached store holds its updates back and emits them at commit, task by
    // task, and under exactly-once each task's emissions are flushed to the broker before the next
    // task's: a commit became 15-19 produce round trips in a row, 60-260 ms in which the stream
    // thread processed nothing, and every event arriving meanwhile waited (docs/BENCHMARKS.md, E).
    // Uncached, updates go out as they happen and a commit is one or two round trips. The price is
    // more changelog and view records on a backlog of repeating keys; an operator who would rather
    // have backlog throughput than freshness sets statestore.cache.max.bytes back (see README).
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    // Consumer sockets sized by the kernel, not Kafka's fixed 64 KiB. On loopback, where a segment
    // can be 64 KiB, the fixed buffer overflowed: the kernel dropped data the broker had sent to the
    // stream thread's consumer several times a second under load, and each drop waits for a
    // retransmission (TCPRcvQDrop in /proc/net/netstat; none with this setting; docs/BENCHMARKS.md, E).
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.RECEIVE_BUFFER_CONFIG), -1);
    // A store is restored (and a standby kept up) a poll of the restore consumer at a time, each
    // poll written to RocksDB as one write batch. Kafka's 1 000 records a poll made restoring a
    // wiped state spend its time on polls and small batches: 10 000 restored 2.6 M changelog
    // records 15-19 % faster in alternating runs; 50 000 with larger fetches no faster than that
    // (docs/BENCHMARKS.md, D). Processing is unchanged: the main consumer keeps its own setting.
    config.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10_000);
    // Exactly-once implies an idempotent producer; acks=all is then required, say so anyway.
    config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    // Static membership: an instance restarted within the session timeout gets its own partitions back
    // without a rebalance, and restores its stores rather than moving work around the group.
    // One id per instance, from its query endpoint (Kafka allows letters, digits, '.', '_' and '-' only).
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        settings.applicationServer().replaceAll("[^A-Za-z0-9._-]", "-"));
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), settings.sessionTimeoutMs());
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), Math.max(1000, settings.sessionTimeoutMs() / 4));
    // A new instance warms up copies first and takes them over once caught up, checked this often (60 s is the least).
    config.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, settings.probingRebalanceIntervalMs());
    config.put(ShopTopology.GRACE_CONFIG, Long.toString(settings.skuSalesGraceMs()));
    config.putAll(settings.streams());
    return config;
  }
}
