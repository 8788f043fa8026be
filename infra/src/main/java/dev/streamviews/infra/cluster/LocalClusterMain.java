package dev.streamviews.infra.cluster;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/local-kafka}: runs the local cluster in the foreground until interrupted. */
@Command(name = "local-kafka", mixinStandardHelpOptions = true,
    description = {
        "Starts a real Apache Kafka broker (KRaft, single node) and a schema registry that speaks the",
        "Confluent Schema Registry API, and keeps them running until Ctrl-C or SIGTERM.",
        "Data survives restarts in the data directory."})
public final class LocalClusterMain implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "${env:STREAMVIEWS_DATA_DIR:-.data}",
      description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}; its own folder local-kafka/ below it).")
  Path dataDir;

  @Option(names = "--host", defaultValue = "${env:STREAMVIEWS_HOST:-127.0.0.1}", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--kafka-port", defaultValue = "${env:STREAMVIEWS_KAFKA_PORT:-9092}", description = "Kafka listener port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--controller-port", defaultValue = "${env:STREAMVIEWS_CONTROLLER_PORT:-9093}", description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(names = "--registry-port", defaultValue = "${env:STREAMVIEWS_REGISTRY_PORT:-8081}", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--broker-heap", defaultValue = "1g", description = "Broker JVM maximum heap (default: ${DEFAULT-VALUE}).")
  String brokerHeap;

  @Override
  public Integer call() throws InterruptedException {
    LocalCluster cluster = LocalCluster.start(new LocalCluster.Config(dataDir.resolve("local-kafka").toAbsolutePath(),
        host, kafkaPort, controllerPort, registryPort, System.getProperty("java.class.path"), brokerHeap));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      stopped.countDown();
    }, "local-cluster-shutdown"));
    System.out.println("Kafka:           " + cluster.bootstrapServers());
    System.out.println("Schema registry: " + cluster.schemaRegistryUrl());
    System.out.println("ready");
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new LocalClusterMain());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("local-kafka: " + e.getMessage());
      return 1;
    });
    int exit = commandLine.execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
