package dev.streamviews.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Raw HTTP calls to a schema registry, so tests see exactly what goes over the wire. */
final class RegistryCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Answer(int status, JsonNode body, String contentType) {
    int errorCode() {
      return body.path("error_code").asInt();
    }
  }

  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  RegistryCalls(URI base) {
    this.base = base;
  }

  Answer get(String path) {
    return call("GET", path, null);
  }

  Answer delete(String path) {
    return call("DELETE", path, null);
  }

  Answer post(String path, Object body) {
    return call("POST", path, body);
  }

  Answer put(String path, Object body) {
    return call("PUT", path, body);
  }

  /** The body Confluent's clients send to register or look up a schema. */
  static Map<String, String> schemaBody(String schema) {
    return Map.of("schema", schema);
  }

  private Answer call(String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
          .header("Accept", "application/vnd.schemaregistry.v1+json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
