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
        "no code with the processors), pages through each key-value view to compare every value and to",
        "find keys it should not have, asks for a spread sample of its keys one by one as well (every",
        "key with --every-key) and for every window of the windowed view, and prints",
        "'N keys checked, M mismatches'. Exits 1 if anything does not match.",
        "It checks the version of the views that serves, from the records it was built from (after",
        "'scripts/replay reset --to-datetime', the records from then on)."})
public final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
      description = "How long a key may take to catch up before it counts as a mismatch (default: ${DEFAULT-VALUE}).")
  long waitSeconds;

  @Option(names = "--every-key", description = "Ask every key by its own lookup too, not a sample of "
      + ViewChecker.SAMPLED_LOOKUPS + " per view (slower: one request per key).")
  boolean everyKey;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: $STREAMVIEWS_BOOTSTRAP_SERVERS or 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry", paramLabel = "URL", description = "Schema registry (default: $STREAMVIEWS_SCHEMA_REGISTRY_URL or http://127.0.0.1:8081).")
  String schemaRegistry;

  @Option(names = "--app", defaultValue = "streamviews-processor", paramLabel = "ID",
      description = "The pipeline's base application id; its serving version is checked (default: ${DEFAULT-VALUE}).")
  String pipeline;

  @Option(names = "--view-service", paramLabel = "URL", description = "View service (default: $STREAMVIEWS_VIEW_SERVICE_URL or http://127.0.0.1:8080).")
  String viewService;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(Endpoints.orDefault(schemaRegistry, Endpoints.schemaRegistryUrl())));
    InputReader reader = InputReader.forServingVersion(Endpoints.orDefault(bootstrapServers, Endpoints.bootstrapServers()),
        registry, pipeline);
    out.println("checking " + reader.version().describe());
    InputFacts facts = reader.readAll();
    out.printf("read %d events (%d unreadable, dead-lettered by the pipeline)%n", facts.size(), facts.unreadable);
    ViewServiceClient client = new ViewServiceClient(URI.create(Endpoints.orDefault(viewService, Endpoints.viewServiceUrl())));
    int served = client.catalogue().body().path("version").asInt(0);
    if (served != reader.version().version()) {
      // Views of another version cannot match this version's expectation: say so rather than list every key.
      out.printf("the view service answers from version %d, not version %d: is a switch under way?%n", served, reader.version().version());
      out.flush();
      return 1;
    }
    CheckReport report = new ViewChecker(client, everyKey).check(facts, reader::readLateLines, Duration.ofSeconds(waitSeconds));
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
