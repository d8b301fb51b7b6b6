package dev.itk.runner;

/**
 * The adapter broke the runner protocol: it did not start, did not answer in time, answered with
 * another {@code seq} or a line that is not JSON, or exited. Reported as a broken harness, never as
 * a signing failure.
 */
public final class BrokenHarnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String stderr;

  public BrokenHarnessException(String message, String stderr) {
    super(message);
    this.stderr = stderr == null ? "" : stderr;
  }

  public BrokenHarnessException(String message, String stderr, Throwable cause) {
    super(message, cause);
    this.stderr = stderr == null ? "" : stderr;
  }

  /** The end of what the adapter wrote to standard error, for the report. */
  public String stderr() {
    return stderr;
  }
}
