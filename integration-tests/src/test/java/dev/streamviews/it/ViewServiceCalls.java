package dev.streamviews.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Plain HTTP GETs to a service, answers with status, headers and JSON body. */
final class ViewServiceCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, HttpHeaders headers, JsonNode body) {
    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  /** How long {@link #answer} keeps asking a service that says it cannot answer now. */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private ViewServiceCalls() {}

  /**
   * A GET as a well-behaved client makes it: a 503 with Retry-After (a copy moving in a rebalance,
   * say, which another test's restart of a processor sets off a minute later) is asked again after
   * the time it names, for up to {@link #PATIENCE}; any other answer, or the last 503, is returned.
   * For one-shot reads whose answer a test then checks; polling loops use {@link #get}.
   */
  static Answer answer(URI base, String path) {
    AtomicReference<Answer> last = new AtomicReference<>();
    try {
      Awaitility.await(path + " answered").atMost(PATIENCE).pollDelay(Duration.ZERO)
          .pollInterval((polls, previous) -> retryAfterOf(last.get()))
          .until(() -> {
            Answer answer = get(base, path);
            last.set(answer);
            return answer.status() != 503 || answer.headers().firstValue("Retry-After").isEmpty();
          });
    } catch (ConditionTimeoutException stillUnavailable) {
      // The last 503 is the answer: the test's own assertion says what it expected instead.
    }
    return last.get();
  }

  /** Retry-After in seconds, as our services send it; none, a date or anything else counts as one second. */
  private static Duration retryAfterOf(Answer answer) {
    try {
      String seconds = answer == null ? "1" : answer.headers().firstValue("Retry-After").orElse("1");
      return Duration.ofSeconds(Math.max(1, Long.parseLong(seconds.trim())));
    } catch (NumberFormatException notSeconds) {
      return Duration.ofSeconds(1);
    }
  }

  static Answer get(URI base, String path) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), response.headers(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
