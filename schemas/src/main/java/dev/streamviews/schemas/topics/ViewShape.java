package dev.streamviews.schemas.topics;

/** How a view is queried: one value per key, or one value per key and time window. */
public enum ViewShape {
  KEY_VALUE,
  WINDOWED
}
