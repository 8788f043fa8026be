package dev.streamviews.checker;

import dev.streamviews.schemas.config.Endpoints;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scripts/check}: compares every key the view service serves with the checker's model. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {
        "Reads every event of the input topics, computes the four views from them in plain Java (sharing",
        "no code with the processors), asks the view service for every key and every window, pages",
        "through each key-value view for keys it should not have, and prints",
        "'N keys checked, M mismatches'. Exits 1 if anything does not match."})
public final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
      description = "How long a key may take to catch up before it counts as a mismatch (default: ${DEFAULT-VALUE}).")
  long waitSeconds;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: $STREAMVIEWS_BOOTSTRAP_SERVERS or 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry", paramLabel = "URL", description = "Schema registry (default: $STREAMVIEWS_SCHEMA_REGISTRY_URL or http://127.0.0.1:8081).")
  String schemaRegistry;

  @Option(names = "--view-service", paramLabel = "URL", description = "View service (default: $STREAMVIEWS_VIEW_SERVICE_URL or http://127.0.0.1:8080).")
  String viewService;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(Endpoints.orDefault(schemaRegistry, Endpoints.schemaRegistryUrl())));
    InputReader reader = new InputReader(Endpoints.orDefault(bootstrapServers, Endpoints.bootstrapServers()), registry);
    InputFacts facts = reader.readAll();
    out.printf("read %d events (%d unreadable, dead-lettered by the pipeline)%n", facts.size(), facts.unreadable);
    CheckReport report = new ViewChecker(new ViewServiceClient(URI.create(Endpoints.orDefault(viewService, Endpoints.viewServiceUrl()))))
        .check(facts, reader::readLateLines, Duration.ofSeconds(waitSeconds));
    report.mismatches().stream().limit(20).forEach(out::println);
    out.println(report.summary());
    out.flush();
    return report.mismatches().isEmpty() ? 0 : 1;
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new CheckCommand());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("check: " + e.getMessage());
      return 2;
    });
    System.exit(commandLine.execute(args));
  }
}
