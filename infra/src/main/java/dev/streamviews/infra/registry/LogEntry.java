package dev.streamviews.infra.registry;

/**
 * One fact in the registry's log topic. The key says what the fact is about, so compaction keeps
 * the latest fact per version, per subject level and for the id counter.
 */
sealed interface LogEntry {
  /** A version was registered or soft-deleted. */
  record Version(SchemaVersion version) implements LogEntry {}

  /** A version was permanently deleted (a tombstone for its key). */
  record VersionRemoved(String subject, int version) implements LogEntry {}

  /** A compatibility level was set, or removed when {@code level} is null; global when {@code subject} is null. */
  record Level(String subject, CompatibilityLevel level) implements LogEntry {}

  /**
   * The next id to hand out. Kept as its own fact so that an id is never given twice, even after
   * every version that used the highest id was permanently deleted and compacted away.
   */
  record NextId(int next) implements LogEntry {}
}
