package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.infra.cluster.FreePort;
import dev.streamviews.infra.cluster.LocalCluster;
import dev.streamviews.producers.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on the run's local cluster: the catalogue's topics, one processor and one
 * view service, each in its own JVM from the jars the build made.
 */
final class Pipeline implements AutoCloseable {
  final LocalCluster cluster;
  final URI processorHttp;
  final URI viewService;
  final int processorQueryPort;
  private final JavaApp processor;
  private final JavaApp views;

  private Pipeline(LocalCluster cluster, int queryPort, URI processorHttp, URI viewService, JavaApp processor, JavaApp views) {
    this.cluster = cluster;
    this.processorQueryPort = queryPort;
    this.processorHttp = processorHttp;
    this.viewService = viewService;
    this.processor = processor;
    this.views = views;
  }

  static Pipeline start(LocalCluster cluster) {
    CliRun topics = CliRun.of("topics", "create", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.schemaRegistryUrl().toString());
    assertThat(topics.exitCode()).as(topics.err()).isZero();

    int queryPort = FreePort.pick();
    int processorHttpPort = FreePort.pick();
    int viewsHttpPort = FreePort.pick();
    JavaApp processor = JavaApp.start("processor-0", JavaApp.jar("stream-processors", "streamviews-processor.jar"), "512m", Map.of(
        "STREAMVIEWS_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
        "STREAMVIEWS_SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl().toString(),
        "STREAMVIEWS_STATE_DIR", cluster.dataDir().resolve("processor-0").toString(),
        "STREAMVIEWS_QUERY_PORT", Integer.toString(queryPort),
        "STREAMVIEWS_HTTP_PORT", Integer.toString(processorHttpPort),
        // The tests publish data of many event times in whatever order they run. Lateness is relative
        // to each partition's stream time, which every test moves on; a grace period of 400 days keeps
        // all 2026 data on time, so only LateEventsIT (data from 2000) is late, on purpose.
        "STREAMVIEWS_SKU_SALES_GRACE_MS", Long.toString(java.time.Duration.ofDays(400).toMillis())));
    JavaApp views = JavaApp.start("view-service-0", JavaApp.jar("sinks", "streamviews-view-service.jar"), "256m", Map.of(
        "STREAMVIEWS_PROCESSORS", "127.0.0.1:" + queryPort,
        "STREAMVIEWS_HTTP_PORT", Integer.toString(viewsHttpPort),
        "STREAMVIEWS_METADATA_REFRESH", "2s"));
    URI processorHttp = URI.create("http://127.0.0.1:" + processorHttpPort);
    URI viewService = URI.create("http://127.0.0.1:" + viewsHttpPort);
    processor.awaitOk(processorHttp.resolve("/healthz/readiness"), Duration.ofSeconds(120));
    views.awaitOk(viewService.resolve("/healthz/readiness"), Duration.ofSeconds(60));
    return new Pipeline(cluster, queryPort, processorHttp, viewService, processor, views);
  }

  /** {@code scripts/produce ARGS} (in this JVM, through the CLI's entry point) against this pipeline's cluster. */
  CliRun produce(String... args) {
    List<String> all = new ArrayList<>(List.of("produce"));
    all.addAll(List.of(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry", cluster.schemaRegistryUrl().toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  boolean processorAlive() {
    return processor.isAlive();
  }

  @Override
  public void close() {
    try {
      views.close();
    } finally {
      processor.close();
    }
  }

  /** The producer CLI run in this JVM, through its real entry point. */
  record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new CliRun(exit, out.toString(), err.toString());
    }
  }

  static Path root() {
    return Path.of(System.getProperty("streamviews.root", ".."));
  }
}
