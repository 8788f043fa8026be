package dev.streamviews.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks the view service over its public REST API, as any user would. */
public final class ViewServiceClient {
  /** The status and JSON body of an answer. */
  public record Answer(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ViewServiceClient(URI base) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
  }

  /** {@code GET /views}: the views, and which version of them answers. */
  public Answer catalogue() {
    return get("views");
  }

  /** One key of a key-value view. */
  public Answer get(String view, String key) {
    return get("views/" + view + "/" + encode(key));
  }

  /** Every window of a key of a windowed view. */
  public Answer windows(String view, String key) {
    return get("views/" + view + "/" + encode(key) + "/windows");
  }

  /** A page of a key-value view: the first with a null cursor, then the cursor each page gives. */
  public Answer page(String view, int limit, String cursor) {
    return get("views/" + view + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor)));
  }

  private Answer get(String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the view service at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
