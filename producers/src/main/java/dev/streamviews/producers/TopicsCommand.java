package dev.streamviews.producers;

import dev.streamviews.schemas.registry.RegistryUnavailableException;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.TopicSpec;
import dev.streamviews.schemas.topics.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scripts/topics}: creates or lists the topics of the catalogue. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = {
        "create: creates every topic of the catalogue that does not exist yet (inputs, their dead-letter",
        "        topics, views), and sets the input subjects' compatibility to BACKWARD_TRANSITIVE.",
        "list:   shows every topic of the catalogue and whether it exists."})
public final class TopicsCommand implements Callable<Integer> {
  /** Events of every version of a schema must stay readable by the newest reader. */
  static final String INPUT_COMPATIBILITY = "BACKWARD_TRANSITIVE";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ACTION", description = "create or list")
  String action;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas of each new topic (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Mixin
  EndpointOptions endpoints;

  @Override
  public Integer call() {
    String kafka = endpoints.kafka();
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(adminConfig(kafka))) {
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      switch (action) {
        case "list" -> Topics.all().forEach(topic ->
            out.printf("%-32s %2d partitions  %-8s %s%n", topic.name(), topic.partitions(),
                topic.cleanupPolicy().configValue(), existing.contains(topic.name()) ? "exists" : "missing"));
        case "create" -> {
          create(admin, existing, out);
          setInputCompatibility(out);
        }
        default -> throw new CliFailure("unknown action '" + action + "'; use create or list");
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new CliFailure("cannot reach Kafka at " + kafka + " (no answer within 10 s)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliInterrupted("interrupted");
    }
    out.flush();
    return 0;
  }

  private void create(Admin admin, Set<String> existing, PrintWriter out)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<NewTopic> missing = Topics.all().stream()
        .filter(topic -> !existing.contains(topic.name()))
        .map(this::newTopic)
        .toList();
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }
    out.printf("created %d topics, %d existed already%n", missing.size(), Topics.all().size() - missing.size());
  }

  private NewTopic newTopic(TopicSpec spec) {
    return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.allConfigs());
  }

  private void setInputCompatibility(PrintWriter out) {
    SchemaRegistryClient registry = endpoints.registry();
    try {
      for (Topic<?> input : Topics.inputs()) {
        registry.setCompatibility(input.valueSubject(), INPUT_COMPATIBILITY);
      }
    } catch (RegistryUnavailableException e) {
      throw new CliFailure("topics exist, but the schema registry at " + registry.baseUri() + " cannot be reached to set compatibility");
    }
    out.printf("input subjects set to %s%n", INPUT_COMPATIBILITY);
  }

  private static Properties adminConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return config;
  }
}
