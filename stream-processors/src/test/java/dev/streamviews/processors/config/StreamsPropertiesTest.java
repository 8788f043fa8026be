package dev.streamviews.processors.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.processors.deadletter.DeadLetterHandler;
import dev.streamviews.processors.deadletter.DeadLetterProcessingHandler;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StreamsPropertiesTest {

  @Test
  void tasksProcessWhatTheyHaveRatherThanWaitForEveryInputPartition() {
    Properties config = StreamsProperties.of(settings(Map.of()), topic -> { });

    assertThat(config.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }

  @Test
  void deadLetterHandlersCoverEveryKindOfProcessing() {
    StreamsConfig config = new StreamsConfig(StreamsProperties.of(settings(Map.of()), topic -> { }));

    assertThat(config.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterProcessingHandler.class);
    assertThat(config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterHandler.class);
    assertThat(config.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
  }

  @Test
  void theConfigEachThreadsAssignorReadsCarriesTheGlobalHandlerSettingSoKafkaStreamsDoesNotWarn() {
    StreamsConfig config = new StreamsConfig(StreamsProperties.of(settings(Map.of()), topic -> { }));
    // What a stream thread's main consumer is configured with, and its partition assignor reads back as a StreamsConfig.
    Map<String, Object> mainConsumer = config.getMainConsumerConfigs("streamviews-processor", "client-1", 0);
    Logger streamsConfigLog = (Logger) LoggerFactory.getLogger(StreamsConfig.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    streamsConfigLog.addAppender(logged);
    Level quietInTests = streamsConfigLog.getLevel(); // logback-test.xml keeps StreamsConfig at ERROR
    streamsConfigLog.setLevel(Level.WARN);
    try {
      new StreamsConfig(mainConsumer);
    } finally {
      streamsConfigLog.setLevel(quietInTests);
      streamsConfigLog.detachAppender(logged);
    }

    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(message -> message.contains("GlobalThread"));
  }

  @Test
  void storesAreNotCachedSoACommitHasNoBacklogOfUpdatesToFlushTaskByTask() {
    Properties config = StreamsProperties.of(settings(Map.of()), topic -> { });

    assertThat(new StreamsConfig(config).getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isZero();
  }

  @Test
  void consumersLeaveTheirSocketReceiveBufferToTheKernel() {
    StreamsConfig config = new StreamsConfig(StreamsProperties.of(settings(Map.of()), topic -> { }));

    assertThat(config.getMainConsumerConfigs("streamviews-test", "main", 0).get(ConsumerConfig.RECEIVE_BUFFER_CONFIG)).isEqualTo(-1);
    assertThat(config.getRestoreConsumerConfigs("restore").get(ConsumerConfig.RECEIVE_BUFFER_CONFIG)).isEqualTo(-1);
  }

  @Test
  void storesAreRestoredInLargerBatchesThanRecordsAreProcessed() {
    StreamsConfig config = new StreamsConfig(StreamsProperties.of(settings(Map.of()), topic -> { }));

    assertThat(config.getRestoreConsumerConfigs("restore").get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).isEqualTo(10_000);
    assertThat(config.getMainConsumerConfigs("streamviews-test", "main", 0).get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))
        .hasToString("1000"); // Kafka Streams' own default for its consumers
  }

  @Test
  void passedThroughStreamsConfigsWinOverOurDefaults() {
    Properties config = StreamsProperties.of(settings(Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "10485760")), topic -> { });

    assertThat(config.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
    assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    assertThat(new StreamsConfig(config).getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(10_485_760L);
  }

  private static ProcessorSettings settings(Map<String, String> streams) {
    return new ProcessorSettings("streamviews-test", "127.0.0.1:1", "mock://registry", "/tmp/unused", "127.0.0.1", 7070, null,
        0, 1, 1, 100, 60_000, 10_000, 60_000, 10_000, 10_000, 30_000, streams);
  }
}
