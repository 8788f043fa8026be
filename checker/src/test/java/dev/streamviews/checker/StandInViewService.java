package dev.streamviews.checker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small stand-in for the view service's REST API: {@code /views/demo...} answered by a test's
 * handler, serving for each test of the class that registers it ({@code @RegisterExtension}).
 */
final class StandInViewService implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  private final HttpHandler demo;
  private HttpServer server;

  StandInViewService(HttpHandler demo) {
    this.demo = demo;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(32));
    server.createContext("/views/demo", demo);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  ViewServiceClient client() {
    return new ViewServiceClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Stops serving (a test may, to see the checker fail); once stopped, again does nothing. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }
}
