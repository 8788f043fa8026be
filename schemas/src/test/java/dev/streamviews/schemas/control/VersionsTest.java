package dev.streamviews.schemas.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void versionOneKeepsTheBaseNamesAndLaterOnesASuffix() {
    assertThat(Versions.applicationId("streamviews-processor", 1)).isEqualTo("streamviews-processor");
    assertThat(Versions.applicationId("streamviews-processor", 3)).isEqualTo("streamviews-processor.v3");
    assertThat(Versions.viewTopic("shop.views.order-status", 1)).isEqualTo("shop.views.order-status");
    assertThat(Versions.viewTopic("shop.views.order-status", 2)).isEqualTo("shop.views.order-status.v2");
    assertThatThrownBy(() -> Versions.applicationId("x", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheVersionAndPipelineBackFromAnApplicationId() {
    assertThat(Versions.versionOf("streamviews-processor")).isEqualTo(1);
    assertThat(Versions.versionOf("streamviews-processor.v12")).isEqualTo(12);
    assertThat(Versions.baseApplicationId("streamviews-processor.v12")).isEqualTo("streamviews-processor");
    assertThat(Versions.baseApplicationId("streamviews-processor")).isEqualTo("streamviews-processor");
    assertThat(Versions.baseApplicationId("app.version")).isEqualTo("app.version");
  }
}
