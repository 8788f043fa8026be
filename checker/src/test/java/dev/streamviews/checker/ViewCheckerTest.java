package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamviews.checker.ExpectedOrderStatus.Expected;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewCheckerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Expected PAID = new Expected("o-1", "c-1", "PAID", 1000, 1000,
      Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:05Z"));

  @Test
  void acceptsTheExpectedValue() throws Exception {
    assertThat(ViewChecker.compare(PAID, served(
        "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"status\":\"PAID\",\"totalCents\":1000,\"paidCents\":1000,"
            + "\"placedAt\":\"2026-11-01T00:00:00Z\",\"updatedAt\":\"2026-11-01T00:00:05Z\"}"))).isNull();
  }

  @Test
  void namesEveryFieldThatDiffers() throws Exception {
    String mismatch = ViewChecker.compare(PAID, served(
        "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"status\":\"PLACED\",\"totalCents\":1000,\"paidCents\":400,"
            + "\"placedAt\":\"2026-11-01T00:00:00Z\",\"updatedAt\":\"2026-11-01T00:00:01Z\"}"));

    assertThat(mismatch).contains("status expected PAID but served PLACED")
        .contains("paidCents expected 1000 but served 400")
        .contains("updatedAt expected 2026-11-01T00:00:05Z");
  }

  @Test
  void countsAMissingKeyAsAMismatch() throws Exception {
    assertThat(ViewChecker.compare(PAID, new ViewServiceClient.Answer(404, JSON.readTree("{\"detail\":\"no such key\"}"))))
        .contains("HTTP 404");
  }

  private static ViewServiceClient.Answer served(String value) throws Exception {
    return new ViewServiceClient.Answer(200, JSON.readTree("{\"value\":" + value + "}"));
  }
}
