package dev.streamviews.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamviews.infra.cluster.FreePort;
import dev.streamviews.infra.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real processor (its jar, in its own JVM, as {@code scripts/processor} runs it) for the
 * benchmark: one instance, its own application id and state directory, health read over HTTP.
 */
final class ProcessorProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Process process;
  private final URI http;
  private final int queryPort;

  private ProcessorProcess(Process process, URI http, int queryPort) {
    this.process = process;
    this.http = http;
    this.queryPort = queryPort;
  }

  /** Where its query API listens, as view services are told ({@code host:port}). */
  String queryEndpoint() {
    return "127.0.0.1:" + queryPort;
  }

  /**
   * @param guarantee {@code exactly_once_v2} or {@code at_least_once}
   */
  static ProcessorProcess start(BenchRun run, String applicationId, Path stateDir, String guarantee, Path log) {
    return start(run, applicationId, stateDir, guarantee, log, 1);
  }

  /**
   * @param viewsVersion the views version whose topic names it emits to (1: the catalogue's
   *     {@code shop.views.*}; see {@link ReferenceInstanceTopics})
   */
  static ProcessorProcess start(BenchRun run, String applicationId, Path stateDir, String guarantee, Path log, int viewsVersion) {
    Path root = run.root();
    LocalCluster cluster = run.cluster();
    Path jar = root.resolve("stream-processors/target/streamviews-processor.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build the project first (./mvnw package -DskipTests)");
    }
    URI http = URI.create("http://127.0.0.1:" + FreePort.pick());
    int queryPort = FreePort.pick();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dstreamviews.processor.streams.processing.guarantee=" + guarantee,
        // Passed to Kafka Streams after the processor's own settings, so it overrides the views version
        // the topology names its view topics by (ShopTopology.VERSION_CONFIG).
        "-Dstreamviews.processor.streams.streamviews.views.version=" + viewsVersion));
    command.addAll(Processes.extraJvmOptions("STREAMVIEWS_BENCH_PROCESSOR_OPTS", log));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(java.util.Map.of(
        "STREAMVIEWS_APPLICATION_ID", applicationId,
        "STREAMVIEWS_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
        "STREAMVIEWS_SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl().toString(),
        "STREAMVIEWS_STATE_DIR", stateDir.toString(),
        "STREAMVIEWS_QUERY_PORT", Integer.toString(queryPort),
        "STREAMVIEWS_HTTP_PORT", Integer.toString(http.getPort()),
        "STREAMVIEWS_STREAM_THREADS", Integer.toString(run.streamThreads()),
        // Nothing is late in a backlog published at once; a long grace keeps every line counted.
        "STREAMVIEWS_SKU_SALES_GRACE_MS", Long.toString(Duration.ofDays(400).toMillis())));
    try {
      return new ProcessorProcess(builder.start(), http, queryPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the processor", e);
    }
  }

  /** The processor's readiness report, or empty while it does not answer. */
  Optional<JsonNode> readiness() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(http.resolve("/healthz/readiness"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The JVM's process, for its CPU time. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() {
    Processes.stop(process, Duration.ofSeconds(60));
  }
}
