package dev.streamviews.schemas.registry;

/** The subject's compatibility level refused the schema (HTTP 409). */
public class IncompatibleSchemaException extends RegistryRequestException {
  public IncompatibleSchemaException(int httpStatus, int errorCode, String message) {
    super(httpStatus, errorCode, message);
  }
}
