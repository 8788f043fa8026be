package dev.streamviews.replay.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayStartTest {
  @Test
  void tellsKafkasResetToolTheInstantInTheFormatItReads() {
    assertThat(ReplayStart.at(Instant.parse("2026-11-01T00:00:00Z")).resetterOptions())
        .containsExactly("--to-datetime", "2026-11-01T00:00:00.000Z");
    assertThat(ReplayStart.at(Instant.parse("2026-11-01T10:15:30.123Z")).resetterOptions())
        .containsExactly("--to-datetime", "2026-11-01T10:15:30.123Z");
    assertThat(ReplayStart.earliest().resetterOptions()).containsExactly("--to-earliest");
  }

  @Test
  void findsAnApplicationsInternalTopicsAndNoOtherVersions() {
    List<String> topics = List.of("shop.orders", "app-store-changelog", "app-KSTREAM-REPARTITION-0000000004-repartition",
        "app.v2-store-changelog", "app-but-not-internal", "other-store-changelog");

    assertThat(ClusterClient.internalTopicsOf("app", topics))
        .containsExactly("app-KSTREAM-REPARTITION-0000000004-repartition", "app-store-changelog");
    assertThat(ClusterClient.internalTopicsOf("app.v2", topics)).containsExactly("app.v2-store-changelog");
  }
}
