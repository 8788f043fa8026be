package dev.streamviews.schemas.control;

/**
 * How a version of the views is named. Version 1 is the pipeline as first deployed: the base
 * application id and the view topics of the catalogue. A later version, built beside it by
 * {@code replay rebuild}, gets its own application id (so its own consumer group, internal topics
 * and local state) and its own view topics, both suffixed {@code .vN}.
 *
 * <p>The suffix starts with a dot on purpose: Kafka Streams names internal topics
 * {@code <application.id>-<name>}, and Kafka's reset tool takes every topic starting with
 * {@code <application.id>-} for the application's. With {@code <base>.v2}, no topic of version 2
 * starts with {@code <base>-}, so resetting version 1 can never touch version 2.
 */
public final class Versions {
  public static final int FIRST = 1;
  private static final java.util.regex.Pattern VERSIONED = java.util.regex.Pattern.compile("(.+)\\.v(\\d+)");

  private Versions() {}

  public static String applicationId(String baseApplicationId, int version) {
    return version == FIRST ? baseApplicationId : baseApplicationId + suffix(version);
  }

  /** The version an application id names: 1 for the base id, N for {@code <base>.vN}. */
  public static int versionOf(String applicationId) {
    java.util.regex.Matcher matcher = VERSIONED.matcher(applicationId);
    return matcher.matches() ? Integer.parseInt(matcher.group(2)) : FIRST;
  }

  /** The pipeline an application id belongs to: the id without its {@code .vN}. */
  public static String baseApplicationId(String applicationId) {
    java.util.regex.Matcher matcher = VERSIONED.matcher(applicationId);
    return matcher.matches() ? matcher.group(1) : applicationId;
  }

  /** The compacted topic a version emits a view to, from the catalogue's name of it. */
  public static String viewTopic(String catalogueName, int version) {
    return version == FIRST ? catalogueName : catalogueName + suffix(version);
  }

  private static String suffix(int version) {
    if (version < FIRST) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
    return ".v" + version;
  }
}
