package dev.streamviews.schemas.registry;

/** The registry could not parse the schema (HTTP 422, error code 42201). */
public class InvalidSchemaException extends RegistryRequestException {
  public InvalidSchemaException(int httpStatus, int errorCode, String message) {
    super(httpStatus, errorCode, message);
  }
}
