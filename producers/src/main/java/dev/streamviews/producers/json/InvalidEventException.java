package dev.streamviews.producers.json;

/** A JSON event that does not fit its schema, naming the field (for example {@code lines[1].quantity}). */
public final class InvalidEventException extends Exception {
  private final String field;
  private final String problem;

  InvalidEventException(String field, String problem) {
    super((field.isEmpty() ? "" : "field '" + field + "': ") + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The path of the offending field, empty for the event as a whole. */
  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
