package dev.streamviews.bench;

import dev.streamviews.infra.cluster.FreePort;
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
import java.util.Map;

/** The real view service (its jar, in its own JVM) in front of the benchmark's processor. */
final class ViewServiceProcess implements AutoCloseable {
  private final Process process;
  final URI http;

  private ViewServiceProcess(Process process, URI http) {
    this.process = process;
    this.http = http;
  }

  static ViewServiceProcess start(BenchRun run, String processorQueryEndpoint, Path log) {
    Path jar = run.root().resolve("sinks/target/streamviews-view-service.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build the project first (./mvnw package -DskipTests)");
    }
    URI http = URI.create("http://127.0.0.1:" + FreePort.pick());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    command.addAll(Processes.extraJvmOptions("STREAMVIEWS_BENCH_VIEW_SERVICE_OPTS", log));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(Map.of(
        "STREAMVIEWS_PROCESSORS", processorQueryEndpoint,
        "STREAMVIEWS_HTTP_PORT", Integer.toString(http.getPort()),
        "STREAMVIEWS_METADATA_REFRESH", "5s"));
    try {
      return new ViewServiceProcess(builder.start(), http);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the view service", e);
    }
  }

  /** Waits until the service says it can answer for every partition. */
  void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(http.resolve("/healthz/readiness")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the view service did not become ready within " + timeout.toSeconds() + " s");
  }

  /** The JVM's process, for its CPU time. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() {
    Processes.stop(process, Duration.ofSeconds(30));
  }
}
