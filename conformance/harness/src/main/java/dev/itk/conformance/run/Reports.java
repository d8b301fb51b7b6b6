package dev.itk.conformance.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.itk.conformance.ReferenceImplementation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a {@link RunReport}: the terminal matrix, and the report files (JSON, JUnit XML, Markdown
 * for a CI job summary, one self-contained HTML page).
 */
public final class Reports {
  /** The files {@link #writeAll} writes. */
  public static final List<String> FILES =
      List.of("conformance.json", "junit.xml", "summary.md", "report.html");

  private static final int MAX_FINDINGS_SHOWN = 20;

  private Reports() {}

  /** Writes the four report files into {@code dir} (created if needed); returns their paths. */
  public static List<Path> writeAll(RunReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    Path json = dir.resolve(FILES.get(0));
    json().writeValue(json.toFile(), report);
    out.add(json);
    Path junit = dir.resolve(FILES.get(1));
    try (Writer w = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
      junitXml(report, w);
    }
    out.add(junit);
    Path md = dir.resolve(FILES.get(2));
    Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
    out.add(md);
    Path html = dir.resolve(FILES.get(3));
    Files.writeString(html, html(report), StandardCharsets.UTF_8);
    out.add(html);
    return out;
  }

  static ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  // ------------------------------------------------------------------ the matrix

  /** A column's short title: {@code bodies} for {@code vectors/bodies}. */
  static String columnTitle(String check) {
    return check.substring(check.indexOf('/') + 1);
  }

  private static Optional<CheckResult> cell(ImplementationReport i, String check) {
    return i.checks().stream().filter(c -> c.check().equals(check)).findFirst();
  }

  private static String plainCell(ImplementationReport i, String check) {
    if (i.checks().isEmpty()) {
      return i.status().label();
    }
    return cell(i, check)
        .map(
            c ->
                switch (c.status()) {
                  case PASSED -> c.total() == 0 ? "ok" : "ok " + c.passed() + "/" + c.total();
                  case FAILED -> "FAIL " + c.passed() + "/" + c.total();
                  case SKIPPED -> "skip";
                  case BROKEN -> "broken";
                  case MISSING -> "missing";
                })
        .orElse("-");
  }

