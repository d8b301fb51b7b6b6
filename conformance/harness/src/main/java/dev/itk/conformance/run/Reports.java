package dev.itk.conformance.run;

import dev.itk.conformance.ReferenceImplementation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RunReport}'s outputs: the report files, one {@link ReportWriter} each, and the text the
 * terminal prints (the matrix, the N-way diff, the failures). The pieces the files and the terminal
 * share (a matrix cell, a column title) are here, once.
 */
public final class Reports {
  /** {@code conformance.json} ({@code fuzz.json} for a fuzz run): everything, for tools. */
  public static final ReportWriter JSON = new JsonReportWriter();

  /** {@code junit.xml}: for CI test reporting. */
  public static final ReportWriter JUNIT_XML = new JunitXmlReportWriter();

  /** {@code summary.md}: a CI job summary. */
  public static final ReportWriter MARKDOWN = new MarkdownReportWriter();

  /** {@code report.html}: one self-contained page. */
  public static final ReportWriter HTML = new HtmlReportWriter();

  /** Every report file, in the order {@link #writeAll} writes them. */
  public static final List<ReportWriter> WRITERS = List.of(JSON, JUNIT_XML, MARKDOWN, HTML);

  /** The files {@link #writeAll} writes for a conformance run. */
  public static final List<String> FILES = WRITERS.stream().map(ReportWriter::fileName).toList();

  private Reports() {}

  /** Writes every report file into {@code dir} (created if needed); returns their paths. */
  public static List<Path> writeAll(RunReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (ReportWriter writer : WRITERS) {
      Path file = dir.resolve(writer == JSON ? report.jsonFileName() : writer.fileName());
      try (OutputStream o = Files.newOutputStream(file)) {
        writer.write(report, o);
      }
      out.add(file);
    }
    return out;
  }

  /** Reads a {@link #JSON} report back (for tests and tools). */
  public static RunReport read(Path json) {
    try {
      return JsonReportWriter.mapper().readValue(json.toFile(), RunReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ the matrix, the terminal
  // text

  /** A column's short title: {@code bodies} for {@code vectors/bodies}. */
  static String columnTitle(String check) {
    return check.substring(check.indexOf('/') + 1);
  }

  /** The result of {@code check} in {@code i}'s row, if it ran that check. */
  static Optional<CheckResult> cell(ImplementationReport i, String check) {
    return i.checks().stream().filter(c -> c.check().equals(check)).findFirst();
  }

  /**
   * What a matrix cell adds when the implementation refused acceptable vectors, e.g. {@code (3
   * refused, acceptable)}; empty otherwise.
   */
  static String refused(CheckResult c) {
    return c.refusals().isEmpty() ? "" : " (" + c.refusals().size() + " refused, acceptable)";
  }

  /**
   * A matrix cell in words: {@code ok 64/64}, {@code ok 64/64 (3 refused, acceptable)}, {@code FAIL
   * 0/1}, {@code skip}, ...
   */
  static String plainCell(ImplementationReport i, String check) {
    if (i.checks().isEmpty()) {
      return i.status().label();
    }
    return cell(i, check)
        .map(
            c ->
                switch (c.status()) {
                  case PASSED ->
                      c.total() == 0 ? "ok" : "ok " + c.passed() + "/" + c.total() + refused(c);
                  case FAILED -> "FAIL " + c.passed() + "/" + c.total() + refused(c);
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

  private static String indent(String s, int n) {
    return s.indent(n).stripTrailing();
  }

  /** The last {@code max} characters of {@code s}, marked as cut when they are not all of it. */
  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }

  /**
   * UTF-8 for the text formats; like {@code Files.writeString}, it refuses what UTF-8 cannot carry
   * (a lone surrogate) rather than writing {@code ?}. Flush it; closing it closes {@code out}.
   */
  static Writer utf8(OutputStream out) {
    // Buffered, and not only for speed: the JDK's XMLStreamWriter, handed an OutputStreamWriter
    // itself, writes every character outside the BMP as a character reference (&#x1f600;).
    // A lone surrogate (an adapter's JSON may hold "\ud800") cannot be encoded: it is written as
    // U+FFFD rather than failing the report.
    return new BufferedWriter(
        new OutputStreamWriter(
            out,
            StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("\uFFFD".getBytes(StandardCharsets.UTF_8))));
  }
}
