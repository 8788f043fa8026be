package dev.streamviews.schemas.registry;

/**
 * The registry could not be reached or kept failing (timeouts, 408, 429, 5xx) after the retries
 * of the {@link RetryPolicy}. Nothing is known about the data: a consumer must pause and retry,
 * never dead-letter or skip the record.
 */
public class RegistryUnavailableException extends RuntimeException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
