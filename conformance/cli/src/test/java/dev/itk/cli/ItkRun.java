package dev.itk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code itk} command line, as the tests drive it.
 *
 * @param exitCode the exit status {@code itk} would return
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record ItkRun(int exitCode, String out, String err) {
  /** Runs {@code itk ARGS...} in this JVM. */
  static ItkRun itk(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Itk.run(new PrintWriter(out), new PrintWriter(err), args);
    return new ItkRun(code, out.toString(), err.toString());
  }
}
