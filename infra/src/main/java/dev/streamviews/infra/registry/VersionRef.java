package dev.streamviews.infra.registry;

import java.util.List;
import java.util.Optional;

/** A version as a request names it: a number from 1 to 2^31-1, or {@code latest} (also {@code -1}). */
record VersionRef(int number) {
  private static final int LATEST = -1;

  static VersionRef parse(String text) {
    if ("latest".equalsIgnoreCase(text)) {
      return new VersionRef(LATEST);
    }
    try {
      int number = Integer.parseInt(text);
      if (number == LATEST || number >= 1) {
        return new VersionRef(number);
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw RegistryError.invalidVersion(text);
  }

  /** The version of that number, or the latest, among versions sorted oldest first. */
  Optional<SchemaVersion> pick(List<SchemaVersion> versions) {
    if (number == LATEST) {
      return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }
    return versions.stream().filter(v -> v.version() == number).findFirst();
  }
}
