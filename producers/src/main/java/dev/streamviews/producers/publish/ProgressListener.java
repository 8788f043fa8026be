package dev.streamviews.producers.publish;

/** Told now and then how a long publish run is going. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener SILENT = (sent, elapsedMillis) -> {};

  void progress(long acknowledged, long elapsedMillis);
}
