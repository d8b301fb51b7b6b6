package dev.itk.stub.internal;

import dev.itk.diagnose.Cause;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.QueryForm;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.VerificationError;
import dev.itk.signing.VerificationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 401 body of a failed signature check ({@code docs/stub.md#the-401-body}): the verifier's
 * code, rule and detail, the canonical message the stub computed (rendered and base64) when it got
 * that far, the query form, the clock offset, the likely causes from the mistake catalogue ({@code
 * itk diagnose}) and how far that search went, and a hint. Never the expected signature.
 */
final class SignatureFailure {
  private SignatureFailure() {}

  static StubResponse response(
      VerificationResult result, QueryForm queryForm, FailureDiagnosis.Outcome diagnosis) {
    VerificationError error = result.error().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("rule", error.rule());
    body.put("detail", result.detail());
    body.put("header", result.header().orElse(null));
    result.message().ifPresent(m -> putMessage(body, m));
    body.put("queryForm", queryForm.label());
    body.put("clockOffset", result.clockOffset().map(Object::toString).orElse(null));
    List<Map<String, String>> named = new ArrayList<>();
    for (Cause c : diagnosis.causes()) {
      Map<String, String> one = new LinkedHashMap<>();
      one.put("id", c.id());
      one.put("explanation", c.explanation());
      one.put("fix", c.fix());
      named.add(one);
    }
    body.put("causes", named);
    Map<String, Object> searched = new LinkedHashMap<>();
    searched.put("status", diagnosis.status());
    searched.put("detail", diagnosis.detail());
    searched.put("hashedBytes", diagnosis.hashedBytes());
    body.put("diagnosis", searched);
    body.put("hint", hint(error, result.message().orElse(null), queryForm));
    return StubResponse.json(401, body);
  }

  /**
   * The canonical message, rendered and as base64; of a message over {@value #MESSAGE_SHOWN_BYTES}
   * bytes only its first bytes, with its length and SHA-256, so that a 401 to a large body stays
   * small and cheap (the client has the body it sent).
   */
  private static void putMessage(Map<String, Object> body, CanonicalMessage m) {
    byte[] bytes = m.toBytes();
    int shown = Math.min(bytes.length, MESSAGE_SHOWN_BYTES);
    if (shown == bytes.length) {
      body.put("canonicalMessage", MessageRendering.render(bytes));
      body.put("canonicalMessageBase64", Base64.getEncoder().encodeToString(bytes));
      return;
    }
    body.put(
        "canonicalMessage",
        MessageRendering.render(bytes, 0, shown)
            + "\n... ("
            + (bytes.length - shown)
            + " more bytes of the body: the 401 shows the first "
            + shown
            + " of the message's "
            + bytes.length
            + ")");
    body.put(
        "canonicalMessageBase64", Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, shown)));
    body.put("canonicalMessageLength", bytes.length);
    body.put("canonicalMessageSha256", Exchange.sha256(bytes));
  }

  /** The most message bytes a 401 shows. */
  static final int MESSAGE_SHOWN_BYTES = 64 * 1024;

  private static String hint(VerificationError error, CanonicalMessage message, QueryForm form) {
    return switch (error) {
      case MALFORMED_REQUEST ->
          "send the method as an HTTP token and a path that starts with /, without control"
              + " characters";
      case MISSING_HEADER, DUPLICATE_HEADER ->
          "send each of "
              + SignatureHeaders.REQUEST_ID
              + ", "
              + SignatureHeaders.TIMESTAMP
              + " and "
              + SignatureHeaders.AUTHORIZATION
              + " exactly once";
      case MALFORMED_REQUEST_ID -> "use a fresh UUID, lowercase, e.g. str(uuid4()).lower()";
      case MALFORMED_TIMESTAMP ->
          "write the UTC time as yyyy-MM-ddTHH:mm:ss.fffffffZ (7 fraction digits), e.g."
              + " 2014-09-10T17:28:08.3227351Z";
      case MALFORMED_SIGNATURE ->
          "send base64 (standard alphabet, with padding) of the 64-byte HMAC-SHA512: 88"
              + " characters";
      case STALE_TIMESTAMP ->
          "clockOffset is your timestamp minus the stub's clock; sign the current UTC time (or"
              + " set the stub's clock with POST /__itk/clock)";
      case BAD_SIGNATURE ->
          "decode canonicalMessageBase64 and compare it byte for byte with the message your client"
              + " signed: the stub signs the method as sent, the path lowercased, the query in the"
              + " '"
              + form.label()
              + "' form and the body bytes as received"
              + (message != null && message.bodyLength() > 0
                  ? "; serialize the body once and sign the bytes you send"
                  : "")
              + "; if the messages are equal, the key differs";
      case REPLAYED_REQUEST_ID, REPLAY_CACHE_FULL ->
          "make a new request ID for every request (POST /__itk/replay-cache/clear forgets the"
              + " IDs seen)";
    };
  }
}
