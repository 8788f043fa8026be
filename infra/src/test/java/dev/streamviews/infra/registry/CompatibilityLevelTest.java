package dev.streamviews.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {
  private static final Schema V1 = schema("{\"name\":\"a\",\"type\":\"string\"}");
  private static final Schema V2_OPTIONAL_FIELD =
      schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");
  private static final Schema V2_REQUIRED_FIELD =
      schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}");
  private static final Schema V2_TYPE_CHANGED = schema("{\"name\":\"a\",\"type\":\"int\"}");
  private static final Schema V3_WITHOUT_A = schema("{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");

  @Test
  void backwardAcceptsAFieldAddedWithADefault() {
    assertThat(CompatibilityLevel.BACKWARD.problems(V2_OPTIONAL_FIELD, List.of(V1))).isEmpty();
  }

  @Test
  void backwardRefusesAFieldAddedWithoutADefault() {
    assertThat(CompatibilityLevel.BACKWARD.problems(V2_REQUIRED_FIELD, List.of(V1)))
        .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void forwardAcceptsAFieldAddedWithoutADefaultButRefusesARemovedOne() {
    assertThat(CompatibilityLevel.FORWARD.problems(V2_REQUIRED_FIELD, List.of(V1))).isEmpty();
    assertThat(CompatibilityLevel.FORWARD.problems(V3_WITHOUT_A, List.of(V1))).isNotEmpty();
  }

  @Test
  void everyLevelButNoneRefusesAChangedType() {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      List<String> problems = level.problems(V2_TYPE_CHANGED, List.of(V1));
      assertThat(problems.isEmpty()).as(level.name()).isEqualTo(level == CompatibilityLevel.NONE);
    }
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersionNotOnlyTheLatest() {
    // a is removed, then added back as an int with a default: readable against V2 (no a there),
    // not against V1, whose a is a string.
    Schema v2WithoutA = schema("");
    Schema v3WithIntA = schema("{\"name\":\"a\",\"type\":\"int\",\"default\":0}");
    List<Schema> history = List.of(V1, v2WithoutA);

    assertThat(CompatibilityLevel.BACKWARD.problems(v3WithIntA, history)).isEmpty();
    assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.problems(v3WithIntA, history)).isNotEmpty();
  }

  @Test
  void anyLevelAcceptsTheFirstVersion() {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      assertThat(level.problems(V2_TYPE_CHANGED, List.of())).isEmpty();
    }
  }

  @Test
  void parsesLevelsCaseInsensitively() {
    assertThat(CompatibilityLevel.parse("backward_transitive")).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
  }

  private static Schema schema(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }
}
