package dev.streamviews.producers;

/** A failure the user can act on, told in one line; the command exits non-zero without a stack trace. */
public final class CliFailure extends RuntimeException {
  public CliFailure(String message) {
    super(message);
  }
}
