package dev.streamviews.processors.streams;

import dev.streamviews.schemas.registry.RegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies. An unreachable schema registry is an outage, not bad
 * data: replace the thread, which resumes from the last commit and so retries the same records
 * (the serde's bounded retries pace the loop) until the registry answers. Anything else is a bug
 * or a broken cluster: stop this client, so liveness fails and an orchestrator restarts it.
 */
final class RegistryOutagePolicy implements StreamsUncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(RegistryOutagePolicy.class);

  @Override
  public StreamThreadExceptionResponse handle(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryUnavailableException) {
        log.warn("Schema registry unavailable: replacing the stream thread to retry from the last commit ({})", cause.getMessage());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
    }
    log.error("Stream thread failed; shutting this processor down", failure);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }
}
