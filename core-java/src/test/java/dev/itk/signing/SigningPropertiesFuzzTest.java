package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Properties of signing and verifying on requests Jazzer makes up (property tests):
 *
 * <ol>
 *   <li>a request signed by the reference signer verifies;
 *   <li>changing any one byte of any component (method, request ID, timestamp, path, query, body,
 *       signature) makes verification fail: with {@code bad-signature} whenever the changed request
 *       is still well-formed, otherwise with the {@code malformed-*} code of the changed header;
 *       the one exception is a path change of letter case only, which the scheme ignores (the path
 *       is signed lowercased) and which must therefore still verify;
 *   <li>the canonical message's rendering reads back to its exact bytes.
 * </ol>
 *
 * <p>The expectations come from the rules in docs/scheme.md, checked here with plain regular
 * expressions, not from the verifier's code.
 */
class SigningPropertiesFuzzTest {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "get", "Get"};

  private enum Part {
    METHOD,
    REQUEST_ID,
    TIMESTAMP,
    PATH,
    QUERY,
    BODY,
    SIGNATURE
  }

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void signThenVerify_holds_andAnyChangedByteIsRefused(FuzzedDataProvider data) {
    ApiKey key = ApiKey.of("k" + data.consumeString(40));
    String method =
        data.consumeBoolean() ? data.pickValue(METHODS) : token(data.consumeAsciiString(8));
    String requestId = new UUID(data.consumeLong(), data.consumeLong()).toString();
    Instant at =
        Instant.ofEpochSecond(
            data.consumeLong(0, 253_402_300_799L), data.consumeInt(0, 999_999_999));
    String timestamp = IssuetrakTimestamp.format(at);
    String path = "/" + pathText(data.consumeString(60));
    String query = queryText(data.consumeString(60));
    Part changed = data.pickValue(Part.values());
    int position = data.consumeInt(0, Integer.MAX_VALUE);
    int flip = data.consumeInt(1, 255);
    byte[] body = data.consumeRemainingAsBytes();

    CanonicalMessage message =
        CanonicalMessage.builder()
            .method(method)
            .requestId(requestId)
            .timestamp(timestamp)
            .path(path)
            .query(query)
            .body(body)
            .build();
    Clock clock = Clock.fixed(IssuetrakTimestamp.truncate(at), ZoneOffset.UTC);
    SignedRequest signed = RequestSigner.create(key, clock, () -> requestId).sign(message);

    // Property 3: the rendering reads back to the exact bytes.
    byte[] bytes = message.toBytes();
    assertThat(MessageRendering.readBack(MessageRendering.render(bytes))).isEqualTo(bytes);

    // Property 1: it verifies.
    String[] parts = {method, requestId, timestamp, path, query, null, signed.signature()};
    assertThat(verify(key, clock, parts, body).code())
        .as("the request as signed")
        .isEqualTo("valid");

    // Property 2: one changed byte.
    String before;
    String after;
    byte[] changedBody = body;
    if (changed == Part.BODY) {
      if (body.length == 0) {
        return;
      }
      changedBody = body.clone();
      changedBody[position % body.length] ^= (byte) flip;
      before = "";
      after = "";
    } else {
      before = parts[changed.ordinal()];
      byte[] b = before.getBytes(StandardCharsets.ISO_8859_1);
      if (b.length == 0 || !before.chars().allMatch(c -> c < 0x100)) {
        return; // the part is empty or not one byte per character: no single byte to change
      }
      b[position % b.length] ^= (byte) flip;
      after = new String(b, StandardCharsets.ISO_8859_1);
      parts[changed.ordinal()] = after;
    }
    VerificationResult result = verify(key, clock, parts, changedBody);
    String expected = expectation(changed, before, after);
    if (expected.equals("malformed")) {
      assertThat(result.code()).as("%s changed to %s", changed, after).startsWith("malformed-");
    } else {
      assertThat(result.code())
          .as("%s %s changed to %s", changed, before, after)
          .isEqualTo(expected);
    }
  }

  /** What the scheme says a request with {@code part} changed from {@code before} gets. */
  private static String expectation(Part part, String before, String after) {
    return switch (part) {
      case BODY -> "bad-signature";
      case METHOD -> TOKEN.matcher(after).matches() ? "bad-signature" : "malformed";
      case REQUEST_ID ->
          after.matches(
                  "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
              ? "bad-signature" // signed verbatim: a change of case is a change
              : "malformed";
      case TIMESTAMP -> parses(after) ? "bad-signature" : "malformed";
      case PATH ->
          after.toLowerCase(Locale.ROOT).equals(before.toLowerCase(Locale.ROOT))
              ? "valid"
              : (after.startsWith("/")
                      && after
                          .chars()
                          .noneMatch(c -> c < 0x20 || c == 0x7f || c == '?' || c == '#'))
                  ? "bad-signature"
                  : "malformed";
      case QUERY ->
          after.indexOf('\r') < 0 && after.indexOf('\n') < 0 ? "bad-signature" : "malformed";
      case SIGNATURE -> after.matches("[A-Za-z0-9+/]{86}==") ? "bad-signature" : "malformed";
    };
  }

  private static boolean parses(String timestamp) {
    try {
      IssuetrakTimestamp.parse(timestamp);
      return true;
    } catch (MalformedTimestampException e) {
      return false;
    }
  }

  private static VerificationResult verify(ApiKey key, Clock clock, String[] p, byte[] body) {
    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .key(key)
            .clock(clock)
            // 10 000 years: any two instants of years 0001-9999 are within it
            .window(SignatureVerifier.Builder.MAX_WINDOW)
            .replayProtection(false)
            .build();
    return verifier.verify(
        ReceivedRequest.builder()
            .method(p[0])
            .path(p[3])
            .query(p[4])
            .body(body)
            .header(SignatureHeaders.REQUEST_ID, p[1])
            .header(SignatureHeaders.TIMESTAMP, p[2])
            .header(SignatureHeaders.AUTHORIZATION, p[6])
            .build());
  }

  private static String token(String s) {
    String t = s.replaceAll("[^!#$%&'*+.^_`|~0-9A-Za-z-]", "");
    return t.isEmpty() ? "GET" : t;
  }

  private static String pathText(String s) {
    return s.replaceAll("[\\p{Cntrl}?#]", "");
  }

  private static String queryText(String s) {
    return s.replaceAll("[\r\n]", "");
  }
}