  /** The language x check matrix for the terminal, plain text. */
  public static String textMatrix(RunReport report) {
    List<String> checks = report.checkNames();
    List<String> header = new ArrayList<>();
    header.add("implementation");
    checks.forEach(c -> header.add(columnTitle(c)));
    header.add("runtime, where");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (ImplementationReport i : report.implementations()) {
      List<String> row = new ArrayList<>();
      row.add(i.id());
      checks.forEach(c -> row.add(plainCell(i, c)));
      row.add(i.runtime() + (i.environment().isEmpty() ? "" : ", " + i.environment()));
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(String.format("%-" + width[c] + "s", row.get(c)));
        if (c < row.size() - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** What each partial run checked, one line each (empty when every run checked everything). */
  public static String textScopes(RunReport report) {
    StringBuilder out = new StringBuilder();
    for (ImplementationReport i : report.implementations()) {
      if (!i.scope().isEmpty()) {
        out.append(i.id()).append(" checked ").append(i.scope()).append('\n');
      }
    }
    return out.toString();
  }

  /** Every failure, explained: what the terminal prints after the matrix (at most {@code max}). */
  public static String textFailures(RunReport report, int max) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    int total = 0;
    for (ImplementationReport i : report.implementations()) {
      if (i.status() == Status.BROKEN || i.status() == Status.MISSING) {
        out.append("- ")
            .append(i.id())
            .append(": ")
            .append(i.status().label())
            .append(": ")
            .append(i.detail())
            .append('\n');
        if (!i.stderr().isBlank()) {
          out.append(indent("stderr:\n" + tail(i.stderr(), 1500), 4)).append('\n');
        }
      }
      for (CheckResult c : i.checks()) {
        for (Finding f : c.findings()) {
          total++;
          if (shown < max) {
            shown++;
            out.append("- ")
                .append(i.id())
                .append(" ")
                .append(c.check())
                .append(" ")
                .append(f.subject())
                .append(" [")
                .append(f.part())
                .append("]\n")
                .append(indent(f.detail(), 4))
                .append('\n');
          }
        }
      }
    }
    if (total > shown) {
      out.append("(").append(total - shown).append(" more differences in the report files)\n");
    }
    return out.toString();
  }

  /**
   * The N-way view of the scenarios: for each scenario request part that differs anywhere, which
   * implementations differ from the reference and which match it.
   */
  public static List<String> nWayDiff(RunReport report) {
    List<String> lines = new ArrayList<>();
    for (String check : report.checkNames()) {
      if (!check.startsWith("scenario/")) {
        continue;
      }
      Map<String, List<String>> differing = new LinkedHashMap<>();
      List<String> ran = new ArrayList<>();
      for (ImplementationReport i : report.implementations()) {
        Optional<CheckResult> c = cell(i, check);
        if (i.id().equals(ReferenceImplementation.ID)
            || c.isEmpty()
            || c.get().status() == Status.SKIPPED
            || c.get().total() == 0) {
          continue;
        }
        ran.add(i.language());
        for (Finding f : c.get().findings()) {
          String key = f.subject().replaceAll(" \\(.*", "") + " " + f.part();
          List<String> who = differing.computeIfAbsent(key, k -> new ArrayList<>());
          if (!who.contains(i.language())) {
            who.add(i.language());
          }
        }
      }
      for (Map.Entry<String, List<String>> e : differing.entrySet()) {
        List<String> same = new ArrayList<>(ran);
        same.removeAll(e.getValue());
        lines.add(
            columnTitle(check)
                + ", "
                + e.getKey()
                + ": "
                + String.join(", ", e.getValue())
                + " differ"
                + (e.getValue().size() == 1 ? "s" : "")
                + " from the reference"
                + (same.isEmpty()
                    ? ""
                    : "; "
                        + String.join(", ", same)
                        + (same.size() == 1 ? " matches" : " match")
                        + " it"));
      }
    }
    return lines;
  }

  // ------------------------------------------------------------------ Markdown

  private static String mark(CheckResult c) {
    return switch (c.status()) {
      case PASSED -> "✅";
      case FAILED -> "❌";
      case SKIPPED -> "⏭️";
      case BROKEN -> "⚠️";
      case MISSING -> "🚫";
    };
  }

  private static String richCell(ImplementationReport i, String check) {
    if (i.checks().isEmpty()) {
      return i.status() == Status.SKIPPED ? "⏭️ not available" : "🚫 " + i.status().label();
    }
    return cell(i, check)
        .map(
            c ->
                mark(c)
                    + (c.status() == Status.SKIPPED || c.total() == 0
                        ? ""
                        : " " + c.passed() + "/" + c.total()))
        .orElse("");
  }

  /** A Markdown summary, fit for {@code $GITHUB_STEP_SUMMARY}. */
  public static String markdown(RunReport report) {
    StringBuilder out = new StringBuilder();
    out.append("# Issuetrak signing conformance: ")
        .append(report.passed() ? "passed ✅" : "FAILED ❌")
        .append("\n\n");
    out.append("Run at ")
        .append(report.startedAt())
        .append(" in ")
        .append(String.format("%.1f", report.durationMillis() / 1000.0))
        .append(" s. Vectors: `")
        .append(report.vectors())
        .append("`; scenarios: `")
        .append(report.scenarios())
        .append("`")
        .append(report.requireAll() ? "; every runtime required" : "")
        .append(".\n\n");
    List<String> checks = report.checkNames();
    out.append("| implementation | runtime, where |");
    checks.forEach(c -> out.append(' ').append(columnTitle(c)).append(" |"));
    out.append("\n| --- | --- |");
    checks.forEach(c -> out.append(" --- |"));
    out.append('\n');
    for (ImplementationReport i : report.implementations()) {
      out.append("| `")
          .append(i.id())
          .append("` | ")
          .append(md(i.runtime()))
          .append(i.environment().isEmpty() ? "" : " · " + md(i.environment()))
          .append(" |");
      checks.forEach(c -> out.append(' ').append(richCell(i, c)).append(" |"));
      out.append('\n');
    }
    out.append(
        "\nColumns: vector families (valid vectors signed: message bytes, signature, headers),"
            + " then scenarios (requests sent to the stub, compared byte for byte with the Java"
            + " reference client's). ✅ passed, ❌ failed, ⏭️ skipped, ⚠️ broken harness, 🚫"
            + " missing runtime.\n");
    List<String> nway = nWayDiff(report);
    if (!nway.isEmpty()) {
      out.append("\n## Where the scenario requests differ\n\n");
      nway.forEach(l -> out.append("- ").append(md(l)).append('\n'));
    }
    StringBuilder problems = new StringBuilder();
    for (ImplementationReport i : report.implementations()) {
      if (!i.detail().isBlank()) {
        problems
            .append("\n### `")
            .append(i.id())
            .append("`: ")
            .append(i.status().label())
            .append("\n\n")
            .append(md(i.detail()))
            .append('\n');
      }
      for (CheckResult c : i.checks()) {
        if (c.findings().isEmpty()) {
          continue;
        }
        problems.append("\n### `").append(i.id()).append("` ").append(c.check()).append("\n\n");
        c.findings().stream()
            .limit(MAX_FINDINGS_SHOWN)
            .forEach(
                f ->
                    problems
                        .append("- **")
                        .append(md(f.subject()))
                        .append("**, ")
                        .append(f.part())
                        .append(":\n\n```text\n")
                        .append(f.detail().replace("```", "'''"))
                        .append("\n```\n"));
        if (c.findings().size() > MAX_FINDINGS_SHOWN) {
          problems
              .append("- ... ")
              .append(c.findings().size() - MAX_FINDINGS_SHOWN)
              .append(" more in conformance.json\n");
        }
      }
    }
    if (problems.length() > 0) {
      out.append("\n## Differences\n").append(problems);
    }
    StringBuilder notes = new StringBuilder();
    for (ImplementationReport i : report.implementations()) {
      i.checks().stream()
          .flatMap(c -> c.notes().stream())
          .distinct()
          .forEach(n -> notes.append("- `").append(i.id()).append("` ").append(md(n)).append('\n'));
      if (!i.scope().isEmpty()) {
        notes.append("- `").append(i.id()).append("` checked ").append(md(i.scope())).append('\n');
      }
      if (i.status() == Status.SKIPPED && i.checks().isEmpty()) {
        notes
            .append("- `")
            .append(i.id())
            .append("` skipped: ")
            .append(md(i.detail()))
            .append('\n');
      }
    }
    if (notes.length() > 0) {
      out.append("\n## Notes\n\n").append(notes);
    }
    return out.toString();
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  // ------------------------------------------------------------------ JUnit XML

  /** JUnit XML: one test suite per implementation, one test case per check. */
  public static void junitXml(RunReport report, Writer w) throws IOException {
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "itk conformance");
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
          if (!c.notes().isEmpty()) {
            x.writeStartElement("system-out");
            x.writeCharacters(xmlSafe(String.join("\n", c.notes())));
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
  }

  /** XML 1.0 cannot carry most control characters, even escaped: they become U+FFFD. */
  static String xmlSafe(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)
                        ? c
                        : 0xFFFD));
    return out.toString();
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }

