package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.checker.InputReader;
import dev.streamviews.infra.cluster.FreePort;
import dev.streamviews.infra.cluster.LocalCluster;
import dev.streamviews.producers.Cli;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The whole pipeline on the run's local cluster, scaled out as a deployment would be: the
 * catalogue's topics, three processor JVMs (one standby replica of every store), two view-service
 * JVMs, and HAProxy balancing between them. Processors can be killed and restarted.
 */
final class Pipeline implements AutoCloseable {
  static final int PROCESSORS = 3;
  static final int VIEW_SERVICES = 2;
  /** The processors' base application id (their default): the key of the pipeline's state. */
  static final String PIPELINE_ID = "streamviews-processor";

  final LocalCluster cluster;
  /** The public endpoint: the load balancer in front of the view services. */
  final URI viewService;
  final List<Processor> processors = new ArrayList<>();
  private final List<JavaApp> viewServices = new ArrayList<>();
  private final Process loadBalancer;

  /** One processor instance: its ports, its state, and its JVM while it runs. */
  static final class Processor {
    final int index;
    final int queryPort = FreePort.pick();
    final URI http = URI.create("http://127.0.0.1:" + FreePort.pick());
    final Path stateDir;
    private final LocalCluster cluster;
    private JavaApp app;

    Processor(int index, LocalCluster cluster) {
      this.index = index;
      this.cluster = cluster;
      this.stateDir = cluster.dataDir().resolve("processor-" + index);
    }

    String queryEndpoint() {
      return "127.0.0.1:" + queryPort;
    }

    void start(String... jvmOptions) {
      app = JavaApp.start("processor-" + index, JavaApp.jar("stream-processors", "streamviews-processor.jar"), "384m",
          List.of(jvmOptions), Map.of(
              "STREAMVIEWS_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
              "STREAMVIEWS_SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl().toString(),
              "STREAMVIEWS_STATE_DIR", stateDir.toString(),
              "STREAMVIEWS_QUERY_PORT", Integer.toString(queryPort),
              "STREAMVIEWS_HTTP_PORT", Integer.toString(http.getPort()),
              "STREAMVIEWS_STANDBY_REPLICAS", "1",
              "STREAMVIEWS_SESSION_TIMEOUT_MS", "20000",
              // A version replaced by `replay rebuild` retires this long after the switch.
              "STREAMVIEWS_RETIRE_AFTER_MS", "5000",
              // The tests publish data of many event times in whatever order they run. Lateness is
              // judged against event time already seen, which every test moves on; a grace period of
              // 400 days keeps all 2026 data on time, so only LateEventsIT (data from 2000) is late.
              "STREAMVIEWS_SKU_SALES_GRACE_MS", Long.toString(Duration.ofDays(400).toMillis())));
    }

    /** SIGKILL: no shutdown hook runs, no state is flushed, the group is not told. */
    void kill() {
      app.kill();
    }

    /** The instance's log, through every restart. */
    Path log() {
      return app.log();
    }

    void awaitReady(Duration timeout) {
      app.awaitOk(http.resolve("/healthz/readiness"), timeout);
    }

    boolean alive() {
      return app != null && app.isAlive();
    }

    /** SIGTERM without waiting; {@link #stop()} then waits for the end. */
    void terminate() {
      if (app != null) {
        app.terminate();
      }
    }

    void stop() {
      if (app != null) {
        app.close();
      }
    }
  }

  private Pipeline(LocalCluster cluster, URI viewService, Process loadBalancer) {
    this.cluster = cluster;
    this.viewService = viewService;
    this.loadBalancer = loadBalancer;
  }

  static Pipeline start(LocalCluster cluster) {
    CliRun topics = CliRun.of("topics", "create", "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry", cluster.schemaRegistryUrl().toString());
    assertThat(topics.exitCode()).as(topics.err()).isZero();

    int balancerPort = FreePort.pick();
    List<Processor> processors = new ArrayList<>();
    List<URI> views = new ArrayList<>();
    List<JavaApp> viewApps = new ArrayList<>();
    try {
      return start(cluster, balancerPort, processors, views, viewApps);
    } catch (RuntimeException | Error e) {
      viewApps.forEach(JavaApp::close); // whatever started before the failure must not outlive it
      processors.forEach(Processor::stop);
      throw e;
    }
  }

  private static Pipeline start(LocalCluster cluster, int balancerPort, List<Processor> processors, List<URI> views,
      List<JavaApp> viewApps) {
    for (int i = 0; i < PROCESSORS; i++) {
      Processor processor = new Processor(i, cluster);
      processors.add(processor);
      processor.start();
    }
    String processorEndpoints = processors.stream().map(Processor::queryEndpoint).collect(Collectors.joining(","));
    for (int i = 0; i < VIEW_SERVICES; i++) {
      URI view = URI.create("http://127.0.0.1:" + FreePort.pick());
      views.add(view);
      viewApps.add(JavaApp.start("view-service-" + i, JavaApp.jar("sinks", "streamviews-view-service.jar"), "192m", List.of(), Map.of(
          "STREAMVIEWS_PROCESSORS", processorEndpoints,
          "STREAMVIEWS_HTTP_PORT", Integer.toString(view.getPort()),
          "STREAMVIEWS_METADATA_REFRESH", "2s")));
    }
    processors.forEach(processor -> processor.awaitReady(Duration.ofSeconds(180)));
    for (int i = 0; i < VIEW_SERVICES; i++) {
      viewApps.get(i).awaitOk(views.get(i).resolve("/healthz/readiness"), Duration.ofSeconds(60));
    }
    Process balancer = LoadBalancer.start(cluster.dataDir(), balancerPort, views);
    URI viewService = URI.create("http://127.0.0.1:" + balancerPort);
    Pipeline pipeline = new Pipeline(cluster, viewService, balancer);
    pipeline.processors.addAll(processors);
    pipeline.viewServices.addAll(viewApps);
    org.awaitility.Awaitility.await("load balancer").atMost(Duration.ofSeconds(30))
        .until(() -> JavaApp.status(viewService.resolve("/healthz/readiness")) == 200);
    return pipeline;
  }

