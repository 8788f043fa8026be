package dev.streamviews.schemas.topics;

/** Kafka's {@code cleanup.policy}: events are kept by time, views by key. */
public enum CleanupPolicy {
  DELETE("delete"),
  COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the topic config {@code cleanup.policy}. */
  public String configValue() {
    return configValue;
  }
}
