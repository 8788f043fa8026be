package dev.streamviews.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamviews.checker.ExpectedOrderStatus.Expected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares what the view service serves with the independently computed expectation, key for
 * key. A pipeline still catching up is given until {@code patience} runs out: keys that do not
 * match yet are asked again, the rest are done.
 */
public final class ViewChecker {
  private static final String ORDER_STATUS = "order-status";

  private final ViewServiceClient views;

  public ViewChecker(ViewServiceClient views) {
    this.views = views;
  }

  public CheckReport check(InputFacts facts, Duration patience) {
    Map<String, Expected> expected = ExpectedOrderStatus.of(facts);
    Map<String, String> pending = new LinkedHashMap<>();
    expected.keySet().forEach(key -> pending.put(key, "not asked yet"));
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      for (String key : new ArrayList<>(pending.keySet())) {
        String mismatch = compare(expected.get(key), views.get(ORDER_STATUS, key));
        if (mismatch == null) {
          pending.remove(key);
        } else {
          pending.put(key, mismatch);
        }
      }
      if (pending.isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      pause();
    }
    List<String> mismatches = new ArrayList<>();
    pending.forEach((key, why) -> mismatches.add(ORDER_STATUS + "/" + key + ": " + why));
    return new CheckReport(expected.size(), mismatches);
  }

  /** Why the served answer is not the expected one, or null if it is. */
  static String compare(Expected expected, ViewServiceClient.Answer answer) {
    if (answer.status() != 200) {
      return "expected a value, got HTTP " + answer.status() + " " + answer.body().path("detail").asText("");
    }
    JsonNode value = answer.body().path("value");
    List<String> differences = new ArrayList<>();
    differ(differences, "customerId", expected.customerId(), text(value, "customerId"));
    differ(differences, "status", expected.status(), text(value, "status"));
    differ(differences, "totalCents", expected.totalCents(), value.path("totalCents").asLong(-1));
    differ(differences, "paidCents", expected.paidCents(), value.path("paidCents").asLong(-1));
    differ(differences, "placedAt", expected.placedAt(), instant(value, "placedAt"));
    differ(differences, "updatedAt", expected.updatedAt(), instant(value, "updatedAt"));
    return differences.isEmpty() ? null : String.join(", ", differences);
  }

  private static void differ(List<String> differences, String field, Object expected, Object served) {
    if (!Objects.equals(expected, served)) {
      differences.add(field + " expected " + expected + " but served " + served);
    }
  }

  private static String text(JsonNode value, String field) {
    JsonNode node = value.path(field);
    return node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  private static Instant instant(JsonNode value, String field) {
    String text = text(value, field);
    return text == null ? null : Instant.parse(text);
  }

  private static void pause() {
    try {
      Thread.sleep(500); // between rounds of a pipeline catching up; bounded by the deadline above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