  /** Stops every processor (SIGTERM, a clean shutdown). */
  void stopProcessors() {
    // All at once, as an orchestrator stops a deployment; one after the other took seconds each.
    processors.forEach(Processor::terminate);
    processors.forEach(Processor::stop);
  }

  /** Starts every processor again and waits until each is ready. */
  void startProcessors(Duration timeout) {
    processors.forEach(processor -> processor.start());
    processors.forEach(processor -> processor.awaitReady(timeout));
  }

  /**
   * Waits until a consumer group has no members. Processors are static members of their group: a
   * stopped one stays in it until its session times out.
   */
  void awaitGroupEmpty(String group, Duration timeout) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      org.awaitility.Awaitility.await(group + " empty").atMost(timeout).pollInterval(Duration.ofMillis(500))
          .until(() -> members(admin, group) == 0);
    }
  }

  /** How many members a consumer group has now (a stopped static member counts until its session times out). */
  int groupMembers(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      return members(admin, group);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe consumer group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int members(Admin admin, String group) throws ExecutionException, InterruptedException {
    return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
  }

  /** {@code scripts/replay ARGS} (in this JVM, through its entry point) against this pipeline's cluster. */
  CliRun replay(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = dev.streamviews.replay.ReplayCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Every processor's HTTP endpoint (health, metrics). */
  List<URI> processorHttps() {
    return processors.stream().map(processor -> processor.http).toList();
  }

  boolean processorsAlive() {
    return processors.stream().allMatch(Processor::alive);
  }

  /** Whether every processor answers 200 on the path (/healthz/readiness, say). */
  boolean allProcessorsAnswer(String path) {
    return processors.stream().allMatch(processor -> JavaApp.status(processor.http.resolve(path)) == 200);
  }

  /**
   * Waits until the processors have committed every input record published so far: the group's
   * committed offsets equal the end offsets on every input partition (read from Kafka, not from
   * client metrics, which read zero before the first fetch). The group is the serving version's.
   */
  void awaitInputsProcessed(Duration timeout) {
    String group = inputs().version().applicationId();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (var topic : Topics.inputs()) {
        for (int partition = 0; partition < topic.partitions(); partition++) {
          latest.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> ends = new java.util.HashMap<>();
      admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
      org.awaitility.Awaitility.await("inputs processed").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
            || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot read offsets", e);
    }
  }

  /** The checker's reader of the inputs the serving version of the views was built from. */
  InputReader inputs() {
    return InputReader.forServingVersion(cluster.bootstrapServers(), new SchemaRegistryClient(cluster.schemaRegistryUrl()), PIPELINE_ID);
  }

  List<String> processorQueryEndpoints() {
    return processors.stream().map(Processor::queryEndpoint).toList();
  }

  /** {@code scripts/produce ARGS} (in this JVM, through the CLI's entry point) against this pipeline's cluster. */
  CliRun produce(String... args) {
    List<String> all = new ArrayList<>(List.of("produce"));
    all.addAll(List.of(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry", cluster.schemaRegistryUrl().toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Override
  public void close() {
    loadBalancer.destroy();
    viewServices.forEach(JavaApp::close);
    processors.forEach(Processor::stop);
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

  /** HAProxy from Debian's package, round robin over the view services that say they are ready. */
  static final class LoadBalancer {
    private LoadBalancer() {}

    static Process start(Path dataDir, int port, List<URI> backends) {
      StringBuilder config = new StringBuilder(String.join("\n",
          "defaults",
          "  mode http",
          "  timeout connect 2s",
          "  timeout client 30s",
          "  timeout server 30s",
          "  option httpchk GET /healthz/readiness",
          "  default-server inter 1s fall 2 rise 1",
          "frontend views",
          "  bind 127.0.0.1:" + port,
          "  default_backend view_services",
          "backend view_services",
          "  balance roundrobin",
          "  option redispatch",
          "  retries 2",
          ""));
      for (int i = 0; i < backends.size(); i++) {
        config.append("  server views").append(i).append(' ').append(backends.get(i).getHost()).append(':')
            .append(backends.get(i).getPort()).append(" check\n");
      }
      try {
        Path file = Files.writeString(dataDir.resolve("haproxy.cfg"), config.toString());
        return new ProcessBuilder("haproxy", "-f", file.toString(), "-db")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createDirectories(Path.of("target", "apps"))
                .resolve("haproxy.log").toFile()))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start HAProxy (Debian package haproxy; .ci/run installs it)", e);
      }
    }
  }
}
