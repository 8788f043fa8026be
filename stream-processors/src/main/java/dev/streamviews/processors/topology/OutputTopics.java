package dev.streamviews.processors.topology;

import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.View;

/**
 * The topics one version of the topology emits its views to: the catalogue's for version 1,
 * suffixed for a version rebuilt beside it (see {@link Versions}), so two versions running side
 * by side never write into each other's view topics.
 */
public record OutputTopics(int version) {
  public String of(View<?> view) {
    return Versions.viewTopic(view.topic().name(), version);
  }
}
