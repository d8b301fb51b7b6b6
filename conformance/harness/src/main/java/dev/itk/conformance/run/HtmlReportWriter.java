package dev.itk.conformance.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (no scripts, no external files) with the matrix,
 * where the scenario requests differ, and every difference; everything from the run is escaped.
 */
final class HtmlReportWriter implements ReportWriter {
  @Override
  public String fileName() {
    return "report.html";
  }

  @Override
  public void write(RunReport report, OutputStream out) throws IOException {
    Writer w = Reports.utf8(out);
    w.write(render(report));
    w.flush();
  }

  private static String render(RunReport report) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(esc(report.title()))
        .append("</title>\n<style>\n")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;")
        .append("text-align:left;vertical-align:top}th{background:#f3f3f3}")
        .append(".passed{background:#e6f6e6}.failed{background:#fbe3e3}")
        .append(".skipped{background:#f4f4f4;color:#777}.broken,.missing{background:#fff1cc}")
        .append("pre{background:#f7f7f7;padding:8px;overflow-x:auto;white-space:pre-wrap}")
        .append("details{margin:.3em 0}\n</style></head><body>\n");
    out.append("<h1>")
        .append(esc(report.title()))
        .append(": ")
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
                : Reports.cell(i, c).map(r -> r.status().label()).orElse("");
        out.append("<td class=\"")
            .append(css)
            .append("\">")
            .append(esc(Reports.plainCell(i, c)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    List<String> nway = Reports.nWayDiff(report);
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
        if (c.findings().isEmpty() && c.notes().isEmpty() && c.refusals().isEmpty()) {
          continue;
        }
        out.append("<details")
            .append(c.status() == Status.FAILED ? " open" : "")
            .append("><summary>")
            .append(esc(c.check() + ": " + c.summary()))
            .append("</summary>\n");
        c.notes().forEach(n -> out.append("<p>Note: ").append(esc(n)).append("</p>\n"));
        c.refusals()
            .forEach(
                r ->
                    out.append("<p>Refused, acceptable: <b>")
                        .append(esc(r.subject()))
                        .append("</b>: ")
                        .append(esc(r.detail()))
                        .append("</p>\n"));
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
            .append(esc(Reports.tail(i.stderr(), 20_000)))
            .append("</pre></details>\n");
      }
    }
    out.append("</body></html>\n");
    return out.toString();
  }

  /** Text in an element or a double-quoted attribute. */
  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
