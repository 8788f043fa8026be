package dev.streamviews.producers;

import dev.streamviews.producers.generate.ShopEventGenerator;
import dev.streamviews.producers.publish.EventPublisher;
import dev.streamviews.producers.publish.KafkaPreflight;
import dev.streamviews.producers.publish.OutgoingEvent;
import dev.streamviews.producers.publish.PublishSummary;
import dev.streamviews.schemas.registry.IncompatibleSchemaException;
import dev.streamviews.schemas.registry.RegistryRequestException;
import dev.streamviews.schemas.registry.RegistryUnavailableException;
import dev.streamviews.schemas.registry.SchemaRegistryClient;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scripts/produce}: publishes events from a file of JSON lines, or generated ones. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Publishes events to an input topic as Avro (Confluent wire format), keyed by the event's own key field.",
        "With --file, every line is checked first: if any is invalid, nothing is sent (unless --skip-invalid).",
        "With --generate, consistent orders, payments, shipments and stock adjustments are made up; the same",
        "seed gives the same events. TOPIC may then be 'all' to publish to every input topic."},
    footer = {"", "Examples:",
        "  scripts/produce shop.orders --file my-orders.jsonl",
        "  scripts/produce all --generate 10000 --seed 42 --rate 500",
        "  scripts/produce shop.orders --file orders-v2.jsonl --schema OrderPlaced-v2.avsc"})
