package dev.streamviews.replay.rebuild;

import java.time.Duration;

/**
 * How far a version being built has got, and how it is said: records processed, records still to
 * process (input lag, plus records waiting in its repartition topics), the rate since the last
 * look, and the time left at that rate.
 *
 * @param processed input records processed since the build started
 * @param inputLag input records not yet processed, over every input partition
 * @param internalPending records written to its repartition topics and not yet processed
 * @param instances instances of the version in its consumer group
 * @param stable whether its consumer group is stable (no rebalance under way)
 */
record BuildProgress(long processed, long inputLag, long internalPending, int instances, boolean stable) {

  /** Every input partition processed to its end, nothing left in between, and instances running it. */
  boolean caughtUp() {
    return inputLag == 0 && internalPending == 0 && instances > 0 && stable;
  }

  /** One line of progress, the rate measured against the previous look ({@code null} for the first). */
  String describe(int version, BuildProgress previous, Duration sincePrevious) {
    if (instances == 0) {
      return String.format("version %d: waiting for processors to start it (no instance in its group yet); %,d records to process",
          version, inputLag);
    }
    StringBuilder line = new StringBuilder(String.format("version %d: %,d records processed, lag %,d", version, processed, inputLag));
    if (internalPending > 0) {
      line.append(String.format(" (+%,d repartitioned)", internalPending));
    }
    double rate = previous == null || sincePrevious.isZero() ? 0
        : (processed - previous.processed) * 1000.0 / sincePrevious.toMillis();
    if (previous != null) {
      line.append(String.format(", %,.0f records/s", Math.max(0, rate)));
    }
    if (inputLag + internalPending == 0) {
      line.append(", caught up");
    } else if (rate > 0) {
      line.append(", ETA ").append(eta(Duration.ofMillis((long) ((inputLag + internalPending) * 1000 / rate))));
    }
    line.append(String.format(" [%d instance%s%s]", instances, instances == 1 ? "" : "s", stable ? "" : ", rebalancing"));
    return line.toString();
  }

  static String eta(Duration left) {
    long seconds = Math.max(1, left.toSeconds());
    return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds + 59) / 60 + " min" : (seconds + 3599) / 3600 + " h";
  }
}
