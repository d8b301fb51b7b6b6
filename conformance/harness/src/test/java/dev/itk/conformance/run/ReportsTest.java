package dev.itk.conformance.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The report writers, on a run where one language differs, one is skipped and one broke. */
class ReportsTest {
  private static CheckResult ok(String check, int n) {
    return new CheckResult(check, Status.PASSED, n, n, n + "/" + n, List.of(), List.of());
  }

  static RunReport sample() {
    Finding body =
        new Finding(
            "request 1 (POST /NestedSite1/NestedSite2/api/v1/notes)",
            "body",
            "first difference at byte 40: expected 0xE2, actual 0x5C '\\'\u0001");
    ImplementationReport php =
        new ImplementationReport(
            "process:php",
            "php",
            "PHP",
            "process",
            "PHP 8.2.36",
            "image localhost/itk-sample-php:0123456789ab",
            "polyglot-samples/php",
            Status.FAILED,
            "",
            "",
            List.of(
                ok("vectors/paths", 64),
                new CheckResult(
                    "scenario/create-note",
                    Status.FAILED,
                    1,
                    0,
                    "0/1 requests identical",
                    List.of(body),
                    List.of("spells X-Issuetrak-API-Timestamp as X-IssueTrak-API-Timestamp"))),
            "PHP Warning: <b>bold</b> & more");
    ImplementationReport node =
        new ImplementationReport(
            "process:node",
            "node",
            "Node",
            "process",
            "Node.js 20",
            "host (/usr/bin/node)",
            "polyglot-samples/node",
            Status.PASSED,
            "",
            "in-process (GraalJS): message bytes only",
            List.of(ok("vectors/paths", 64), ok("scenario/create-note", 1)),
            "");
    ImplementationReport dotnet =
        new ImplementationReport(
            "process:dotnet",
            "dotnet",
            "C#",
            "process",
            "not available",
            "",
            "polyglot-samples/dotnet",
            Status.SKIPPED,
            "mono is not on PATH; install it with: apt-get install -y mono-runtime",
            "",
            List.of(),
            "");
    ImplementationReport java =
        new ImplementationReport(
            "process:java",
            "java",
            "Java",
            "process",
            "17",
            "",
            "polyglot-samples/java",
            Status.BROKEN,
            "process:java: the adapter did not answer start (seq 0) within 20 s",
            "",
            List.of(),
            "Exception in thread main");
    return new RunReport(
        "2026-11-29T00:00:00Z",
        1234,
        "fixtures/vectors",
        "fixtures/scenarios.json",
        false,
        List.of(php, node, dotnet, java));
  }

  /** A run where one implementation refused two acceptable vectors of paths and signed one. */
  static RunReport withRefusals() {
    List<Finding> refusals =
        List.of(
            new Finding(
                "paths-014-raw-e-acute-segment",
                "refused",
                "percent-encode non-ASCII path characters (unknown rule: path-raw-non-ascii)"),
            new Finding(
                "paths-029-non-ascii-e-acute-folder",
                "refused",
                "percent-encode non-ASCII path characters (unknown rule: path-raw-non-ascii)"));
    CheckResult paths =
        new CheckResult(
            "vectors/paths",
            Status.PASSED,
            64,
            64,
            "64/64 (2 refused, acceptable)",
            List.of(),
            List.of(),
            3,
            refusals);
    ImplementationReport php =
        new ImplementationReport(
            "process:php",
            "php",
            "PHP",
            "process",
            "PHP 8.2.36",
            "host (/usr/bin/php)",
            "polyglot-samples/php",
            Status.PASSED,
            "",
            "",
            List.of(paths),
            "");
    return new RunReport(
        "2026-11-29T00:00:00Z",
        1234,
        "fixtures/vectors",
        "fixtures/scenarios.json",
        true,
        List.of(php));
  }

  @Test
  void refusedAcceptableVectors_showInEveryReport_andReadBackFromJson(@TempDir Path dir)
      throws Exception {
    RunReport report = withRefusals();

    assertThat(Reports.textMatrix(report)).contains("ok 64/64 (2 refused, acceptable)");
    assertThat(written(Reports.MARKDOWN, report))
        .contains("✅ 64/64 (2 refused, acceptable)")
        .contains("## Refused acceptable vectors")
        .contains(
            "- `process:php` vectors/paths, 2 vectors: percent-encode non-ASCII path characters"
                + " (unknown rule: path-raw-non-ascii)")
        .doesNotContain("## Differences");
    assertThat(written(Reports.JUNIT_XML, report))
        .contains(
            "refused, acceptable: paths-029-non-ascii-e-acute-folder: percent-encode non-ASCII");
    assertThat(written(Reports.HTML, report))
        .contains("Refused, acceptable: <b>paths-014-raw-e-acute-segment</b>");
    Reports.writeAll(report, dir);
    CheckResult back =
        Reports.read(dir.resolve("conformance.json")).implementations().get(0).checks().get(0);
    assertThat(back.refusals())
        .isEqualTo(report.implementations().get(0).checks().get(0).refusals());
    assertThat(back.acceptable()).isEqualTo(3);
    assertThat(back.acceptableSigned()).isEqualTo(1);
  }