  // ------------------------------------------------------------------ HTML

  /** One self-contained HTML page: the matrix, the N-way diff, every difference. */
  public static String html(RunReport report) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>Issuetrak signing conformance</title>\n<style>\n")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:left;vertical-align:top}th{background:#f3f3f3}")
        .append(".passed{background:#e6f6e6}.failed{background:#fbe3e3}")
        .append(".skipped{background:#f4f4f4;color:#777}.broken,.missing{background:#fff1cc}")
        .append("pre{background:#f7f7f7;padding:8px;overflow-x:auto;white-space:pre-wrap}")
        .append("details{margin:.3em 0}\n</style></head><body>\n");
    out.append("<h1>Issuetrak signing conformance: ")
        .append(report.passed() ? "passed" : "FAILED")
        .append("</h1>\n<p>Run at ")
        .append(esc(report.startedAt()))
        .append(" in ")
        .append(String.format("%.1f", report.durationMillis() / 1000.0))
        .append(" s. Vectors: <code>")
        .append(esc(report.vectors()))
        .append("</code>; scenarios: <code>")
        .append(esc(report.scenarios()))
        .append("</code>.</p>\n<table>\n<tr><th>implementation</th><th>runtime, where</th>");
    List<String> checks = report.checkNames();
    checks.forEach(c -> out.append("<th>").append(esc(c)).append("</th>"));
    out.append("</tr>\n");
    for (ImplementationReport i : report.implementations()) {
      out.append("<tr><th><code>")
          .append(esc(i.id()))
          .append("</code></th><td>")
          .append(esc(i.runtime()))
          .append(
              i.environment().isEmpty() ? "" : "<br><small>" + esc(i.environment()) + "</small>")
          .append("</td>");
      for (String c : checks) {
        String css =
            i.checks().isEmpty()
                ? i.status().label()
                : cell(i, c).map(r -> r.status().label()).orElse("");
        out.append("<td class=\"")
            .append(css)
            .append("\">")
            .append(esc(plainCell(i, c)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    List<String> nway = nWayDiff(report);
    if (!nway.isEmpty()) {
      out.append("<h2>Where the scenario requests differ</h2>\n<ul>\n");
      nway.forEach(l -> out.append("<li>").append(esc(l)).append("</li>\n"));
      out.append("</ul>\n");
    }
    out.append("<h2>Details</h2>\n");
    for (ImplementationReport i : report.implementations()) {
      out.append("<h3><code>")
          .append(esc(i.id()))
          .append("</code> ")
          .append(esc(i.displayName()))
          .append(": ")
          .append(esc(i.status().label()))
          .append("</h3>\n<p>")
          .append(esc(i.implementation()))
          .append(", ")
          .append(esc(i.runtime()))
          .append(i.environment().isEmpty() ? "" : ", " + esc(i.environment()))
          .append("</p>\n");
      if (!i.scope().isEmpty()) {
        out.append("<p>Checked ").append(esc(i.scope())).append("</p>\n");
      }
      if (!i.detail().isBlank()) {
        out.append("<pre>").append(esc(i.detail())).append("</pre>\n");
      }
      for (CheckResult c : i.checks()) {
        if (c.findings().isEmpty() && c.notes().isEmpty()) {
          continue;
        }
        out.append("<details")
            .append(c.status() == Status.FAILED ? " open" : "")
            .append("><summary>")
            .append(esc(c.check() + ": " + c.summary()))
            .append("</summary>\n");
        c.notes().forEach(n -> out.append("<p>Note: ").append(esc(n)).append("</p>\n"));
        for (Finding f : c.findings()) {
          out.append("<p><b>")
              .append(esc(f.subject()))
              .append("</b>, ")
              .append(esc(f.part()))
              .append("</p><pre>")
              .append(esc(f.detail()))
              .append("</pre>\n");
        }
        out.append("</details>\n");
      }
      if (!i.stderr().isBlank()) {
        out.append("<details><summary>standard error</summary><pre>")
            .append(esc(tail(i.stderr(), 20_000)))
            .append("</pre></details>\n");
      }
    }
    out.append("</body></html>\n");
    return out.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String indent(String s, int n) {
    return s.indent(n).stripTrailing();
  }

  private static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }

  /** Reads a report back (for tests and tools). */
  public static RunReport read(Path json) {
    try {
      return json().readValue(json.toFile(), RunReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
