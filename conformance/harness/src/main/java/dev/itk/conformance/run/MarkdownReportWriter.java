package dev.itk.conformance.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code summary.md}, a CI job summary ({@code cat itk-report/summary.md >>
 * "$GITHUB_STEP_SUMMARY"}): the matrix with a mark per cell, where the scenario requests differ,
 * every difference (at most {@value #MAX_FINDINGS_SHOWN} per check) and the notes.
 */
final class MarkdownReportWriter implements ReportWriter {
  private static final int MAX_FINDINGS_SHOWN = 20;

  @Override
  public String fileName() {
    return "summary.md";
  }

  @Override
  public void write(RunReport report, OutputStream out) throws IOException {
    Writer w = Reports.utf8(out);
    w.write(render(report));
    w.flush();
  }

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
    return Reports.cell(i, check)
        .map(
            c ->
                mark(c)
                    + (c.status() == Status.SKIPPED || c.total() == 0
                        ? ""
                        : " " + c.passed() + "/" + c.total() + Reports.refused(c)))
        .orElse("");
  }

  private static String render(RunReport report) {
    StringBuilder out = new StringBuilder();
    out.append("# ")
        .append(report.title())
        .append(": ")
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
    checks.forEach(c -> out.append(' ').append(Reports.columnTitle(c)).append(" |"));
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
        "\nColumns: vector families (valid and acceptable vectors signed: message bytes, signature,"
            + " headers; an acceptable one may be refused instead),"
            + " then scenarios (requests sent to the stub, compared byte for byte with the Java"
            + " reference client's). ✅ passed, ❌ failed, ⏭️ skipped, ⚠️ broken harness, 🚫"
            + " missing runtime.\n");
    List<String> nway = Reports.nWayDiff(report);
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
              .append(" more in ")
              .append(report.jsonFileName())
              .append("\n");
        }
      }
    }
    if (problems.length() > 0) {
      out.append("\n## Differences\n").append(problems);
    }
    StringBuilder refused = new StringBuilder();
    for (ImplementationReport i : report.implementations()) {
      for (CheckResult c : i.checks()) {
        if (c.refusals().isEmpty()) {
          continue;
        }
        // One line per distinct message: a sample refuses all its raw non-ASCII paths alike.
        Map<String, Long> byMessage =
            c.refusals().stream()
                .collect(
                    Collectors.groupingBy(
                        Finding::detail, LinkedHashMap::new, Collectors.counting()));
        byMessage.forEach(
            (message, n) ->
                refused
                    .append("- `")
                    .append(i.id())
                    .append("` ")
                    .append(c.check())
                    .append(", ")
                    .append(n)
                    .append(n == 1 ? " vector: " : " vectors: ")
                    .append(md(message))
                    .append('\n'));
      }
    }
    if (refused.length() > 0) {
      out.append("\n## Refused acceptable vectors\n\n")
          .append(
              "Allowed: each rests on an unknown rule of the scheme (docs/vectors.md); the ids are"
                  + " in "
                  + report.jsonFileName()
                  + ".\n\n")
          .append(refused);
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

  /** A table cell's text: a pipe would end the cell, a newline the row. */
  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
