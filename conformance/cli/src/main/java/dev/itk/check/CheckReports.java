package dev.itk.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.itk.diagnose.Cause;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The reports of an {@code itk check} run, the same four kinds as the conformance run's: {@code
 * summary.md} (for a CI job summary), {@code junit.xml} (one test case per request), {@code
 * report.html} (one page, no external resources) and {@code check.json} (the {@link CheckReport}).
 */
public final class CheckReports {
  /** The files {@link #writeAll} writes, in order. */
  public static final List<String> FILES =
      List.of("check.json", "junit.xml", "summary.md", "report.html");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CheckReports() {}

  /**
   * Writes the four files into {@code dir} (created if needed).
   *
   * @return the files written
   */
  public static List<Path> writeAll(CheckReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      for (String name : FILES) {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
          switch (name) {
            case "check.json" -> out.write(json(report));
            case "junit.xml" -> junitXml(report, out);
            case "summary.md" -> text(out, markdown(report));
            default -> text(out, html(report));
          }
        }
        written.add(file);
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports into " + dir, e);
    }
  }

  static byte[] json(CheckReport report) throws IOException {
    return JSON.writeValueAsBytes(report);
  }

  private static void text(OutputStream out, String text) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write(text);
    w.flush();
  }

  /** The verdict line: {@code PASSED: 3 requests, all accepted; the command exited 0}. */
  public static String verdictLine(CheckReport r) {
    String counts =
        r.requests().size()
            + (r.requests().size() == 1 ? " request" : " requests")
            + ", "
            + r.accepted()
            + " accepted, "
            + r.refused()
            + " refused";
    String exit =
        r.exitCode() < 0 ? "the command was stopped" : "the command exited " + r.exitCode();
    if (r.passed()) {
      return "PASSED: " + counts + "; " + exit;
    }
    return "FAILED: " + String.join("; ", r.problems()) + " (" + counts + ")";
  }

  static String markdown(CheckReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# itk check: ").append(r.passed() ? "passed" : "failed").append("\n\n");
    b.append(md(verdictLine(r))).append("\n\n");
    b.append("- command: `").append(r.command().isEmpty() ? "" : code(r.command())).append("`\n");
    b.append("- base URL: `").append(r.baseUrl()).append("`, key `").append(r.keyFingerprint());
    b.append(r.freshKey() ? "` (a fresh test key)\n" : "`\n");
    b.append("- took ").append(r.durationMillis()).append(" ms\n\n");
    if (r.requests().isEmpty()) {
      b.append("No request arrived.\n");
      return b.toString();
    }
    b.append("| # | request | status | verdict | cause |\n| --- | --- | --- | --- | --- |\n");
    for (CheckedRequest q : r.requests()) {
      b.append("| ").append(q.seq()).append(" | `").append(cell(q.label())).append("` | ");
      b.append(q.status()).append(" | ").append(q.accepted() ? "accepted" : q.verdict());
      b.append(" | ").append(cell(causeText(q))).append(" |\n");
    }
    for (CheckedRequest q : r.requests()) {
      if (q.accepted()) {
        continue;
      }
      b.append("\n## #").append(q.seq()).append(" ").append(md(q.label())).append("\n\n");
      b.append(md(q.line())).append("\n");
      if (q.canonicalMessage() != null) {
        b.append("\nThe canonical message the stub computed:\n\n```\n");
        b.append(q.canonicalMessage().replace("```", "`\u200b``")).append("\n```\n");
      }
    }
    return b.toString();
  }

  private static String causeText(CheckedRequest q) {
    if (q.accepted()) {
      return "";
    }
    if (q.causes().isEmpty()) {
      return "none catalogued (" + q.diagnosis() + ")";
    }
    List<String> parts = new ArrayList<>();
    for (Cause c : q.causes()) {
      parts.add(c.id() + ": " + c.fix());
    }
    return String.join("; ", parts);
  }

  private static String code(List<String> words) {
    return String.join(" ", words).replace("`", "'");
  }

  /** Text for a table cell: no line breaks, no pipes, no backticks that end code spans. */
  private static String cell(String s) {
    return md(s).replace("|", "\\|").replace("`", "'");
  }

  /** Markdown-inert text: control characters shown as escapes, HTML special characters escaped. */
  private static String md(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        b.append(String.format("\\x%02X", (int) c));
      } else if (c == '<') {
        b.append("&lt;");
      } else if (c == '>') {
        b.append("&gt;");
      } else if (c == '&') {
        b.append("&amp;");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static void junitXml(CheckReport r, OutputStream out) throws IOException {
    try {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "itk check");
      x.writeAttribute("tests", Integer.toString(r.requests().size() + 2));
      int failures =
          (int) r.refused()
              + (r.exitCode() == 0 ? 0 : 1)
              + (r.requests().size() + r.recordDropped() >= r.minRequests() ? 0 : 1);
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", "0");
      x.writeAttribute("time", seconds(r.durationMillis()));
      x.writeAttribute("timestamp", r.startedAt());
      x.writeCharacters("\n");
      testCase(
          x,
          "the command exits 0",
          r.exitCode() == 0 ? null : "exit status " + r.exitCode(),
          String.join(" ", r.command()));
      long total = r.requests().size() + r.recordDropped();
      testCase(
          x,
          "at least " + r.minRequests() + " requests arrive",
          total >= r.minRequests() ? null : total + " arrived",
          null);
      for (CheckedRequest q : r.requests()) {
        testCase(
            x,
            "#" + q.seq() + " " + xmlSafe(q.label()),
            q.accepted() ? null : xmlSafe(q.line()),
            q.accepted() || q.canonicalMessage() == null
                ? null
                : "The canonical message the stub computed:\n" + xmlSafe(q.canonicalMessage()));
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      w.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write junit.xml: " + e.getMessage(), e);
    }
  }

  private static void testCase(XMLStreamWriter x, String name, String failure, String detail)
      throws XMLStreamException {
    x.writeCharacters("  ");
    x.writeStartElement("testcase");
    x.writeAttribute("classname", "itk check");
    x.writeAttribute("name", name);
    if (failure != null) {
      x.writeCharacters("\n    ");
      x.writeStartElement("failure");
      x.writeAttribute("message", failure);
      x.writeCharacters(detail == null ? failure : failure + "\n" + detail);
      x.writeEndElement();
      x.writeCharacters("\n  ");
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  /** XML 1.0 cannot carry most control characters even escaped: they are shown as escapes. */
  private static String xmlSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean allowed =
          c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || c >= 0xE000;
      if (Character.isSurrogate(c)) {
        boolean pair =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        if (pair) {
          b.append(c).append(s.charAt(++i));
        } else {
          b.append(String.format("\\u%04X", (int) c));
        }
      } else if (allowed && c != 0xFFFE && c != 0xFFFF) {
        b.append(c);
      } else {
        b.append(String.format("\\x%02X", (int) c));
      }
    }
    return b.toString();
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }

  static String html(CheckReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    b.append("<title>itk check: ").append(r.passed() ? "passed" : "failed").append("</title>\n");
    b.append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;")
        .append("text-align:left;vertical-align:top}.ok{color:#176b1b}.bad{color:#a1141b}")
        .append("pre{background:#f4f4f4;padding:.6em;overflow:auto}code{font-size:13px}</style>\n");
    b.append("</head><body>\n<h1>itk check: <span class=\"")
        .append(r.passed() ? "ok\">passed" : "bad\">failed")
        .append("</span></h1>\n");
    b.append("<p>").append(esc(verdictLine(r))).append("</p>\n<ul>\n");
    b.append("<li>command: <code>").append(esc(String.join(" ", r.command()))).append("</code>");
    b.append("</li>\n<li>base URL: <code>").append(esc(r.baseUrl())).append("</code>, key <code>");
    b.append(esc(r.keyFingerprint())).append("</code>").append(r.freshKey() ? " (fresh)" : "");
    b.append("</li>\n</ul>\n");
    if (!r.requests().isEmpty()) {
      b.append("<table>\n<tr><th>#</th><th>request</th><th>status</th><th>verdict</th>")
          .append("<th>cause and fix</th></tr>\n");
      for (CheckedRequest q : r.requests()) {
        b.append("<tr><td>").append(q.seq()).append("</td><td><code>").append(esc(q.label()));
        b.append("</code></td><td>").append(q.status()).append("</td><td class=\"");
        b.append(q.accepted() ? "ok\">accepted" : "bad\">" + esc(q.verdict())).append("</td><td>");
        b.append(esc(causeText(q))).append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    for (CheckedRequest q : r.requests()) {
      if (q.accepted() || q.canonicalMessage() == null) {
        continue;
      }
      b.append("<h2>#").append(q.seq()).append(" ").append(esc(q.label())).append("</h2>\n");
      b.append("<p>").append(esc(q.line())).append("</p>\n");
      b.append("<p>The canonical message the stub computed:</p>\n<pre>");
      b.append(esc(q.canonicalMessage())).append("</pre>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  /** HTML text: the five special characters escaped, control characters shown as escapes. */
  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\n') || c == 0x7F) {
            b.append(String.format("\\x%02X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
