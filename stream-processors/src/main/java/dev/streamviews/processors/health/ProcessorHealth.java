package dev.streamviews.processors.health;

import org.apache.kafka.streams.KafkaStreams.State;

/**
 * What live and ready mean for a processor.
 *
 * <p>Live: the Kafka Streams client can still make progress by itself. A rebalance or a restore
 * is not death; ERROR, or a client shut down after a fatal failure, is: only a restart helps then.
 *
 * <p>Ready: queries can be answered now, and freshly: the client runs, no active store is being
 * restored, and no more than {@code maxLag} input records wait on any partition.
 */
public final class ProcessorHealth {
  private ProcessorHealth() {}

  /** What health is judged on, read off Kafka Streams at one moment. */
  public record Evidence(int version, State state, int partitionsRestoring, long toRestore, long restored, long inputLag) {}

  public static HealthReport liveness(Evidence evidence) {
    State state = evidence.state();
    boolean live = switch (state) {
      case CREATED, REBALANCING, RUNNING -> true;
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
    };
    return report(live, live ? "" : "Kafka Streams is " + state + " and will not recover by itself", evidence);
  }

  public static HealthReport readiness(Evidence evidence, long maxLag) {
    String reason;
    if (evidence.partitionsRestoring() > 0) {
      // Kafka Streams stays REBALANCING until restoring is done; the restore is what one waits for.
      reason = evidence.partitionsRestoring() + " store partitions are restoring (" + evidence.toRestore() + " records to go)";
    } else if (evidence.state() != State.RUNNING) {
      reason = "Kafka Streams is " + evidence.state();
    } else if (evidence.inputLag() > maxLag) {
      reason = evidence.inputLag() + " input records wait on a partition (at most " + maxLag + " for ready)";
    } else {
      reason = "";
    }
    return report(reason.isEmpty(), reason, evidence);
  }

  private static HealthReport report(boolean up, String reason, Evidence evidence) {
    return new HealthReport(up ? "UP" : "DOWN", reason, evidence.version(), evidence.state().name(), evidence.partitionsRestoring(),
        evidence.toRestore(), evidence.restored(), evidence.inputLag());
  }
}