  private static String written(ReportWriter writer, RunReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void textMatrix_hasOneRowPerImplementation_andOneColumnPerCheck() {
    String m = Reports.textMatrix(sample());

    assertThat(m.lines().toList()).hasSize(5);
    assertThat(m.lines().findFirst().orElseThrow())
        .startsWith("implementation")
        .contains("paths", "create-note", "runtime, where");
    assertThat(m).contains("FAIL 0/1", "ok 64/64", "skipped", "broken");
  }

  @Test
  void nWayDiff_namesWhoDiffersInWhichPart_andWhoMatches() {
    assertThat(Reports.nWayDiff(sample()))
        .containsExactly(
            "create-note, request 1 body: php differs from the reference; node matches it");
  }

  @Test
  void failures_nameLanguageCheckAndPart() {
    String f = Reports.textFailures(sample(), 20);

    assertThat(f)
        .contains("- process:php scenario/create-note request 1 (POST")
        .contains("[body]")
        .contains("first difference at byte 40")
        .contains("- process:java: broken: process:java: the adapter did not answer start")
        .contains("Exception in thread main");
  }

  @Test
  void markdown_hasTheMatrix_theDiff_theDifferences_andTheNotes() throws IOException {
    String md = written(Reports.MARKDOWN, sample());

    assertThat(md)
        .startsWith("# Issuetrak signing conformance: FAILED ❌")
        .contains(
            "| `process:php` | PHP 8.2.36 · image localhost/itk-sample-php:0123456789ab | ✅ 64/64 |"
                + " ❌ 0/1 |")
        .contains("| `process:dotnet` | not available | ⏭️ not available | ⏭️ not available |")
        .contains("## Where the scenario requests differ")
        .contains("### `process:php` scenario/create-note")
        .contains("- `process:php` spells X-Issuetrak-API-Timestamp as X-IssueTrak-API-Timestamp")
        .contains("- `process:dotnet` skipped: mono is not on PATH")
        .contains("- `process:node` checked in-process (GraalJS): message bytes only");
  }

  @Test
  void html_isOnePage_withEverythingEscaped() throws IOException {
    String html = written(Reports.HTML, sample());

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .doesNotContain("<script", "<link", "src=")
        .contains("<td class=\"failed\">FAIL 0/1</td>")
        .contains("PHP Warning: &lt;b&gt;bold&lt;/b&gt; &amp; more")
        .doesNotContain("<b>bold</b>");
  }

  @Test
  void junitXml_parses_withFailuresErrorsAndSkipsCounted() throws Exception {
    String xml = written(Reports.JUNIT_XML, sample());

    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element php = (Element) d.getElementsByTagName("testsuite").item(0);
    assertThat(php.getAttribute("name")).isEqualTo("process:php");
    assertThat(php.getAttribute("tests")).isEqualTo("2");
    assertThat(php.getAttribute("failures")).isEqualTo("1");
    assertThat(xml)
        .contains("<skipped message=\"mono is not on PATH")
        .contains("<error message=\"process:java: the adapter did not answer start")
        .doesNotContain("\u0001");
  }

  @Test
  void everyWriter_writesItsFile_andLeavesTheStreamOpen() throws IOException {
    for (ReportWriter writer : Reports.WRITERS) {
      boolean[] closed = {false};
      ByteArrayOutputStream out =
          new ByteArrayOutputStream() {
            @Override
            public void close() {
              closed[0] = true;
            }
          };

      writer.write(sample(), out);

      assertThat(out.size()).as("bytes written for %s", writer.fileName()).isPositive();
      assertThat(closed[0]).as("%s closed the caller's stream", writer.fileName()).isFalse();
    }
    assertThat(Reports.FILES).doesNotHaveDuplicates();
  }

  @Test
  void writeAll_writesTheFourFiles_andTheJsonReadsBack(@TempDir Path dir) throws Exception {
    List<Path> files = Reports.writeAll(sample(), dir.resolve("nested/report"));

    assertThat(files).extracting(p -> p.getFileName().toString()).isEqualTo(Reports.FILES);
    files.forEach(f -> assertThat(f).isNotEmptyFile());
    RunReport back = Reports.read(files.get(0));
    assertThat(back).isEqualTo(sample());
    assertThat(Files.readString(files.get(0)))
        .contains("\"passed\" : false", "\"status\" : \"failed\"");
  }

  @Test
  void aLoneSurrogateFromAnAdapter_isWrittenAsUFffd_inEveryFile(@TempDir Path dir)
      throws Exception {
    // An adapter's JSON answer may hold "\ud800": a string no UTF-8 encoder takes as it is.
    Finding f = new Finding("request 1", "body", "the adapter sent x\ud800y");
    ImplementationReport i =
        new ImplementationReport(
            "process:fake",
            "fake",
            "Fake",
            "process",
            "1",
            "",
            "fake",
            Status.FAILED,
            "detail \udc00",
            "",
            List.of(
                new CheckResult(
                    "vectors/paths",
                    Status.FAILED,
                    1,
                    0,
                    "0/1 \ud800",
                    List.of(f),
                    List.of("note \udc00"))),
            "stderr \ud800");
    RunReport report = new RunReport("2026-12-03T00:00:00Z", 1, "v", "s", false, List.of(i));

    List<Path> files = Reports.writeAll(report, dir);

    assertThat(files).extracting(p -> p.getFileName().toString()).isEqualTo(Reports.FILES);
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(text).as(file.toString()).contains("the adapter sent x");
    }
    assertThat(Files.readString(dir.resolve("junit.xml"))).contains("x\uFFFDy");
    assertThat(Reports.read(dir.resolve("conformance.json")).implementations()).hasSize(1);
  }
}