public final class ProduceCommand implements Callable<Integer> {
  static final String ALL = "all";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "shop.orders, shop.payments, shop.shipments, shop.stock-adjustments, or 'all' with --generate")
  String topicName;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--file", paramLabel = "FILE", description = "A file of JSON lines, one event each, with the Avro field names.")
    Path file;

    @Option(names = "--generate", paramLabel = "N", description = "Publish N generated events.")
    Long count;
  }

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated events (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "R", description = "At most R events a second; 0 for as fast as possible (default).")
  double rate;

  @Option(names = "--duplicates", defaultValue = "0.05", paramLabel = "SHARE", description = "Share of generated events published twice (default: ${DEFAULT-VALUE}).")
  double duplicateShare;

  @Option(names = "--disorder", defaultValue = "0.10", paramLabel = "SHARE", description = "Share of generated events published late (default: ${DEFAULT-VALUE}).")
  double disorderShare;

  @Option(names = "--start", paramLabel = "INSTANT", description = "Event time of the first generated order (default: 2026-11-01T00:00:00Z).")
  Instant start;

  @Option(names = "--skip-invalid", description = "Send the valid lines of a file even if some are invalid.")
  boolean skipInvalid;

  @Option(names = "--schema", paramLabel = "FILE.avsc",
      description = "Write a file's events with this schema (a newer or older version of the topic's event) instead of the built-in one.")
  Path schemaFile;

  @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "How long to wait for Kafka to answer before giving up (default: ${DEFAULT-VALUE}).")
  int connectTimeoutSeconds;

  @Mixin
  EndpointOptions endpoints;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Topic<?>> topics = topics();
    SchemaRegistryClient registry = endpoints.registry();
    Schema writerSchema = writerSchema(topics.get(0), registry);
    Iterator<OutgoingEvent> events = source.file != null ? fileEvents(topics.get(0), writerSchema) : generatedEvents(topics);
    String kafka = endpoints.kafka();

    try {
      KafkaPreflight.requireTopics(kafka, topics.stream().map(Topic::name).toList(), connectTimeoutSeconds * 1000L);
    } catch (IllegalStateException e) {
      throw new CliFailure(e.getMessage());
    }
    if (schemaFile == null) {
      registerSchemas(registry, topics, null);
    }
    PublishSummary summary;
    try (EventPublisher publisher = new EventPublisher(kafka, registry, EventPublisher.settingsFor(rate))) {
      summary = publisher.publish(events, rate, (sent, elapsed) ->
          spec.commandLine().getErr().printf("... %d sent (%d/s)%n", sent, sent * 1000 / Math.max(1, elapsed)));
    }
    out.println(summary.describeSent(topics.stream().map(Topic::name).collect(Collectors.joining(", "))));
    out.printf("  trace %s%n", summary.traceId());
    out.print(summary.describeOffsets());
    out.flush();
    if (summary.failed() > 0) {
      throw new CliFailure(summary.failed() + " records could not be sent: " + summary.firstFailure()
          + (summary.interrupted() ? "; interrupted before the rest were sent" : ""));
    }
    if (summary.interrupted()) {
      throw new CliInterrupted("interrupted: stopped after " + summary.sent() + " records, each of them acknowledged; the rest were not sent");
    }
    return 0;
  }

  private List<Topic<?>> topics() {
    if (ALL.equals(topicName)) {
      if (source.file != null) {
        throw new CliFailure("'all' works with --generate only; a file holds the events of one topic");
      }
      return Topics.inputs();
    }
    return List.of(Topics.input(topicName).orElseThrow(() -> new CliFailure("unknown topic '" + topicName
        + "'; events go to " + Topics.inputs().stream().map(Topic::name).collect(Collectors.joining(", ")))));
  }

  /**
   * The schema events are written with: the topic's own, or the one --schema names. A schema of the
   * user's is put to the registry first, so a version the subject's compatibility level refuses is
   * reported as such, before anything else is looked at.
   */
  private Schema writerSchema(Topic<?> topic, SchemaRegistryClient registry) {
    if (schemaFile == null) {
      return topic.valueSchema();
    }
    if (source.file == null) {
      throw new CliFailure("--schema works with --file only; generated events have the built-in schema");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(schemaFile.toFile());
    } catch (IOException | SchemaParseException e) {
      throw new CliFailure("cannot read the schema " + schemaFile + ": " + e.getMessage());
    }
    registerSchemas(registry, List.of(topic), schema);
    requireField(schema, topic, topic.keyField().orElseThrow(), Schema.Type.STRING);
    requireField(schema, topic, topic.timeField().orElseThrow(), Schema.Type.LONG);
    return schema;
  }

  private void requireField(Schema schema, Topic<?> topic, String name, Schema.Type type) {
    Schema.Field field = schema.getType() == Schema.Type.RECORD ? schema.getField(name) : null;
    if (field == null || field.schema().getType() != type) {
      throw new CliFailure(schemaFile + " needs a field '" + name + "' of type " + type.getName() + " for " + topic.name());
    }
  }

  private Iterator<OutgoingEvent> fileEvents(Topic<?> topic, Schema writerSchema) {
    EventFile.Contents contents = EventFile.read(source.file, topic, writerSchema);
    if (contents.lines() == 0) {
      throw new CliFailure(source.file + " is empty: nothing to send");
    }
    if (!contents.errors().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      contents.errors().stream().limit(20).forEach(error ->
          err.printf("%s:%d: %s%n", source.file, error.lineNumber(), error.message()));
      if (contents.errors().size() > 20) {
        err.printf("... and %d more invalid lines%n", contents.errors().size() - 20);
      }
      err.flush();
      if (!skipInvalid) {
        throw new CliFailure("nothing sent: " + contents.errors().size() + " of " + contents.lines()
            + " lines are invalid (--skip-invalid sends the " + contents.events().size() + " valid ones)");
      }
    }
    return contents.events().iterator();
  }

  private Iterator<OutgoingEvent> generatedEvents(List<Topic<?>> topics) {
    if (source.count <= 0) {
      throw new CliFailure("--generate needs a positive number of events");
    }
    ShopEventGenerator.Options defaults = ShopEventGenerator.Options.defaults();
    ShopEventGenerator generator = new ShopEventGenerator(seed,
        new ShopEventGenerator.Options(duplicateShare, disorderShare, start != null ? start : defaults.start()),
        topics.stream().map(Topic::name).collect(Collectors.toSet()));
    return first(source.count, generator);
  }

  /**
   * The first {@code count} events of an endless source. A plain iterator rather than a limited
   * stream: the stream's adapter showed in the CLI's profile when it publishes as fast as it can.
   */
  private static Iterator<OutgoingEvent> first(long count, Iterator<OutgoingEvent> endless) {
    return new Iterator<>() {
      private long left = count;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public OutgoingEvent next() {
        if (left <= 0) {
          throw new NoSuchElementException();
        }
        left--;
        return endless.next();
      }
    };
  }

  /** Registers each topic's schema up front: an unreachable registry or an incompatible schema stops us before anything is sent. */
  private static void registerSchemas(SchemaRegistryClient registry, List<Topic<?>> topics, Schema override) {
    for (Topic<?> topic : topics) {
      try {
        registry.register(topic.valueSubject(), override != null ? override : topic.valueSchema());
      } catch (RegistryUnavailableException e) {
        throw new CliFailure("cannot reach the schema registry at " + registry.baseUri() + " (" + rootMessage(e) + ")");
      } catch (IncompatibleSchemaException e) {
        throw new CliFailure("the schema registry refused the schema of " + topic.valueSubject() + " as incompatible: " + e.getMessage());
      } catch (RegistryRequestException e) {
        throw new CliFailure("the schema registry refused the schema of " + topic.valueSubject() + ": " + e.getMessage());
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
