package dev.streamviews.infra.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's operations, in the terms of the Confluent Schema Registry API. Reads come from
 * {@link RegistryState}; every change is a {@link LogEntry} appended to the {@link SchemaLog}.
 * Changes are serialised: one registry process is the only writer of its log.
 */
final class RegistryService {
  private final RegistryState state;
  private final SchemaLog log;

  RegistryService(RegistryState state, SchemaLog log) {
    this.state = state;
    this.log = log;
  }

  /** Registers the schema under the subject, or returns its id if a live version already has it. */
  synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    List<SchemaVersion> live = state.versions(subject, false);
    for (SchemaVersion version : live) {
      if (version.schema().equals(canonical)) {
        return version.id();
      }
    }
    List<String> problems = levelOf(subject).problems(schema, parseAll(live));
    if (!problems.isEmpty()) {
      throw RegistryError.incompatible(String.join("; ", problems));
    }
    Optional<Integer> existingId = state.idOf(canonical);
    int id = existingId.orElseGet(state::nextId);
    if (existingId.isEmpty()) {
      log.append(new LogEntry.NextId(id + 1));
    }
    int versionNumber = state.highestVersionNumber(subject) + 1;
    log.append(new LogEntry.Version(new SchemaVersion(subject, versionNumber, id, canonical, false)));
    return id;
  }

  /** The live version of the subject that holds this schema. */
  SchemaVersion lookup(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    List<SchemaVersion> live = requireSubject(subject, false);
    return live.stream().filter(v -> v.schema().equals(canonical)).findFirst()
        .orElseThrow(() -> RegistryError.schemaNotFound("under subject '" + subject + "'"));
  }

  String schemaById(int id) {
    return state.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("id " + id));
  }

  List<SchemaVersion> versionsUsing(int id) {
    schemaById(id);
    return state.versionsUsing(id);
  }

  List<String> subjects(boolean includeDeleted) {
    return state.subjects(includeDeleted);
  }

  List<Integer> versionNumbers(String subject, boolean includeDeleted) {
    return requireSubject(subject, includeDeleted).stream().map(SchemaVersion::version).toList();
  }

  SchemaVersion version(String subject, String versionText, boolean includeDeleted) {
    VersionRef ref = VersionRef.parse(versionText);
    List<SchemaVersion> versions = requireSubject(subject, includeDeleted);
    return ref.pick(versions).orElseThrow(() -> RegistryError.versionNotFound(subject, versionText));
  }

  /** Soft-deletes every live version, or permanently removes a subject already soft-deleted. */
  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<SchemaVersion> all = requireSubject(subject, true);
    List<Integer> numbers = new ArrayList<>();
    if (permanent) {
      if (all.stream().anyMatch(v -> !v.deleted())) {
        throw RegistryError.notSoftDeleted("Subject '" + subject + "'");
      }
      for (SchemaVersion version : all) {
        log.append(new LogEntry.VersionRemoved(subject, version.version()));
        numbers.add(version.version());
      }
      return numbers;
    }
    List<SchemaVersion> live = requireSubject(subject, false);
    for (SchemaVersion version : live) {
      log.append(new LogEntry.Version(version.softDeleted()));
      numbers.add(version.version());
    }
    return numbers;
  }

  synchronized int deleteVersion(String subject, String versionText, boolean permanent) {
    SchemaVersion version = version(subject, versionText, permanent);
    if (permanent) {
      if (!version.deleted()) {
        throw RegistryError.notSoftDeleted("Version " + version.version() + " of subject '" + subject + "'");
      }
      log.append(new LogEntry.VersionRemoved(subject, version.version()));
    } else {
      log.append(new LogEntry.Version(version.softDeleted()));
    }
    return version.version();
  }

  /**
   * Why the schema may not be registered after the given version, or after the versions the
   * subject's level checks when {@code versionText} is null. Empty when it may.
   */
  List<String> compatibilityProblems(String subject, String versionText, String schemaText) {
    Schema candidate = parse(schemaText);
    CompatibilityLevel level = levelOf(subject);
    if (versionText == null) {
      return level.problems(candidate, parseAll(state.versions(subject, false)));
    }
    SchemaVersion against = version(subject, versionText, false);
    return level.problems(candidate, List.of(parse(against.schema())));
  }

  CompatibilityLevel globalLevel() {
    return state.globalLevel();
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return state.subjectLevel(subject);
  }

  CompatibilityLevel levelOf(String subject) {
    return state.subjectLevel(subject).orElse(state.globalLevel());
  }

  synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
    log.append(new LogEntry.Level(subjectOrNull, level));
  }

  synchronized CompatibilityLevel removeSubjectLevel(String subject) {
    CompatibilityLevel previous = state.subjectLevel(subject)
        .orElseThrow(() -> RegistryError.subjectNotFound(subject));
    log.append(new LogEntry.Level(subject, null));
    return previous;
  }

  private List<SchemaVersion> requireSubject(String subject, boolean includeDeleted) {
    List<SchemaVersion> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  private static List<Schema> parseAll(List<SchemaVersion> versions) {
    return versions.stream().map(v -> parse(v.schema())).toList();
  }

  static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryError.invalidSchema("the schema is empty");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }
}
