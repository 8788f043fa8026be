package dev.streamviews.processors.deadletter;

import dev.streamviews.schemas.registry.RegistryUnavailableException;
import dev.streamviews.schemas.serde.BadDataException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a record Kafka Streams cannot deserialize.
 *
 * <ul>
 *   <li>Bad data (it will never be readable): a copy goes to {@code <topic>.dlq}, written by the
 *       Streams producer in the same transaction as the task's progress, and processing goes on.
 *   <li>The schema registry is unavailable (nothing is known about the record): fail, so the stream
 *       thread is replaced and the record is read again from the last commit: nothing is skipped.
 *   <li>Anything else is a bug of ours: fail rather than drop the record silently.
 * </ul>
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
  /** Config key under which the application passes its {@link DeadLetterCounter} instance. */
  public static final String COUNTER_CONFIG = "streamviews.dead.letter.counter";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

  private DeadLetters deadLetters = DeadLetters.from(Map.of());

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (DeadLetters.causedBy(exception, RegistryUnavailableException.class) != null) {
      log.warn("Schema registry unavailable reading {}-{}@{}; pausing until it answers", record.topic(),
          record.partition(), record.offset());
      return Response.fail();
    }
    BadDataException bad = DeadLetters.causedBy(exception, BadDataException.class);
    if (bad == null) {
      log.error("Unexpected failure deserializing {}-{}@{}", record.topic(), record.partition(), record.offset(), exception);
      return Response.fail();
    }
    DeadLetterRecord.Source source = new DeadLetterRecord.Source(record.topic(), record.partition(), record.offset(),
        record.timestamp(), record.key(), record.value(), record.headers());
    return Response.resume(List.of(deadLetters.letterFor(source, bad.reason(), bad)));
  }
}
