package dev.streamviews.processors.health;

import org.apache.kafka.streams.KafkaStreams.State;

/**
 * What live and ready mean for a processor.
 *
 * <p>Live: the Kafka Streams client can still make progress by itself. A rebalance or a restore
 * is not death; ERROR, or a client shut down after a fatal failure, is: only a restart helps then.
 *
 * <p>Ready: queries can be answered now: the client runs and no local store is being restored.
 */
public final class ProcessorHealth {
  private ProcessorHealth() {}

  public static HealthReport liveness(State state, int partitionsRestoring, long toRestore, long restored) {
    boolean live = switch (state) {
      case CREATED, REBALANCING, RUNNING -> true;
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
    };
    return report(live, live ? "" : "Kafka Streams is " + state + " and will not recover by itself",
        state, partitionsRestoring, toRestore, restored);
  }

  public static HealthReport readiness(State state, int partitionsRestoring, long toRestore, long restored) {
    String reason = state != State.RUNNING
        ? "Kafka Streams is " + state
        : partitionsRestoring > 0 ? partitionsRestoring + " store partitions are restoring (" + toRestore + " records to go)" : "";
    return report(reason.isEmpty(), reason, state, partitionsRestoring, toRestore, restored);
  }

  private static HealthReport report(boolean up, String reason, State state, int restoring, long toRestore, long restored) {
    return new HealthReport(up ? "UP" : "DOWN", reason, state.name(), restoring, toRestore, restored);
  }
}
