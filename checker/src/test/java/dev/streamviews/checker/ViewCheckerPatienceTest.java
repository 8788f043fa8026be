package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A round that outlasts the patience: what the views should hold changed while it ran (a late line
 * reported meanwhile, say), and the key it found wrong is asked once more against what they should
 * hold now.
 */
class ViewCheckerPatienceTest {
  private static final Duration PATIENCE = Duration.ofMillis(100);

  private final AtomicInteger asked = new AtomicInteger();
  private volatile long checkStartedNanos;
  @RegisterExtension
  final StandInViewService server = new StandInViewService(this::answer);

  /**
   * {@code /views/demo/k} and the page listing it: n = 2; the first answer only once the check's
   * patience has run out (twice over, to be sure).
   */
  private void answer(HttpExchange exchange) throws IOException {
    if (asked.incrementAndGet() == 1) {
      Awaitility.await("the check's patience run out").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
          .until(() -> System.nanoTime() - checkStartedNanos > 2 * PATIENCE.toNanos());
    }
    boolean page = exchange.getRequestURI().getPath().equals("/views/demo");
    StandInViewService.reply(exchange, page ? "{\"items\":[{\"key\":\"k\",\"value\":{\"n\":2}}]}" : "{\"value\":{\"n\":2}}");
  }

  @Test
  void aKeyFoundWrongInARoundThatOutlastedThePatienceIsAskedAgainAgainstWhatHoldsNow() {
    ViewChecker checker = new ViewChecker(server.client());
    AtomicInteger rounds = new AtomicInteger();

    // The first round expects n = 1; by the time its one key is answered (after the patience) the
    // expectation has become n = 2, which the view serves.
    checkStartedNanos = System.nanoTime();
    CheckReport report = checker.check(() -> List.of(ExpectedView.keyValue("demo",
        Map.of("k", Map.<String, Object>of("n", rounds.incrementAndGet() == 1 ? 1L : 2L)))), PATIENCE);

    assertThat(report.mismatches()).isEmpty();
    assertThat(rounds.get()).isEqualTo(2);
  }
}
