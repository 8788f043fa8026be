package dev.streamviews.processors.versions;

import dev.streamviews.processors.streams.ProcessorStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps local state from outliving a reset. Kafka's reset tool rewinds offsets and deletes the
 * changelogs, but cannot reach the stores each instance keeps on its disk; starting on them would
 * mix the old state into the rebuilt one. So next to each application's state directory this
 * instance notes the generation it was built under ({@code <application id>.generation}), and
 * wipes the state when the pipeline has moved to another generation since.
 */
final class LocalStateGenerations {
  private static final Logger log = LoggerFactory.getLogger(LocalStateGenerations.class);

  private final Path stateDir;

  LocalStateGenerations(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** Before the version starts: wipes its local state if it was built under another generation, then notes this one. */
  void prepare(ProcessorStreams version, long generation) {
    Path marker = markerOf(version.applicationId());
    Path state = stateDir.resolve(version.applicationId());
    try {
      String noted = Files.exists(marker) ? Files.readString(marker).trim() : null;
      boolean stale = noted != null ? !noted.equals(Long.toString(generation)) : generation != 0 && hasFiles(state);
      if (stale) {
        log.info("Local state of {} was built under generation {}; the pipeline is at generation {} (reset since): wiping it",
            version.applicationId(), noted == null ? "unknown" : noted, generation);
        version.streams().cleanUp();
      }
      Files.createDirectories(stateDir);
      Files.writeString(marker, Long.toString(generation));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot note the generation of " + version.applicationId() + " in " + stateDir, e);
    }
  }

  /** After a version retired (its state wiped): its note goes too. */
  void forget(String applicationId) {
    try {
      Files.deleteIfExists(markerOf(applicationId));
    } catch (IOException e) {
      log.warn("Cannot remove {}: {}", markerOf(applicationId), e.toString());
    }
  }

  /**
   * Deletes the local state of this pipeline's versions that are gone (retired while this instance
   * was down), leaving the wanted ones and anything that is not this pipeline's.
   */
  void removeOtherVersions(String baseApplicationId, Set<String> wanted) {
    Pattern ours = Pattern.compile(Pattern.quote(baseApplicationId) + "(\\.v\\d+)?");
    if (!Files.isDirectory(stateDir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(stateDir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        String applicationId = name.endsWith(".generation") ? name.substring(0, name.length() - ".generation".length()) : name;
        if (ours.matcher(applicationId).matches() && !wanted.contains(applicationId)) {
          log.info("Removing local state of {}, a version no longer running", applicationId);
          deleteRecursively(entry);
        }
      }
    } catch (IOException e) {
      log.warn("Cannot look for retired versions' state in {}: {}", stateDir, e.toString());
    }
  }

  private Path markerOf(String applicationId) {
    return stateDir.resolve(applicationId + ".generation");
  }

  private static boolean hasFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(each);
      }
    }
  }
}
