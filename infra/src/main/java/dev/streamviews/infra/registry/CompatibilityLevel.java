package dev.streamviews.infra.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}.
 * Backward: the new schema reads data written with the earlier one. Forward: the earlier schema
 * reads data written with the new one. Transitive: against every earlier version, not only the
 * latest.
 */
enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  static Optional<CompatibilityLevel> parse(String text) {
    for (CompatibilityLevel level : values()) {
      if (level.name().equalsIgnoreCase(text)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /**
   * Why the candidate may not follow the earlier versions, if it may not.
   *
   * @param earlier the subject's live versions, oldest first
   */
  List<String> problems(Schema candidate, List<Schema> earlier) {
    if (earlier.isEmpty()) {
      return List.of();
    }
    List<Schema> checked = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
    List<String> problems = new ArrayList<>();
    for (Schema previous : checked) {
      if (backward) {
        problems.addAll(problems(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous), "reading old data"));
      }
      if (forward) {
        problems.addAll(problems(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate), "old readers reading new data"));
      }
    }
    return problems;
  }

  private static List<String> problems(SchemaPairCompatibility result, String direction) {
    List<String> problems = new ArrayList<>();
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      problems.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
          + " (" + incompatibility.getMessage() + ")");
    }
    return problems;
  }
}
