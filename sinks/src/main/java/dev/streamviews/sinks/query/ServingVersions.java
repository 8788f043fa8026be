package dev.streamviews.sinks.query;

import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The newest serving version of the views that any processor has told of in a reply, against the
 * version the routing metadata is at: when a rebuild switches over, replies say so before the
 * metadata does, and a question nobody could answer is worth asking again after a refresh.
 */
final class ServingVersions {
  private final ProcessorDirectory directory;
  private final AtomicInteger newestSeen = new AtomicInteger();

  ServingVersions(ProcessorDirectory directory) {
    this.directory = directory;
  }

  /** A reply told of this serving version. */
  void notice(int servingVersion) {
    newestSeen.accumulateAndGet(servingVersion, Math::max);
    directory.noticeServingVersion(servingVersion);
  }

  /** Whether a reply has told of a newer version than the layout's. */
  boolean newerThan(ClusterLayout layout) {
    return newestSeen.get() > layout.version();
  }
}
