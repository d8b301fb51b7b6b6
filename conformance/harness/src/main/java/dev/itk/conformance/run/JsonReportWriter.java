package dev.itk.conformance.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code conformance.json}: the whole {@link RunReport}, for tools; {@link Reports#read} reads it.
 */
final class JsonReportWriter implements ReportWriter {
  @Override
  public String fileName() {
    return "conformance.json";
  }

  @Override
  public void write(RunReport report, OutputStream out) throws IOException {
    // Jackson's UTF-8 generator, not its Writer one: it writes a character outside the BMP (an
    // emoji in an adapter's stderr) as an escaped surrogate pair, as this file has always had it.
    out.write(mapper().writeValueAsBytes(report));
  }

  static ObjectMapper mapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
