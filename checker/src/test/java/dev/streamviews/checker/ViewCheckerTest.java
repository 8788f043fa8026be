package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewCheckerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> PAID = Map.of("orderId", "o-1", "customerId", "c-1", "status", "PAID",
      "totalCents", 1000L, "paidCents", 1000L, "placedAt", Instant.parse("2026-11-01T00:00:00Z"),
      "updatedAt", Instant.parse("2026-11-01T00:00:05Z"));

  @Test
  void acceptsTheExpectedValue() throws Exception {
    assertThat(FieldComparison.differences(PAID, served(
        "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"status\":\"PAID\",\"totalCents\":1000,\"paidCents\":1000,"
            + "\"placedAt\":\"2026-11-01T00:00:00Z\",\"updatedAt\":\"2026-11-01T00:00:05Z\"}"))).isEmpty();
  }

  @Test
  void namesEveryFieldThatDiffers() throws Exception {
    String mismatch = String.join(", ", FieldComparison.differences(PAID, served(
        "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"status\":\"PLACED\",\"totalCents\":1000,\"paidCents\":400,"
            + "\"placedAt\":\"2026-11-01T00:00:00Z\",\"updatedAt\":\"2026-11-01T00:00:01Z\"}")));

    assertThat(mismatch).contains("status expected PAID but served PLACED")
        .contains("paidCents expected 1000 but served 400")
        .contains("updatedAt expected 2026-11-01T00:00:05Z");
  }

  @Test
  void countsAMissingOrExtraWindowAsAMismatch() throws Exception {
    Map<String, Object> window = Map.of("units", 3L, "windowStart", Instant.parse("2026-11-01T00:01:00Z"));
    JsonNode twoWindows = JSON.readTree("[{\"units\":3,\"windowStart\":\"2026-11-01T00:01:00Z\"},"
        + "{\"units\":1,\"windowStart\":\"2026-11-01T00:02:00Z\"}]");

    assertThat(FieldComparison.windowDifferences(List.of(window), twoWindows)).containsExactly("1 windows expected but 2 served");
    assertThat(FieldComparison.windowDifferences(List.of(window), JSON.readTree("[{\"units\":4,\"windowStart\":\"2026-11-01T00:01:00Z\"}]")))
        .singleElement().asString().contains("units expected 3 but served 4");
  }

  private static JsonNode served(String value) throws Exception {
    return JSON.readTree(value);
  }
}
