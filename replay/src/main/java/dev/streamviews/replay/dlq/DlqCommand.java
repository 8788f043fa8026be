package dev.streamviews.replay.dlq;

import dev.streamviews.producers.CliFailure;
import dev.streamviews.replay.cli.KafkaConnection;
import dev.streamviews.replay.kafka.ClusterClient;
import dev.streamviews.replay.kafka.TopicReader;
import dev.streamviews.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay dlq}: sends dead-lettered records back to their source topic, with their original
 * key, value and headers plus a replay marker, once the cause is fixed. Once only: each record sent
 * back is noted in {@code streamviews.dlq-replays} (keyed by where it was first published) in the
 * same Kafka transaction as the record itself, and a run skips what the ledger holds. The
 * transactional id is the topic's, so a second run of the same topic fences the first, and reads
 * the ledger only after the first run's last transaction has been settled.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Send dead-lettered records back to their topic, once the cause is fixed.",
        "Reads <topic>.dlq; each record goes back to its original partition with its original key,",
        "value and headers, plus the headers replay.of (where it was first published) and replay.time.",
        "A record already sent back by an earlier run is not sent again, even if it failed again."})
public final class DlqCommand implements Callable<Integer> {
  private static final int BATCH = 500;

  @Spec
  CommandSpec spec;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The source topic, e.g. shop.orders (its dead letters are in TOPIC.dlq).")
  String topic;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Only dead letters whose reason contains TEXT (ignoring case).")
  String reason;

  @Option(names = "--dry-run", description = "Count and list what would be sent; send nothing.")
  boolean dryRun;

  @Mixin
  KafkaConnection connection;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String deadLetters = Topics.deadLetterTopicOf(topic);
    try (ClusterClient kafka = connection.connect()) {
      kafka.requireTopics(List.of(topic, deadLetters, Topics.DLQ_REPLAYS.name()));
      int sourcePartitions = kafka.partitionsOf(List.of(topic)).size();
      try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : transactionalProducer(kafka)) {
        if (producer != null) {
          producer.initTransactions();
        }
        Set<String> replayed = ledger(kafka);
        Selection selection = select(kafka, deadLetters, replayed);
        out.printf("%s: %,d dead letters; %,d to send back to %s, %,d sent back before, %,d not matching --reason, %,d from"
                + " another topic, %,d without source headers%n", deadLetters, selection.total, selection.toSend.size(), topic,
            selection.alreadyReplayed, selection.otherReason, selection.otherTopic, selection.unplaced);
        if (dryRun) {
          selection.toSend.stream().limit(20).forEach(letter -> out.printf("  would send %s  (%s)%n",
              letter.sourceCoordinates().orElseThrow(), letter.reason()));
          if (selection.toSend.size() > 20) {
            out.printf("  ... and %,d more%n", selection.toSend.size() - 20);
          }
          out.println("Dry run: nothing sent.");
          return 0;
        }
        send(producer, selection.toSend, sourcePartitions, out);
        out.printf("Sent %,d records back to %s, marked %s; noted in %s.%n", selection.toSend.size(), topic,
            DeadLetter.REPLAY_OF, Topics.DLQ_REPLAYS.name());
        return 0;
      } catch (ProducerFencedException e) {
        throw new CliFailure("another replay of " + topic + " started meanwhile and took over; this one stopped"
            + " (what it committed before is in the ledger)");
      } catch (KafkaException e) {
        throw new CliFailure("cannot send to Kafka at " + kafka.bootstrapServers() + ": " + e.getMessage());
      }
    }
  }

  /** What a run found in the dead-letter topic. */
  private static final class Selection {
    final List<DeadLetter> toSend = new ArrayList<>();
    long total;
    long alreadyReplayed;
    long otherReason;
    long otherTopic;
    long unplaced;
  }

  private Selection select(ClusterClient kafka, String deadLetters, Set<String> replayed) {
    List<TopicPartition> partitions = kafka.partitionsOf(List.of(deadLetters));
    Selection selection = new Selection();
    Set<String> seen = new HashSet<>(replayed);
    TopicReader.read(kafka.bootstrapServers(), kafka.beginningOffsets(partitions), kafka.endOffsets(partitions), kafka.timeout(),
        record -> {
          DeadLetter letter = new DeadLetter(record);
          selection.total++;
          if (letter.sourceCoordinates().isEmpty()) {
            selection.unplaced++;
          } else if (!letter.sourceTopic().orElseThrow().equals(topic)) {
            selection.otherTopic++;
          } else if (reason != null && !letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))) {
            selection.otherReason++;
          } else if (!seen.add(letter.sourceCoordinates().orElseThrow())) {
            selection.alreadyReplayed++;
          } else {
            selection.toSend.add(letter);
          }
        });
    return selection;
  }

  /** The source coordinates of every record sent back before, any topic's. */
  private static Set<String> ledger(ClusterClient kafka) {
    List<TopicPartition> partitions = kafka.partitionsOf(List.of(Topics.DLQ_REPLAYS.name()));
    Set<String> replayed = new HashSet<>();
    TopicReader.read(kafka.bootstrapServers(), kafka.beginningOffsets(partitions), kafka.endOffsets(partitions), kafka.timeout(),
        record -> {
          if (record.key() != null && record.value() != null) {
            replayed.add(new String(record.key(), StandardCharsets.UTF_8));
          }
        });
    return replayed;
  }

  private void send(KafkaProducer<byte[], byte[]> producer, List<DeadLetter> letters, int sourcePartitions, PrintWriter out) {
    String now = Instant.now().toString();
    for (int from = 0; from < letters.size(); from += BATCH) {
      producer.beginTransaction();
      for (DeadLetter letter : letters.subList(from, Math.min(letters.size(), from + BATCH))) {
        String coordinates = letter.sourceCoordinates().orElseThrow();
        Integer partition = letter.sourcePartition().filter(p -> p < sourcePartitions).orElse(null);
        long timestamp = letter.sourceTimestamp().orElse(letter.record().timestamp());
        producer.send(new ProducerRecord<>(topic, partition, timestamp, letter.record().key(), letter.record().value(),
            letter.replayHeaders(coordinates, now)));
        producer.send(new ProducerRecord<>(Topics.DLQ_REPLAYS.name(), 0, null, coordinates.getBytes(StandardCharsets.UTF_8),
            ("replayed " + now + " (" + letter.reason() + ")").getBytes(StandardCharsets.UTF_8)));
      }
      producer.commitTransaction();
      if (letters.size() > BATCH) {
        out.printf("  sent %,d of %,d%n", Math.min(letters.size(), from + BATCH), letters.size());
        out.flush();
      }
    }
  }

  private KafkaProducer<byte[], byte[]> transactionalProducer(ClusterClient kafka) {
    java.util.Properties config = new java.util.Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "streamviews-replay-dlq-" + topic);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.timeout().toMillis());
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
