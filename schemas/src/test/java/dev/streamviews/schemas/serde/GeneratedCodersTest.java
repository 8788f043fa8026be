package dev.streamviews.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.schemas.events.OrderPlaced;
import org.apache.avro.LogicalTypes;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class GeneratedCodersTest {
  @Test
  void usesTheGeneratedCodersWithTheClassesConversions() {
    SpecificData model = GeneratedCoders.modelFor(OrderPlaced.getClassSchema());

    assertThat(model.useCustomCoders()).isTrue();
    assertThat(model.getConversionFor(LogicalTypes.timestampMillis())).isNotNull();
  }

  @Test
  void leavesTheGeneratedClassesOwnModelAsItWas() {
    GeneratedCoders.modelFor(OrderPlaced.getClassSchema());

    assertThat(SpecificData.getForSchema(OrderPlaced.getClassSchema()).useCustomCoders()).isFalse();
  }
}
