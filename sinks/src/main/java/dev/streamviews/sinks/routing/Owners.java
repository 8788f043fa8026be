package dev.streamviews.sinks.routing;

import java.util.List;
import java.util.Optional;

/** Who holds one partition of one store: the active copy, if any is assigned, and the standbys. */
public record Owners(Optional<Endpoint> active, List<Endpoint> standbys) {
  public static final Owners NONE = new Owners(Optional.empty(), List.of());
}
