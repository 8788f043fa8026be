package dev.streamviews.it;

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
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One of the project's applications in its own JVM, started from the jar its module built, as a
 * deployment runs it. Its output goes to a log file under target/apps.
 */
final class JavaApp implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private JavaApp(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Where the app's output goes; a restarted app appends to it. */
  Path log() {
    return log;
  }

  /** The jar a module built, found from the project root Failsafe passes in. */
  static Path jar(String module, String jarName) {
    Path root = Path.of(System.getProperty("streamviews.root", ".."));
    Path jar = root.resolve(module).resolve("target").resolve(jarName);
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through the reactor (./mvnw verify)");
    }
    return jar;
  }

  static JavaApp start(String name, Path jar, String maxHeap, Map<String, String> environment) {
    return start(name, jar, maxHeap, List.of(), environment);
  }

  static JavaApp start(String name, Path jar, String maxHeap, List<String> jvmOptions, Map<String, String> environment) {
    try {
      Path logs = Files.createDirectories(Path.of("target", "apps"));
      Path log = logs.resolve(name + ".log");
      // RocksDB and Netty unpack their native libraries into the temporary directory and delete
      // them when the JVM exits normally; the tests kill processors, which left 14 MB each in /tmp.
      Path temporary = Files.createDirectories(logs.resolve("tmp")).toAbsolutePath();
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + temporary));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      // Should the test JVM end without closing it (a crash, a kill), the app goes with it.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
      return new JavaApp(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Waits until the URL answers 200, failing early if the process dies. */
  JavaApp awaitOk(URI url, Duration timeout) {
    Awaitility.await(name + " answering 200 on " + url).atMost(timeout).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
          }
          return status(url) == 200;
        });
    return this;
  }

  static int status(URI url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** SIGKILL, as an operating system kills a process: nothing of it runs any more. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, without waiting: the app shuts down as it would under an orchestrator's stop. */
  void terminate() {
    process.destroy();
  }

  @Override
  public void close() {
    terminate();
    awaitExit();
  }

  /** Waits for a terminated app to end; one that takes longer than 30 s is killed. */
  void awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
