package dev.itk.conformance.run;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One report file of a run: its name in the report directory and how to write it. {@link
 * Reports#WRITERS} lists one per format; {@link Reports#writeAll} writes them all.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(dir.resolve(Reports.MARKDOWN.fileName()))) {
 *   Reports.MARKDOWN.write(report, out);
 * }
 * }</pre>
 */
public interface ReportWriter {
  /** The file's name, e.g. {@code summary.md}. */
  String fileName();

  /**
   * Writes {@code report} in this format as bytes (text formats in UTF-8); leaves {@code out} open.
   */
  void write(RunReport report, OutputStream out) throws IOException;
}
