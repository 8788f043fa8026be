package dev.streamviews.schemas.registry;

/** The registry does not know the schema id, or the subject does not hold the schema. */
public class SchemaNotFoundException extends RegistryRequestException {
  public SchemaNotFoundException(int httpStatus, int errorCode, String message) {
    super(httpStatus, errorCode, message);
  }
}
