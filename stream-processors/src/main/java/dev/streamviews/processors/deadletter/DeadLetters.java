package dev.streamviews.processors.deadletter;

import dev.streamviews.schemas.trace.TraceParent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both error handlers share: the application id and counter from the Streams config, and the
 * making of a dead-letter record (logged and counted once).
 */
final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterCounter counter;
  private final String applicationId;
  private final Clock clock = Clock.systemUTC();

  private DeadLetters(DeadLetterCounter counter, String applicationId) {
    this.counter = counter;
    this.applicationId = applicationId;
  }

  static DeadLetters from(Map<String, ?> configs) {
    Object counter = configs.get(DeadLetterHandler.COUNTER_CONFIG);
    Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    return new DeadLetters(counter instanceof DeadLetterCounter c ? c : DeadLetterCounter.NONE, id == null ? "" : id.toString());
  }

  ProducerRecord<byte[], byte[]> letterFor(DeadLetterRecord.Source source, String reason, Throwable cause) {
    Header trace = source.headers() == null ? null : source.headers().lastHeader(TraceParent.HEADER);
    String traceId = trace == null ? "-" : TraceParent.parse(new String(trace.value(), StandardCharsets.UTF_8)).map(TraceParent::traceId).orElse("-");
    log.warn("Dead-lettering {}-{}@{} (trace {}): {}", source.topic(), source.partition(), source.offset(), traceId, reason);
    counter.deadLettered(source.topic());
    return DeadLetterRecord.of(source, reason, cause, applicationId, clock.instant());
  }

  static <T extends Throwable> T causedBy(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
