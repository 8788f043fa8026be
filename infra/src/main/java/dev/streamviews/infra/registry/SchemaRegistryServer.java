package dev.streamviews.infra.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the Confluent Schema Registry REST API and keeps its schemas in a
 * compacted Kafka topic. Written here because Confluent's server is not on Maven Central; it is
 * for local clusters and tests, where it is the one registry instance writing its topic.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  /** The topic name Confluent's registry uses by default. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final SchemaLog schemaLog;
  private final HttpServer http;
  private final ExecutorService workers;

  private SchemaRegistryServer(SchemaLog schemaLog, HttpServer http, ExecutorService workers) {
    this.schemaLog = schemaLog;
    this.http = http;
    this.workers = workers;
  }

  /**
   * Reads the topic (creating it if need be) and starts answering on the port.
   *
   * @param port 0 for any free port
   */
  public static SchemaRegistryServer start(String bootstrapServers, String host, int port, String topic,
      int replicationFactor) {
    RegistryState state = new RegistryState();
    SchemaLog schemaLog = new SchemaLog(bootstrapServers, topic, state::apply);
    try {
      schemaLog.start(replicationFactor, Duration.ofSeconds(30));
      HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
      ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "schema-registry-http");
        thread.setDaemon(true);
        return thread;
      });
      http.setExecutor(workers);
      http.createContext("/", new RegistryRoutes(new RegistryService(state, schemaLog)));
      http.start();
      SchemaRegistryServer server = new SchemaRegistryServer(schemaLog, http, workers);
      log.info("Schema registry listening on {} (topic {})", server.uri(), topic);
      return server;
    } catch (IOException e) {
      schemaLog.close();
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    } catch (RuntimeException e) {
      schemaLog.close();
      throw e;
    }
  }

  public URI uri() {
    InetSocketAddress address = http.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    schemaLog.close();
  }
}
