package dev.streamviews.schemas.topics;

/**
 * The headers a dead-lettered record carries, beside the original record's own headers, key and
 * value: why it was dead-lettered, where it came from and when. Values are UTF-8 strings.
 */
public final class DeadLetterHeaders {
  /** One line saying what is wrong with the record. */
  public static final String REASON = "dlq.reason";
  /** The exception class that said so. */
  public static final String EXCEPTION = "dlq.exception";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  /** The original record's timestamp, epoch milliseconds. */
  public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
  /** When it was dead-lettered, as an ISO-8601 instant. */
  public static final String DEAD_LETTERED_AT = "dlq.time";
  /** The application that dead-lettered it. */
  public static final String APPLICATION = "dlq.application";

  private DeadLetterHeaders() {}
}
