package dev.streamviews.checker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A small stand-in for the view service's REST API: {@code /views/demo...} answered by a test's handler. */
final class StandInViewService implements AutoCloseable {
  private final HttpServer server;

  StandInViewService(HttpHandler demo) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(32));
    server.createContext("/views/demo", demo);
    server.start();
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

  @Override
  public void close() {
    server.stop(0);
  }
}
