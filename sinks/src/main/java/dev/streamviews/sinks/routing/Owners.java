package dev.streamviews.sinks.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds one partition of one store: the active copy, if any is assigned, and the standbys
 * with how far each is behind its changelog (unknown lag counts as far behind).
 */
public record Owners(Optional<Endpoint> active, List<Endpoint> standbys, Map<Endpoint, Long> standbyLags) {
  public static final Owners NONE = new Owners(Optional.empty(), List.of(), Map.of());

  /** The copies to ask, in order: the active one, then standbys, least behind first. */
  public List<Endpoint> inOrderOfFreshness() {
    List<Endpoint> copies = new ArrayList<>();
    active.ifPresent(copies::add);
    standbys.stream()
        .sorted(Comparator.comparingLong(standby -> standbyLags.getOrDefault(standby, Long.MAX_VALUE)))
        .forEach(copies::add);
    return copies;
  }
}
