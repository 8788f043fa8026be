package dev.streamviews.processors.deadletter;

/**
 * Input that reads fine but breaks a rule of the pipeline (for example, a record in a partition
 * its key does not belong to). A processor throws it; {@link DeadLetterProcessingHandler}
 * dead-letters the record with the reason and processing goes on.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String reason) {
    super(reason);
  }
}
