package dev.itk.stub;

import dev.itk.diagnose.Cause;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.VerificationResult;
import java.util.List;
import java.util.Optional;

/**
 * The failure message of {@link IssuetrakStubExtension.Builder#failOnRefusedRequests(boolean)}: the
 * requests of one test that the signature check refused, each with its code, the causes its 401
 * named and the canonical message the stub computed ({@code docs/stub.md#the-junit-5-extension}).
 *
 * <p>Bounded, as a test report is read by people: at most {@value #LISTED} requests in full and
 * {@value #MESSAGE_SHOWN_BYTES} bytes of each message.
 */
final class RefusedRequests {
  /** The most refused requests listed in full; the rest are counted. */
  static final int LISTED = 10;

  /** The most bytes of each canonical message shown. */
  static final int MESSAGE_SHOWN_BYTES = 4 * 1024;

  private RefusedRequests() {}

  /**
   * Whether the signature check refused {@code r}: a verifier error (always a 401). Requests it
   * accepted and requests it did not check ({@code not-checked}) are not refused, whatever their
   * status.
   */
  static boolean isRefused(RecordedRequest r) {
    return r.verification().filter(v -> !v.isValid()).isPresent();
  }

  /**
   * The failure message for {@code requests}, the records of one test; empty when none was refused.
   *
   * @param notInRecord requests of the test that are no longer in the record (dropped at its bound,
   *     or cleared by the test), and so were not looked at
   */
  static Optional<String> message(List<RecordedRequest> requests, long notInRecord) {
    List<RecordedRequest> refused = requests.stream().filter(RefusedRequests::isRefused).toList();
    if (refused.isEmpty()) {
      return Optional.empty();
    }
    long accepted = requests.stream().filter(r -> r.verdict().equals("valid")).count();
    StringBuilder out = new StringBuilder();
    out.append("The Issuetrak stub refused the signature of ")
        .append(refused.size())
        .append(refused.size() == 1 ? " request" : " requests")
        .append(" during this test, and accepted ")
        .append(accepted)
        .append(accepted == 1 ? " request" : " requests");
    long other = requests.size() - refused.size() - accepted;
    if (other > 0) {
      out.append(" (").append(other).append(" not checked)");
    }
    out.append(":\n");
    for (RecordedRequest r : refused.subList(0, Math.min(LISTED, refused.size()))) {
      describe(r, out);
    }
    if (refused.size() > LISTED) {
      out.append("... and ")
          .append(refused.size() - LISTED)
          .append(" more refused requests (stub.requests() has them)\n");
    }
    if (notInRecord > 0) {
      out.append(notInRecord)
          .append(" other requests of this test were no longer in the stub's record (dropped at")
          .append(" its bound, or cleared by the test) and were not looked at\n");
    }
    out.append(
        "(IssuetrakStubExtension failOnRefusedRequests: a test that means to send a refused"
            + " request calls stub.clearRequests() after it)");
    return Optional.of(out.toString());
  }

  private static void describe(RecordedRequest r, StringBuilder out) {
    VerificationResult v = r.verification().orElseThrow();
    out.append("#")
        .append(r.sequence())
        .append(' ')
        .append(r.method())
        .append(' ')
        .append(r.path())
        .append(r.query().map(q -> "?" + q).orElse(""))
        .append(": ")
        .append(r.status())
        .append(' ')
        .append(v.code())
        .append('\n');
    out.append("  detail: ").append(v.detail()).append('\n');
    r.diagnosis().ifPresent(d -> describe(d, out));
    Optional<CanonicalMessage> m = v.message();
    if (m.isEmpty()) {
      out.append("  canonical message: none (the stub stopped before it could build one)\n");
      return;
    }
    byte[] bytes = m.get().toBytes();
    int shown = Math.min(bytes.length, MESSAGE_SHOWN_BYTES);
    out.append("  canonical message the stub computed (\\n marks each line feed):\n");
    String rendered = MessageRendering.render(bytes, 0, shown);
    if (rendered.endsWith("\n")) {
      rendered = rendered.substring(0, rendered.length() - 1); // the break after a last "\n"
    }
    for (String line : rendered.split("\n", -1)) {
      out.append("    ").append(line).append('\n');
    }
    if (shown < bytes.length) {
      out.append("    ... (")
          .append(bytes.length - shown)
          .append(" more bytes of the message's ")
          .append(bytes.length)
          .append(")\n");
    }
  }

  private static void describe(RefusalDiagnosis d, StringBuilder out) {
    for (Cause c : d.causes()) {
      out.append("  cause ").append(c.id()).append(": ").append(c.explanation()).append('\n');
      out.append("    fix: ").append(c.fix()).append('\n');
    }
    if (!d.causes().isEmpty()) {
      return;
    }
    if (d.status().equals("complete")) {
      out.append(
          "  cause: none catalogued (no known mistake, nor pair, reproduces the signature):"
              + " compare the canonical message below with the one your client signed; if they"
              + " are equal, the key differs\n");
    } else {
      out.append("  cause: none named (diagnosis ")
          .append(d.status())
          .append(": ")
          .append(d.detail())
          .append(")\n");
    }
  }
}
