package dev.streamviews.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void namesEveryTopicOnce() {
    List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

    assertThat(new HashSet<>(names)).hasSameSizeAs(names);
  }

  @Test
  void givesEveryInputTopicADeadLetterTopic() {
    for (Topic<?> input : Topics.inputs()) {
      assertThat(Topics.all()).contains(input.deadLetters());
      assertThat(input.deadLetters().name()).isEqualTo(input.name() + ".dlq");
    }
  }

  @Test
  void coPartitionsInputsAndCompactsViews() {
    assertThat(Topics.inputs()).allSatisfy(topic -> {
      assertThat(topic.partitions()).isEqualTo(Topics.PARTITIONS);
      assertThat(topic.spec().cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
      assertThat(topic.keyField()).isPresent();
    });
    assertThat(Topics.views()).allSatisfy(topic ->
        assertThat(topic.spec().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT));
  }

  @Test
  void takesEachInputKeyFromAFieldOfItsValue() {
    assertThat(Topics.inputs()).allSatisfy(topic ->
        assertThat(topic.valueSchema().getField(topic.keyField().orElseThrow())).isNotNull());
  }

  @Test
  void takesEachInputsTimeFromATimestampFieldOfItsValue() {
    assertThat(Topics.inputs()).allSatisfy(topic -> {
      org.apache.avro.Schema field = topic.valueSchema().getField(topic.timeField().orElseThrow()).schema();
      assertThat(field.getLogicalType().getName()).isEqualTo("timestamp-millis");
    });
  }

  @Test
  void keepsInputEventsForReplay() {
    assertThat(Topics.inputs()).allSatisfy(topic ->
        assertThat(topic.spec().allConfigs()).containsEntry("retention.ms", "-1"));
  }
}
