package dev.streamviews.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes of a record cannot be read, and never will be: a wrong magic byte, a truncated
 * payload, a schema id the registry does not know, or a body the schema cannot read. Such a
 * record may be dead-lettered. (An unreachable registry is a different failure:
 * {@link dev.streamviews.schemas.registry.RegistryUnavailableException}.)
 */
public class BadDataException extends SerializationException {
  private final String reason;

  public BadDataException(String reason) {
    super(reason);
    this.reason = reason;
  }

  public BadDataException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** One line saying what is wrong with the record, for people and dead-letter headers. */
  public String reason() {
    return reason;
  }
}
