package dev.streamviews.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free loopback port that answers from a script, to drive the client
 * through failures a healthy registry does not produce on demand (503s, 429s, timeouts).
 */
final class ScriptedRegistryServer implements AutoCloseable {
  record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
    static Answer of(int status, String body) {
      return new Answer(status, body, Map.of(), 0);
    }
  }

  private final HttpServer server;
  /** Held answers wait on this; close() releases them at once. */
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<String> requests = new ArrayList<>();
  private Answer fallback = Answer.of(500, "{\"error_code\":50001,\"message\":\"script ran out\"}");

  ScriptedRegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized ScriptedRegistryServer then(int status, String body) {
    script.add(Answer.of(status, body));
    return this;
  }

  synchronized ScriptedRegistryServer then(Answer answer) {
    script.add(answer);
    return this;
  }

  synchronized ScriptedRegistryServer always(int status, String body) {
    fallback = Answer.of(status, body);
    return this;
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private void answer(HttpExchange exchange) throws IOException {
    Answer answer;
    synchronized (this) {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      answer = script.isEmpty() ? fallback : script.poll();
    }
    exchange.getRequestBody().readAllBytes();
    if (answer.delayMillis() > 0) {
      try {
        closing.await(answer.delayMillis(), TimeUnit.MILLISECONDS); // slow on purpose: the client must time out
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
