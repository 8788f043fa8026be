package dev.streamviews.producers;

/**
 * The command was stopped by an interrupt (Ctrl-C, or a caller interrupting its thread) and has
 * cleaned up after itself: told in one line, exit code {@link #EXIT_CODE}.
 */
public final class CliInterrupted extends RuntimeException {
  /** 128 + SIGINT: what a shell reports for a command stopped by Ctrl-C. */
  public static final int EXIT_CODE = 130;

  public CliInterrupted(String message) {
    super(message);
  }
}
