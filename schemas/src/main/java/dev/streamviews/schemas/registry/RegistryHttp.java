package dev.streamviews.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON over HTTP to a Confluent-compatible schema registry, with the retries of a
 * {@link RetryPolicy}. Turns the registry's error answers into the exceptions of this package.
 */
final class RegistryHttp {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

  private final URI baseUri;
  private final RetryPolicy retryPolicy;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  RegistryHttp(URI baseUri, RetryPolicy retryPolicy) {
    String base = baseUri.toString();
    this.baseUri = URI.create(base.endsWith("/") ? base : base + "/");
    this.retryPolicy = retryPolicy;
    this.http = HttpClient.newBuilder()
        .connectTimeout(retryPolicy.requestTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  URI baseUri() {
    return baseUri;
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  private JsonNode send(String method, String path, Object body) {
    HttpRequest request = request(method, path, body);
    Exception lastFailure = null;
    for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
      Duration pause = null;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status < 300) {
          return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        }
        if (!isTransient(status)) {
          throw refusal(status, response.body());
        }
        lastFailure = new IOException("HTTP " + status + " from " + request.uri());
        pause = retryAfter(response).orElse(null);
      } catch (IOException e) {
        lastFailure = e; // connection refused, reset, or timed out: worth another try
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted while calling the schema registry", e);
      }
      if (attempt < retryPolicy.maxAttempts()) {
        sleep(pause != null ? min(pause, retryPolicy.maxBackoff()) : retryPolicy.backoffBefore(attempt));
      }
    }
    throw new RegistryUnavailableException(
        "schema registry at " + baseUri + " unavailable after " + retryPolicy.maxAttempts()
            + " attempts: " + (lastFailure.getMessage() != null ? lastFailure.getMessage() : lastFailure.getClass().getSimpleName()),
        lastFailure);
  }

  private HttpRequest request(String method, String path, Object body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path))
        .timeout(retryPolicy.requestTimeout())
        .header("Accept", ACCEPT);
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    try {
      return builder.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write request body as JSON", e);
    }
  }

  /** 408 and 429 say "later", 5xx says the registry is not well: all worth a retry. */
  private static boolean isTransient(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private RegistryRequestException refusal(int status, String body) {
    int errorCode = status;
    String message = body;
    try {
      JsonNode error = json.readTree(body);
      errorCode = error.path("error_code").asInt(status);
      message = error.path("message").asText(body);
    } catch (IOException notJson) {
      // Not a registry error body (a proxy's HTML page, say): keep the raw text.
    }
    if (status == 404 && (errorCode == 40403 || errorCode == 40401 || errorCode == 40402)) {
      return new SchemaNotFoundException(status, errorCode, message);
    }
    if (status == 409) {
      return new IncompatibleSchemaException(status, errorCode, message);
    }
    if (status == 422 && errorCode == 42201) {
      return new InvalidSchemaException(status, errorCode, message);
    }
    return new RegistryRequestException(status, errorCode, message);
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
      } catch (NumberFormatException httpDate) {
        return Optional.empty();
      }
    });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while waiting to retry the schema registry", e);
    }
  }
}
