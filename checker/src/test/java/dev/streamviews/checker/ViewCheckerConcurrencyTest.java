package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The checker against a small stand-in for the view service's REST API: it asks several keys at once and reports in key order. */
class ViewCheckerConcurrencyTest {
  private static final int KEYS = 40;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger asked = new AtomicInteger();
  private final CountDownLatch secondQuestion = new CountDownLatch(2);
  @RegisterExtension
  final StandInViewService server = new StandInViewService(this::answer);

  /** {@code /views/demo/kNN}: n = NN, except kNN 07 and 23, which serve a wrong n; {@code /views/demo?limit=}: every key, the same. */
  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body;
    if (path.equals("/views/demo")) {
      StringJoiner items = new StringJoiner(",", "{\"items\":[", "]}");
      for (int i = 0; i < KEYS; i++) {
        items.add("{\"key\":\"" + key(i) + "\",\"value\":{\"n\":" + served(i) + "}}");
      }
      body = items.toString();
    } else {
      asked.incrementAndGet();
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      // Every answer waits until a second question is under way (at most 5 s): a checker asking one
      // key at a time would have at most one in flight, which the assertion on it catches.
      secondQuestion.countDown();
      try {
        secondQuestion.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int n = Integer.parseInt(path.substring(path.lastIndexOf('/') + 2));
      body = "{\"value\":{\"n\":" + served(n) + "}}";
      inFlight.decrementAndGet();
    }
    StandInViewService.reply(exchange, body);
  }

  private static int served(int n) {
    return n == 7 || n == 23 ? n + 100 : n;
  }

  private static String key(int i) {
    return String.format("k%02d", i);
  }

  private static ExpectedView demo() {
    Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    for (int i = 0; i < KEYS; i++) {
      values.put(key(i), Map.of("n", (long) i));
    }
    return ExpectedView.keyValue("demo", values);
  }

  @Test
  void asksSeveralKeysAtOnceAndReportsTheMismatchesInKeyOrder() {
    ViewChecker checker = new ViewChecker(server.client());

    CheckReport report = checker.check(() -> List.of(demo()), Duration.ZERO);

    assertThat(asked.get()).isEqualTo(KEYS);
    assertThat(mostInFlight.get()).as("questions under way at once").isBetween(2, 8);
    assertThat(report.mismatches()).hasSize(2);
    assertThat(report.mismatches().get(0)).startsWith("demo/k07: ").contains("n expected 7 but served 107");
    assertThat(report.mismatches().get(1)).startsWith("demo/k23: ").contains("n expected 23 but served 123");
  }

  @Test
  void aViewServiceThatCannotBeReachedFailsTheCheck() {
    ViewServiceClient client = server.client();
    server.close();
    ViewChecker checker = new ViewChecker(client);

    assertThatThrownBy(() -> checker.check(() -> List.of(demo()), Duration.ZERO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot reach the view service");
  }
}
