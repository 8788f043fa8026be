package dev.streamviews.infra.registry;

/**
 * A refusal in the Confluent Schema Registry's terms: an HTTP status and a numeric error code,
 * answered as {@code {"error_code": ..., "message": ...}}.
 */
final class RegistryError extends RuntimeException {
  final int httpStatus;
  final int errorCode;

  private RegistryError(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(String subject, Object version) {
    return new RegistryError(404, 40402, "Version " + version + " not found under subject '" + subject + "'.");
  }

  static RegistryError schemaNotFound(String what) {
    return new RegistryError(404, 40403, "Schema " + what + " not found.");
  }

  static RegistryError notSoftDeleted(String what) {
    return new RegistryError(404, 40405, what + " must be soft-deleted first before being permanently deleted.");
  }

  static RegistryError subjectLevelNotConfigured(String subject) {
    return new RegistryError(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured.");
  }

  static RegistryError incompatible(String details) {
    return new RegistryError(409, 40901, "Schema being registered is incompatible with an earlier schema: " + details);
  }

  static RegistryError invalidSchema(String details) {
    return new RegistryError(422, 42201, "Invalid schema: " + details);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(422, 42202,
        "The specified version '" + version + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError invalidCompatibilityLevel(String level) {
    return new RegistryError(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are "
        + java.util.Arrays.toString(CompatibilityLevel.values()));
  }

  static RegistryError unprocessable(String details) {
    return new RegistryError(422, 422, details);
  }

  static RegistryError notFound(String path) {
    return new RegistryError(404, 404, "HTTP 404 Not Found: " + path);
  }

  static RegistryError methodNotAllowed(String method) {
    return new RegistryError(405, 405, "HTTP 405 Method Not Allowed: " + method);
  }

  static RegistryError storeUnavailable(String details) {
    return new RegistryError(500, 50002, "Error while writing to the schema store: " + details);
  }
}
