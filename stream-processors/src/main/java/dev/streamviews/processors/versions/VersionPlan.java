package dev.streamviews.processors.versions;

import dev.streamviews.schemas.control.PipelineState;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an instance does when the pipeline state changes: which versions of the views to start,
 * which to stop now, and which to stop after a while.
 *
 * <p>The serving version and the one being built run. A version that served until this change
 * keeps answering for a while (view services move over on their next metadata refresh), then
 * retires. Any other version that is no longer wanted (an abandoned build) stops at once. A version
 * due to retire that is wanted again (switched back) keeps running.
 *
 * @param start versions to start here
 * @param retireNow versions to stop and wipe now
 * @param retireLater versions to stop and wipe after the drain period
 * @param keep versions due to retire that stay after all
 */
record VersionPlan(Set<Integer> start, Set<Integer> retireNow, Set<Integer> retireLater, Set<Integer> keep) {

  /**
   * @param running the versions running here, those due to retire included
   * @param retiring the versions due to retire
   * @param before the state the running versions follow, or null at start
   * @param next the new state
   */
  static VersionPlan between(Set<Integer> running, Set<Integer> retiring, PipelineState before, PipelineState next) {
    Set<Integer> wanted = new TreeSet<>();
    wanted.add(next.getServingVersion());
    if (next.getBuildingVersion() != null) {
      wanted.add(next.getBuildingVersion());
    }
    Set<Integer> start = new TreeSet<>(wanted);
    start.removeAll(running);
    Set<Integer> keep = new TreeSet<>(retiring);
    keep.retainAll(wanted);
    Set<Integer> retireNow = new TreeSet<>();
    Set<Integer> retireLater = new TreeSet<>();
    for (int version : running) {
      if (wanted.contains(version) || retiring.contains(version)) {
        continue;
      }
      boolean servedUntilNow = before != null && before.getServingVersion() == version;
      (servedUntilNow ? retireLater : retireNow).add(version);
    }
    return new VersionPlan(start, retireNow, retireLater, keep);
  }
}
