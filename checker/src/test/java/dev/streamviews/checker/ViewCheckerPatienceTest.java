package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A round that outlasts the patience: what the views should hold changed while it ran (a late line
 * reported meanwhile, say), and the key it found wrong is asked once more against what they should
 * hold now.
 */
class ViewCheckerPatienceTest {
  private final AtomicInteger asked = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/views/demo", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** {@code /views/demo/k}: n = 2, the first answer after 400 ms. */
  private void answer(HttpExchange exchange) throws IOException {
    if (asked.incrementAndGet() == 1) {
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = "{\"value\":{\"n\":2}}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void aKeyFoundWrongInARoundThatOutlastedThePatienceIsAskedAgainAgainstWhatHoldsNow() {
    ViewChecker checker = new ViewChecker(new ViewServiceClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    AtomicInteger rounds = new AtomicInteger();

    // The first round expects n = 1; by the time its one key is answered (400 ms, beyond the 100 ms
    // of patience) the expectation has become n = 2, which the view serves.
    CheckReport report = checker.check(() -> List.of(ExpectedView.keyValue("demo",
        Map.of("k", Map.<String, Object>of("n", rounds.incrementAndGet() == 1 ? 1L : 2L)))), Duration.ofMillis(100));

    assertThat(report.mismatches()).isEmpty();
    assertThat(rounds.get()).isEqualTo(2);
  }
}
