package dev.streamviews.infra.registry;

/** One version of a subject: which schema (by id and text) and whether it is soft-deleted. */
record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {
  SchemaVersion softDeleted() {
    return new SchemaVersion(subject, version, id, schema, true);
  }
}
