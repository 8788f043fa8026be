package dev.streamviews.processors.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a processor throws. {@link InvalidInputException}: the input record,
 * as it was read, goes to {@code <topic>.dlq} with the reason, and processing goes on. Anything
 * else fails the thread (a registry outage is then retried, a bug stops the client): a record is
 * never dropped silently.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private DeadLetters deadLetters = DeadLetters.from(Map.of());

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    InvalidInputException invalid = DeadLetters.causedBy(exception, InvalidInputException.class);
    if (invalid == null) {
      log.error("Processor {} failed on {}-{}@{}", context.processorNodeId(), context.topic(), context.partition(),
          context.offset(), exception);
      return Response.fail();
    }
    DeadLetterRecord.Source source = new DeadLetterRecord.Source(context.topic(), context.partition(), context.offset(),
        context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), context.headers());
    return Response.resume(List.of(deadLetters.letterFor(source, invalid.getMessage(), invalid)));
  }
}
