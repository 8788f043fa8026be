package dev.streamviews.infra.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the registry knows, rebuilt from its log on start and kept current by applying each
 * log entry as it is read back. Only {@link SchemaLog}'s reader thread changes it.
 */
final class RegistryState {
  private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;

  synchronized void apply(LogEntry entry) {
    if (entry instanceof LogEntry.Version v) {
      putVersion(v.version());
    } else if (entry instanceof LogEntry.VersionRemoved r) {
      removeVersion(r.subject(), r.version());
    } else if (entry instanceof LogEntry.Level l) {
      applyLevel(l);
    } else if (entry instanceof LogEntry.NextId n) {
      nextId = Math.max(nextId, n.next());
    }
  }

  private void applyLevel(LogEntry.Level entry) {
    if (entry.subject() == null) {
      globalLevel = entry.level() == null ? CompatibilityLevel.BACKWARD : entry.level();
    } else if (entry.level() == null) {
      subjectLevels.remove(entry.subject());
    } else {
      subjectLevels.put(entry.subject(), entry.level());
    }
  }

  private void putVersion(SchemaVersion version) {
    subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
    idsBySchema.put(version.schema(), version.id());
    schemasById.put(version.id(), version.schema());
    nextId = Math.max(nextId, version.id() + 1);
  }

  /** A permanent delete: the id stays resolvable while any version, in any subject, still uses it. */
  private void removeVersion(String subject, int version) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    SchemaVersion removed = versions.remove(version);
    if (versions.isEmpty()) {
      subjects.remove(subject);
    }
    if (removed != null && allVersions().noneMatch(v -> v.id() == removed.id())) {
      idsBySchema.remove(removed.schema());
      schemasById.remove(removed.id());
    }
  }

  synchronized int nextId() {
    return nextId;
  }

  synchronized Optional<Integer> idOf(String schema) {
    return Optional.ofNullable(idsBySchema.get(schema));
  }

  synchronized Optional<String> schemaById(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** The subject's versions, oldest first; soft-deleted ones only if asked for. */
  synchronized List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    TreeMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, new TreeMap<>());
    return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  synchronized int highestVersionNumber(String subject) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null ? 0 : versions.lastKey();
  }

  synchronized List<String> subjects(boolean includeDeleted) {
    List<String> names = new ArrayList<>();
    subjects.forEach((name, versions) -> {
      if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
        names.add(name);
      }
    });
    return names;
  }

  synchronized List<SchemaVersion> versionsUsing(int id) {
    return allVersions().filter(v -> v.id() == id && !v.deleted()).toList();
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  private java.util.stream.Stream<SchemaVersion> allVersions() {
    return subjects.values().stream().flatMap(versions -> versions.values().stream());
  }
}
