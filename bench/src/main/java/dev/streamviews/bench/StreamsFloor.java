package dev.streamviews.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * What Kafka Streams itself costs on this machine, for reading figure B: an application that
 * reads the same backlog with the processor's settings (exactly-once v2, as many stream threads, 100 ms
 * commits, tasks that do not wait for every input partition) and does nothing with a record: no
 * deserialization, no state, no output (its progress is read from its committed offsets). Not a reference (it is our code, not a tool),
 * but the ceiling any Kafka Streams application reaches here, so the distance from it to
 * ConsumerPerformance is the framework's and the distance from it to B is our topology's.
 */
final class StreamsFloor implements AutoCloseable {
  private final KafkaStreams streams;

  private StreamsFloor(String bootstrapServers, String applicationId, List<String> inputs, Path stateDir, int streamThreads) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).foreach((key, value) -> { });
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // As the processor sets it (StreamsProperties says why twice); left out, Kafka Streams 4.3 warns.
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    config.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    this.streams = new KafkaStreams(builder.build(), config);
  }

  static StreamsFloor start(String bootstrapServers, String applicationId, List<String> inputs, Path stateDir, int streamThreads) {
    StreamsFloor floor = new StreamsFloor(bootstrapServers, applicationId, inputs, stateDir, streamThreads);
    floor.streams.start();
    return floor;
  }

  boolean running() {
    return streams.state().isRunningOrRebalancing() || streams.state() == KafkaStreams.State.CREATED;
  }

  @Override
  public void close() {
    streams.close();
  }
}
