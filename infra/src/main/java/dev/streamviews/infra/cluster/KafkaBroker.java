package dev.streamviews.infra.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run in its own JVM
 * from the {@code kafka_2.13} jars: {@code StorageTool format} once per data directory, then
 * {@code kafka.Kafka server.properties}. Its output goes to {@code broker.log} in the data directory.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /**
   * @param dataDir where the broker keeps its logs, config and output
   * @param classpath a classpath holding {@code kafka_2.13} and its dependencies
   * @param settings broker settings of one's own, written after ours so that they win
   */
  public record Config(Path dataDir, String host, int port, int controllerPort, String classpath, String maxHeap,
      Map<String, String> settings) {
    public Config {
      settings = Map.copyOf(settings);
    }

    public Config(Path dataDir, String host, int port, int controllerPort, String classpath, String maxHeap) {
      this(dataDir, host, port, controllerPort, classpath, maxHeap, Map.of());
    }
  }

  /**
   * Options added to the broker's JVM, after ours so that theirs win: a profiler's agent, or a
   * logback file of one's own ({@code -Dlogback.configurationFile=...}), for instance with the
   * broker's request log ({@code kafka.request.logger} at DEBUG: every request with its queue,
   * local and purgatory times).
   */
  public static final String EXTRA_JVM_OPTIONS = "STREAMVIEWS_BROKER_JAVA_OPTS";

  private final Config config;
  private final Process process;

  private KafkaBroker(Config config, Process process) {
    this.config = config;
    this.process = process;
  }

  static List<String> jvmOptions(Config config, Path logConfig, String extra) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + config.maxHeap(), "-XX:+UseG1GC", "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + logConfig));
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    return options;
  }

  /** Formats the data directory if it is new, starts the broker, and returns once it answers. */
  public static KafkaBroker start(Config config) {
    try {
      Files.createDirectories(config.dataDir());
      Path properties = writeServerProperties(config);
      Path logConfig = writeLogConfig(config.dataDir());
      if (!Files.exists(logDir(config).resolve("meta.properties"))) {
        format(config, properties);
      }
      Path output = config.dataDir().resolve("broker.log");
      Process process = new ProcessBuilder(JavaCommand.of(config.classpath(),
              jvmOptions(config, logConfig, System.getenv(EXTRA_JVM_OPTIONS)), "kafka.Kafka", properties.toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
          .start();
      KafkaBroker broker = new KafkaBroker(config, process);
      broker.awaitAnswering();
      log.info("Kafka broker answering at {} (pid {})", broker.bootstrapServers(), process.pid());
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a Kafka broker in " + config.dataDir(), e);
    }
  }

  public String bootstrapServers() {
    return config.host() + ":" + config.port();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the broker the way an operator would (SIGTERM, then SIGKILL if it hangs). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        log.warn("Kafka broker did not stop within 30 s; killing it");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitAnswering() {
    Properties adminConfig = new Properties();
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(adminConfig)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
              + "; see " + config.dataDir().resolve("broker.log"));
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (Exception notYet) {
          if (System.nanoTime() > deadline) {
            close();
            throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT
                + "; see " + config.dataDir().resolve("broker.log"), notYet);
          }
        }
      }
    }
  }

  private static void format(Config config, Path properties) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    Process format = new ProcessBuilder(JavaCommand.of(config.classpath(), List.of("-Xmx256m"),
            "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(config.dataDir().resolve("format.log").toFile()))
        .start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting Kafka storage failed; see " + config.dataDir().resolve("format.log"));
      }
    } catch (InterruptedException e) {
      format.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  private static Path logDir(Config config) {
    return config.dataDir().resolve("kraft-logs");
  }

  /**
   * A single node that is broker and controller, with a static controller quorum of itself.
   * Internal topics get replication factor 1 and min.insync.replicas 1, as one node requires.
   * The config's own settings come last and replace ours.
   */
  private static Path writeServerProperties(Config config) throws IOException {
    Path file = config.dataDir().resolve("server.properties");
    Files.writeString(file, serverProperties(config), StandardCharsets.UTF_8);
    return file;
  }

  static String serverProperties(Config config) {
    String host = config.host();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", "1");
    settings.put("controller.quorum.voters", "1@" + host + ":" + config.controllerPort());
    settings.put("listeners", "PLAINTEXT://" + host + ":" + config.port() + ",CONTROLLER://" + host + ":" + config.controllerPort());
    settings.put("advertised.listeners", "PLAINTEXT://" + host + ":" + config.port());
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    settings.put("log.dirs", logDir(config).toString());
    settings.put("auto.create.topics.enable", "false");
    settings.put("num.partitions", "1");
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "10");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("transaction.state.log.num.partitions", "10");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("log.segment.bytes", "67108864");
    settings.putAll(config.settings());
    StringBuilder text = new StringBuilder();
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private static Path writeLogConfig(Path dataDir) throws IOException {
    String text = String.join("\n",
        "<configuration>",
        "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>",
        "  </appender>",
        "  <logger name=\"kafka\" level=\"WARN\"/>",
        "  <logger name=\"org.apache.kafka\" level=\"WARN\"/>",
        "  <logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"/>",
        "  <root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>",
        "</configuration>",
        "");
    Path file = dataDir.resolve("broker-logback.xml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
