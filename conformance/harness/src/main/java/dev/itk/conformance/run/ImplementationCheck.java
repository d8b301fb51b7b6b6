package dev.itk.conformance.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.MessageDiff;
import dev.itk.conformance.Mismatch;
import dev.itk.conformance.SigningOutcome;
import dev.itk.conformance.VectorCheck;
import dev.itk.conformance.scenarios.Scenario;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.BrokenHarnessException;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.SignatureHeaders;
import dev.itk.stub.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of one implementation through its open adapter session: a vector family ({@link
 * #vectors}) or a scenario ({@link #scenario}). After the adapter breaks, every later check is
 * {@link Status#BROKEN} with the reason.
 */
public final class ImplementationCheck {
  private static final ObjectMapper INPUT_JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final List<String> SIGNING_HEADERS =
      List.of(
          SignatureHeaders.REQUEST_ID, SignatureHeaders.TIMESTAMP, SignatureHeaders.AUTHORIZATION);

  private final AdapterSession session;
  private final String displayName;
  private BrokenHarnessException brokenBy;

  public ImplementationCheck(AdapterSession session, String displayName) {
    this.session = session;
    this.displayName = displayName;
  }

  /** Why the adapter broke, if it did. */
  public java.util.Optional<BrokenHarnessException> brokenBy() {
    return java.util.Optional.ofNullable(brokenBy);
  }

  /**
   * Every valid and acceptable vector of {@code file} through {@code sign}. An acceptable vector
   * passes when signed exactly as expected or refused ({@code errored} with a message); see
   * docs/vectors.md.
   */
  public CheckResult vectors(VectorFile file) {
    String check = "vectors/" + file.family();
    if (brokenBy != null) {
      return CheckResult.broken(check, brokenBy.getMessage());
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    List<Finding> refusals = new ArrayList<>();
    int total = 0;
    int passed = 0;
    int skipped = 0;
    int acceptable = 0;
    for (Vector v : file.vectors()) {
      if (!v.hasSigningExpectation()) {
        continue;
      }
      total++;
      if (v.isAcceptable()) {
        acceptable++;
      }
      Answer answer;
      try {
        answer = session.sign(v.id(), INPUT_JSON.valueToTree(v.input()));
      } catch (BrokenHarnessException e) {
        brokenBy = e;
        return new CheckResult(
            check,
            Status.BROKEN,
            total,
            passed,
            "broken at " + v.id() + ": " + e.getMessage(),
            findings,
            List.copyOf(notes),
            acceptable,
            refusals);
      }
      if (v.isAcceptable()
          && answer instanceof Answer.Errored e
          && e.message() != null
          && !e.message().isBlank()) {
        refusals.add(
            new Finding(
                v.id(),
                "refused",
                e.message().strip() + " (unknown rule: " + v.unknownRule() + ")"));
        passed++;
        continue;
      }
      List<Finding> problems = signProblems(v, answer, notes);
      if (answer instanceof Answer.Skipped) {
        skipped++;
      } else if (problems.isEmpty()) {
        passed++;
      }
      findings.addAll(problems);
    }
    Status status =
        passed + skipped == total
            ? (skipped == total && total > 0 ? Status.SKIPPED : Status.PASSED)
            : Status.FAILED;
    String summary =
        passed
            + "/"
            + total
            + (skipped > 0 ? " (" + skipped + " skipped)" : "")
            + (refusals.isEmpty() ? "" : " (" + refusals.size() + " refused, acceptable)")
            + (session.signParts().equals(AdapterSession.ALL_SIGN_PARTS)
                ? ""
                : " ("
                    + String.join(", ", new java.util.TreeSet<>(session.signParts()))
                    + " only)");
    return new CheckResult(
        check, status, total, passed, summary, findings, List.copyOf(notes), acceptable, refusals);
  }

  private List<Finding> signProblems(Vector v, Answer answer, Set<String> notes) {
    List<Finding> out = new ArrayList<>();
    if (answer instanceof Answer.Skipped s) {
      return out;
    }
    if (answer instanceof Answer.Errored e) {
      out.add(
          new Finding(
              v.id(),
              "errored",
              (v.isAcceptable()
                      ? "refused an acceptable vector without a message; say what to do instead"
                          + " (e.g. \"percent-encode non-ASCII path characters\")"
                      : e.message())
                  + stderrSuffix(e.stderr())));
      return out;
    }
    JsonNode r = ((Answer.Result) answer).value();
    byte[] message;
    try {
      message = Base64.getDecoder().decode(r.path("messageBase64").asText(""));
    } catch (IllegalArgumentException e) {
      out.add(
          new Finding(
              v.id(), "message", "messageBase64 is not standard base64: " + e.getMessage()));
      return out;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    r.path("headers")
        .fields()
        .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
    Set<String> parts = session.signParts();
    for (Mismatch m :
        VectorCheck.compare(
            v, new SigningOutcome(message, r.path("signature").asText(""), headers))) {
      if (parts.contains(m.stage())) {
        out.add(new Finding(v.id(), m.stage(), m.explanation()));
      }
    }
    if (v.input().instant() != null && parts.contains("formattedTimestamp")) {
      String formatted = r.path("formattedTimestamp").asText(null);
      if (formatted == null) {
        out.add(
            new Finding(
                v.id(),
                "formattedTimestamp",
                "missing: input.instant was given, the adapter must format it"));
      } else if (!formatted.equals(v.input().timestamp())) {
        out.add(
            new Finding(
                v.id(),
                "formattedTimestamp",
                "the formatter turned "
                    + v.input().instant()
                    + " into \""
                    + formatted
                    + "\"; expected \""
                    + v.input().timestamp()
                    + "\" (7 digits, truncated)"));
      }
    }
    for (String name : headers.keySet()) {
      for (String expected : v.expected().headers().keySet()) {
        if (name.equalsIgnoreCase(expected) && !name.equals(expected)) {
          notes.add("spells " + expected + " as " + name + " (header names are case-insensitive)");
        }
      }
    }
    return out;
  }

  /**
   * {@code scenario}: the implementation performs it against the bench's stub; each request the
   * stub recorded must have been accepted and equal the reference client's, part by part.
   */
  public CheckResult scenario(ScenarioBench bench, Scenario scenario) {
    String check = "scenario/" + scenario.name();
    if (brokenBy != null) {
      return CheckResult.broken(check, brokenBy.getMessage());
    }
    if (!session.info().scenarios().contains(scenario.name())) {
      return CheckResult.skipped(
          check,
          "the vendor's "
              + displayName
              + " sample does not do this"
              + (scenario.vendorSamples().isEmpty()
                  ? ""
                  : " (done by: " + String.join(", ", scenario.vendorSamples()) + ")"));
    }
    List<RecordedRequest> reference = bench.reference(scenario);
    ScenarioBench.Recorded<Answer> run;
    try {
      run = bench.run(scenario, session::scenario);
    } catch (BrokenHarnessException e) {
      brokenBy = e;
      return CheckResult.broken(check, e.getMessage());
    }
    if (run.answer() instanceof Answer.Skipped s) {
      return CheckResult.skipped(check, s.reason());
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    if (run.answer() instanceof Answer.Errored e) {
      findings.add(new Finding(scenario.name(), "errored", e.message() + stderrSuffix(e.stderr())));
    }
    List<RecordedRequest> got = run.requests();
    int passed = 0;
    for (int i = 0; i < Math.max(reference.size(), got.size()); i++) {
      String subject = "request " + (i + 1);
      if (i >= got.size()) {
        RecordedRequest want = reference.get(i);
        findings.add(
            new Finding(
                subject + " (" + want.method() + " " + want.path() + ")",
                "missing",
                "the stub received no request "
                    + (i + 1)
                    + "; the reference sends "
                    + want.method()
                    + " "
                    + want.path()));
        continue;
      }
      RecordedRequest actual = got.get(i);
      subject += " (" + actual.method() + " " + actual.path() + ")";
      if (i >= reference.size()) {
        findings.add(
            new Finding(
                subject, "extra", "the reference sends only " + reference.size() + " requests"));
        continue;
      }
      List<Finding> parts = compare(subject, reference.get(i), actual, notes);
      if (parts.isEmpty()) {
        passed++;
      }
      findings.addAll(parts);
    }
    Status status = findings.isEmpty() ? Status.PASSED : Status.FAILED;
    return new CheckResult(
        check,
        status,
        reference.size(),
        passed,
        passed + "/" + reference.size() + " requests identical",
        findings,
        List.copyOf(notes));
  }

  /** The parts of a recorded request the scenario check compares, in report order. */
  static Map<String, byte[]> parts(RecordedRequest r) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("method", ascii(r.method()));
    parts.put("path", r.path().getBytes(StandardCharsets.UTF_8));
    parts.put(
        "query", r.query().map(q -> "?" + q).orElse("(no ?)").getBytes(StandardCharsets.UTF_8));
    for (String h : SIGNING_HEADERS) {
      parts.put(h, headerBytes(r, h));
    }
    parts.put("Content-Type", headerBytes(r, "Content-Type"));
    parts.put("body", r.body());
    return parts;
  }

  private static List<Finding> compare(
      String subject, RecordedRequest want, RecordedRequest got, Set<String> notes) {
    List<Finding> out = new ArrayList<>();
    // Accepted like the reference's request: a success, or the very refusal the scenario expects
    // of a well-formed request (empty-body-post's 400).
    boolean sameAnswer =
        want.status() / 100 == 2 ? got.status() / 100 == 2 : got.status() == want.status();
    if (!"valid".equals(got.verdict()) || !sameAnswer) {
      out.add(
          new Finding(
              subject,
              "accepted",
              "the stub answered "
                  + got.status()
                  + " ("
                  + got.verdict()
                  + ")"
                  + got.verification().map(v -> ": " + v.detail()).orElse("")
                  + (sameAnswer ? "" : "; the reference's request got " + want.status())));
    }
    Map<String, byte[]> expected = parts(want);
    Map<String, byte[]> actual = parts(got);
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      byte[] a = actual.get(e.getKey());
      if (MessageDiff.firstDifference(e.getValue(), a) >= 0) {
        out.add(new Finding(subject, e.getKey(), MessageDiff.explainValue(e.getValue(), a)));
      }
    }
    for (String h : SIGNING_HEADERS) {
      for (HeaderLine header : got.headers()) {
        if (header.name().equalsIgnoreCase(h) && !header.name().equals(h)) {
          notes.add(
              "spells " + h + " as " + header.name() + " (header names are case-insensitive)");
        }
      }
    }
    return out;
  }

  private static byte[] headerBytes(RecordedRequest r, String name) {
    List<String> values = r.headerValues(name);
    String v = values.isEmpty() ? "(absent)" : String.join("\n", values);
    return v.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String stderrSuffix(String stderr) {
    if (stderr == null || stderr.isBlank()) {
      return "";
    }
    String s = stderr.strip();
    return "\n" + (s.length() > 2000 ? s.substring(s.length() - 2000) : s);
  }
}
