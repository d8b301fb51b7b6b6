package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnosis on what anyone may send a server: it always answers, its work stays within its
 * {@link DiagnosisBudget} (counted in bytes hashed, never timed), and the server budget still gives
 * a small request its complete diagnosis.
 */
class DiagnoserBoundsTest {
  private static final List<DiagnosisCases.Case> CASES = DiagnosisCases.all();
  private static final Pattern CUT_SHORT =
      Pattern.compile("cut short after (\\d+) of (\\d+) variants: .+");

  /** The fixture cases with a body of at most 4 KiB: every one of them today (at most 221 B). */
  static List<DiagnosisCases.Case> smallCases() {
    return CASES.stream().filter(c -> c.body().length <= 4096).toList();
  }

  @Test
  void smallCases_areEveryFixtureCase() {
    assertThat(smallCases()).hasSize(CASES.size()).hasSizeGreaterThan(100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smallCases")
  void serverBudget_givesASmallRequestTheSameCompleteDiagnosisAsOffline(DiagnosisCases.Case c) {
    Diagnoser diagnoser = new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window());

    Diagnosis offline = diagnoser.diagnose(c.received(), c.now(), c.seenRequestIds());
    Diagnosis server =
        diagnoser.diagnose(c.received(), c.now(), c.seenRequestIds(), DiagnosisBudget.SERVER);

    assertThat(server.causes()).as(c.id()).isEqualTo(offline.causes());
    assertThat(server.code()).isEqualTo(offline.code());
    assertThat(server.complete()).as("server: %s", server.limit()).isTrue();
    assertThat(offline.complete()).as("offline: %s", offline.limit()).isTrue();
    assertThat(server.hashedBytes()).as("the same search").isEqualTo(offline.hashedBytes());
  }

  @Test
  void serverBudget_on9MiBWithAWrongKey_hashesWithinItsBudget_andSaysItWasCutShort() {
    DiagnosisCases.Case c = byId("wrong-key-01-another-issued-key");
    byte[] body = lines(9 << 20);
    long message = messageLength(c, body);

    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(received(c, body), c.now(), Set.of(), DiagnosisBudget.SERVER);

    assertThat(d.hashedBytes())
        .as("8 MiB + 4 x the %d-byte message", message)
        .isLessThanOrEqualTo((8L << 20) + 4 * message)
        .as("the check and the body variants that fit")
        .isGreaterThanOrEqualTo(3 * message);
    assertThat(d.complete()).isFalse();
    assertThat(d.limit())
        .matches(CUT_SHORT)
        .contains(
            "the next would pass the budget of 44.00 MiB hashed (8 MiB + 4 x 9.00 MiB of message)");
    assertThat(d.causes()).isEmpty();
    assertThat(d.code()).isEqualTo("bad-signature");
    // The server's message is rendered up to its first 64 KiB, not all 9 MiB of it.
    assertThat(d.serverMessage().length()).isLessThan(4 * 65_536);
    assertThat(d.serverMessage()).endsWith(" more bytes of the message)");
  }

  @Test
  void serverBudget_findsABodyMistakeIn9MiB_forTheBodyVariantsComeFirst() {
    DiagnosisCases.Case c = byId("wrong-key-01-another-issued-key");
    byte[] sent = lines(9 << 20);
    // the client signed CRLF line endings; a text layer sent LF
    byte[] signed =
        new String(sent, StandardCharsets.ISO_8859_1)
            .replace("\n", "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    String key = "a-key-for-this-test";
    ReceivedRequest request = signedRequest(c, key, sent, fields(c, signed));

    Diagnosis d =
        new Diagnoser(ApiKey.of(key), DiagnosisCases.window())
            .diagnose(request, c.now(), Set.of(), DiagnosisBudget.SERVER);

    assertThat(d.causes()).extracting(Cause::id).containsExactly("body-crlf");
    assertThat(d.complete()).isTrue();
    assertThat(d.hashedBytes()).isLessThanOrEqualTo((8L << 20) + 4 * messageLength(c, sent));
  }

  @Test
  void aLargeBodysFieldOrders_areTriedOffline_butNotUnderTheServersCapOf64Variants() {
    DiagnosisCases.Case c = byId("wrong-key-01-another-issued-key");
    byte[] body = lines(100 * 1024);
    String key = "a-key-for-this-test";
    List<byte[]> fields = fields(c, body);
    // request ID before the method: one of the 719 other orders
    ReceivedRequest request =
        signedRequest(
            c,
            key,
            body,
            List.of(
                fields.get(1),
                fields.get(0),
                fields.get(2),
                fields.get(3),
                fields.get(4),
                fields.get(5)));
    Diagnoser diagnoser = new Diagnoser(ApiKey.of(key), DiagnosisCases.window());

    Diagnosis offline = diagnoser.diagnose(request, c.now(), Set.of());
    Diagnosis server = diagnoser.diagnose(request, c.now(), Set.of(), DiagnosisBudget.SERVER);

    assertThat(offline.causes()).extracting(Cause::id).containsExactly("field-order");
    assertThat(offline.complete()).isTrue();
    assertThat(server.causes()).isEmpty();
    assertThat(server.complete()).isFalse();
    assertThat(server.limit())
        .endsWith(
            ": bodies over 64 KiB get at most 64 variants, too few for the 719 field-order variants");
    Matcher m = CUT_SHORT.matcher(server.limit());
    assertThat(m.matches()).isTrue();
    int tried = Integer.parseInt(m.group(1));
    int planned = Integer.parseInt(m.group(2));
    assertThat(tried).as("variants tried").isBetween(1, 64);
    assertThat(planned).as("variants planned").isGreaterThanOrEqualTo(tried + 719);
  }

  @Test
  void serverBudget_onAMegabyteOf1000NestedArrays_answersWithinItsBudget() {
    // Found in review: the indented forms of this body grew to gigabytes and the stub answered 500
    DiagnosisCases.Case c = byId("wrong-key-01-another-issued-key");
    byte[] body =
        ("[".repeat(1000) + "0,".repeat(500_000) + "0" + "]".repeat(1000))
            .getBytes(StandardCharsets.UTF_8);
    long message = messageLength(c, body);

    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(received(c, body), c.now(), Set.of(), DiagnosisBudget.SERVER);

    assertThat(d.code()).isEqualTo("bad-signature");
    assertThat(d.hashedBytes()).isLessThanOrEqualTo((8L << 20) + 4 * message);
    assertThat(d.complete()).isFalse();
  }

  @Test
  void diagnose_aTimestampWhoseInstantIsBeforeYear1_answersWithoutThrowing() {
    // 0001-01-01T00:00 at +00:01 is 0000-12-31T23:59Z, which IssuetrakTimestamp.format refuses.
    DiagnosisCases.Case c = byId("path-not-lowercased-01");
    ReceivedRequest request =
        withHeader(c, "X-Issuetrak-API-Timestamp", "0001-01-01T00:00:00+00:01", c.body());

    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(request, c.now(), Set.of());

    // refused either way: as a stale or wrong signature, or (once the parser rejects the instant)
    // as malformed; no catalogued mistake explains a signature made over another timestamp
    assertThat(d.code()).isIn("stale-timestamp", "bad-signature", "malformed-timestamp");
    assertThat(d.valid()).isFalse();
    assertThat(d.causes()).isEmpty();
  }

  static DiagnosisCases.Case byId(String id) {
    return CASES.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  /** The case's request with one header's value replaced (by name, any case) and this body. */
  static ReceivedRequest withHeader(DiagnosisCases.Case c, String name, String value, byte[] body) {
    List<String[]> headers = new ArrayList<>();
    for (String[] h : c.headers()) {
      headers.add(h[0].equalsIgnoreCase(name) ? new String[] {h[0], value} : h);
    }
    return DiagnosisCases.Case.received(c.method(), c.path(), c.query(), headers, body);
  }

  private static ReceivedRequest received(DiagnosisCases.Case c, byte[] body) {
    return DiagnosisCases.Case.received(c.method(), c.path(), c.query(), c.headers(), body);
  }

  private static String header(DiagnosisCases.Case c, String name) {
    return c.headers().stream()
        .filter(h -> h[0].equalsIgnoreCase(name))
        .map(h -> h[1])
        .findFirst()
        .orElseThrow();
  }

  /** The six fields the server signs for the case with {@code body}, in the scheme's order. */
  private static List<byte[]> fields(DiagnosisCases.Case c, byte[] body) {
    return List.of(
        utf8(c.method()),
        utf8(header(c, "X-Issuetrak-API-Request-ID")),
        utf8(header(c, "X-Issuetrak-API-Timestamp")),
        utf8(c.path().toLowerCase(Locale.ROOT)),
        utf8(c.query() == null ? "" : c.query()),
        body);
  }

  /** The length of the canonical message: the six fields and the five line feeds between them. */
  private static long messageLength(DiagnosisCases.Case c, byte[] body) {
    return fields(c, body).stream().mapToLong(f -> f.length).sum() + 5;
  }

  /** The case's request with {@code body}, signed with {@code key} over {@code signedFields}. */
  private static ReceivedRequest signedRequest(
      DiagnosisCases.Case c, String key, byte[] body, List<byte[]> signedFields) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(utf8(key), "HmacSHA512"));
      for (int i = 0; i < signedFields.size(); i++) {
        mac.update(signedFields.get(i));
        if (i < signedFields.size() - 1) {
          mac.update((byte) '\n');
        }
      }
      String signature = Base64.getEncoder().encodeToString(mac.doFinal());
      return withHeader(c, "X-Issuetrak-API-Authorization", signature, body);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** About {@code size} bytes of numbered text lines, each ending in a line feed. */
  private static byte[] lines(int size) {
    StringBuilder b = new StringBuilder(size + 64);
    for (int i = 0; b.length() < size; i++) {
      b.append("line ").append(i).append(" of a large text body\n");
    }
    return utf8(b.toString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
