package dev.streamviews.schemas.registry;

/**
 * The registry answered and refused the request, with Confluent's numeric error code (for
 * example 40401 subject not found, 40901 incompatible, 42201 invalid schema).
 */
public class RegistryRequestException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public RegistryRequestException(int httpStatus, int errorCode, String message) {
    super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")");
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }
}
