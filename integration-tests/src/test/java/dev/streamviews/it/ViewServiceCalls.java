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
import java.util.Optional;

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
    long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Answer answer = get(base, path);
      Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
      if (answer.status() != 503 || retryAfter.isEmpty() || System.nanoTime() > giveUpAt) {
        return answer;
      }
      pause(secondsOf(retryAfter.get()));
    }
  }

  /** Retry-After in seconds, as our services send it; a date or anything else counts as one second. */
  private static Duration secondsOf(String retryAfter) {
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
    } catch (NumberFormatException notSeconds) {
      return Duration.ofSeconds(1);
    }
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
