package dev.itk.conformance.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}, for CI test reporting: one test suite per implementation, one test case per
 * check; differences are failures, broken or missing runtimes errors.
 */
final class JunitXmlReportWriter implements ReportWriter {
  @Override
  public String fileName() {
    return "junit.xml";
  }

  @Override
  public void write(RunReport report, OutputStream out) throws IOException {
    Writer w = Reports.utf8(out);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "itk " + report.kind());
      x.writeAttribute("time", seconds(report.durationMillis()));
      for (ImplementationReport i : report.implementations()) {
        List<CheckResult> cases = new ArrayList<>(i.checks());
        if (cases.isEmpty()) {
          cases.add(new CheckResult("runtime", i.status(), 0, 0, i.detail(), List.of(), List.of()));
        }
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", i.id());
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute(
            "failures",
            Long.toString(cases.stream().filter(c -> c.status() == Status.FAILED).count()));
        x.writeAttribute(
            "errors",
            Long.toString(
                cases.stream()
                    .filter(c -> c.status() == Status.BROKEN || c.status() == Status.MISSING)
                    .count()));
        x.writeAttribute(
            "skipped",
            Long.toString(cases.stream().filter(c -> c.status() == Status.SKIPPED).count()));
        for (CheckResult c : cases) {
          x.writeCharacters("\n    ");
          x.writeStartElement("testcase");
          x.writeAttribute("classname", i.id());
          x.writeAttribute("name", c.check());
          switch (c.status()) {
            case FAILED -> {
              x.writeStartElement("failure");
              x.writeAttribute("message", xmlSafe(c.summary()));
              StringBuilder body = new StringBuilder();
              c.findings().forEach(f -> body.append(f).append("\n\n"));
              x.writeCharacters(xmlSafe(body.toString()));
              x.writeEndElement();
            }
            case BROKEN, MISSING -> {
              x.writeStartElement("error");
              x.writeAttribute("message", xmlSafe(c.summary()));
              x.writeCharacters(xmlSafe(i.stderr()));
              x.writeEndElement();
            }
            case SKIPPED -> {
              x.writeEmptyElement("skipped");
              x.writeAttribute("message", xmlSafe(c.summary()));
            }
            case PASSED -> {
              // a passing test case has no child
            }
          }
          List<String> systemOut = new ArrayList<>(c.notes());
          c.refusals()
              .forEach(
                  r -> systemOut.add("refused, acceptable: " + r.subject() + ": " + r.detail()));
          if (!systemOut.isEmpty()) {
            x.writeStartElement("system-out");
            x.writeCharacters(xmlSafe(String.join("\n", systemOut)));
            x.writeEndElement();
          }
          x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    w.flush();
  }

  /**
   * XML 1.0 cannot carry most control characters, even escaped, nor UTF-8 a lone surrogate (an
   * adapter's JSON may hold {@code "\ud800"}): they become U+FFFD.
   */
  static String xmlSafe(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20
                                && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)
                                && c != 0xFFFE
                                && c != 0xFFFF)
                        ? c
                        : 0xFFFD));
    return out.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
