package dev.streamviews.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The state is rebuilt from the log on every start, so replaying encoded entries must restore it exactly. */
class RegistryStateTest {

  @Test
  void replaysVersionsLevelsAndTheIdCounterFromTheLog() {
    RegistryState state = replay(
        new LogEntry.NextId(2),
        new LogEntry.Version(new SchemaVersion("a-value", 1, 1, "\"string\"", false)),
        new LogEntry.Version(new SchemaVersion("b-value", 1, 1, "\"string\"", false)),
        new LogEntry.Level("a-value", CompatibilityLevel.FULL),
        new LogEntry.Level(null, CompatibilityLevel.NONE));

    assertThat(state.subjects(false)).containsExactly("a-value", "b-value");
    assertThat(state.idOf("\"string\"")).contains(1);
    assertThat(state.nextId()).isEqualTo(2);
    assertThat(state.subjectLevel("a-value")).contains(CompatibilityLevel.FULL);
    assertThat(state.globalLevel()).isEqualTo(CompatibilityLevel.NONE);
  }

  @Test
  void hidesSoftDeletedVersionsButKeepsTheirIdsResolvable() {
    RegistryState state = replay(
        new LogEntry.Version(new SchemaVersion("a-value", 1, 1, "\"string\"", false)),
        new LogEntry.Version(new SchemaVersion("a-value", 1, 1, "\"string\"", true)));

    assertThat(state.subjects(false)).isEmpty();
    assertThat(state.subjects(true)).containsExactly("a-value");
    assertThat(state.schemaById(1)).contains("\"string\"");
  }

  @Test
  void neverHandsOutAnIdAgainAfterAPermanentDelete() {
    RegistryState state = replay(
        new LogEntry.NextId(2),
        new LogEntry.Version(new SchemaVersion("a-value", 1, 1, "\"string\"", true)),
        new LogEntry.VersionRemoved("a-value", 1));

    assertThat(state.schemaById(1)).isEmpty();
    assertThat(state.nextId()).isEqualTo(2);
  }

  @Test
  void removesASubjectLevelWithATombstone() {
    RegistryState state = replay(
        new LogEntry.Level("a-value", CompatibilityLevel.FULL),
        new LogEntry.Level("a-value", null));

    assertThat(state.subjectLevel("a-value")).isEmpty();
  }

  private static RegistryState replay(LogEntry... entries) {
    RegistryState state = new RegistryState();
    for (LogEntry entry : List.of(entries)) {
      LogEntryCodec.Encoded encoded = LogEntryCodec.encode(entry);
      state.apply(LogEntryCodec.decode(encoded.key(), encoded.value()));
    }
    return state;
  }
}
