package issuetrak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The signer's own unit tests, with the JDK alone (no JUnit: this sample has no dependencies). A
 * few vectors from {@code fixtures/vectors}; exits 1 naming each failure.
 *
 * <pre>{@code
 * javac -d build -encoding UTF-8 src/sample/*.java test/sample/SignerTest.java
 * java -cp build sample.SignerTest
 * }</pre>
 */
public final class SignerTest {
  private static final Path VECTORS = Path.of("../../fixtures/vectors");
  private static final List<String> failures = new ArrayList<>();
  private static int checks;

  private SignerTest() {}

  public static void main(String[] args) throws Exception {
    check("seed", "seed-001-get-issue-nested-site");
    check("bodies", firstId("bodies", "bodyBase64"));
    check("paths", "paths-002-uppercase-route");
    check("timestamps", "timestamps-001-instant-9-digits");
    if (failures.isEmpty()) {
      System.out.println("SignerTest: " + checks + " checks passed");
      return;
    }
    failures.forEach(f -> System.out.println("FAIL " + f));
    System.exit(1);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> vectors(String family) throws Exception {
    String text = Files.readString(VECTORS.resolve(family + ".json"), StandardCharsets.UTF_8);
    return (List<Object>) ((Map<String, Object>) Json.parse(text)).get("vectors");
  }

  @SuppressWarnings("unchecked")
  private static String firstId(String family, String inputField) throws Exception {
    for (Object v : vectors(family)) {
      Map<String, Object> vector = (Map<String, Object>) v;
      Map<String, Object> input = (Map<String, Object>) vector.get("input");
      if ("valid".equals(vector.get("result")) && input.containsKey(inputField)) {
        return (String) vector.get("id");
      }
    }
    throw new AssertionError("no valid " + family + " vector with " + inputField);
  }

  @SuppressWarnings("unchecked")
  private static void check(String family, String id) throws Exception {
    for (Object v : vectors(family)) {
      Map<String, Object> vector = (Map<String, Object>) v;
      if (!id.equals(vector.get("id"))) {
        continue;
      }
      Map<String, Object> in = (Map<String, Object>) vector.get("input");
      Map<String, Object> want = (Map<String, Object>) vector.get("expected");
      byte[] body =
          in.containsKey("bodyBase64")
              ? Base64.getDecoder().decode((String) in.get("bodyBase64"))
              : ((String) in.get("body")).getBytes(StandardCharsets.UTF_8);
      IssuetrakSigner.SignedRequest signed =
          IssuetrakSigner.sign(
              (String) in.get("key"),
              (String) in.get("method"),
              (String) in.get("requestId"),
              (String) in.get("timestamp"),
              (String) in.get("path"),
              (String) in.get("query"),
              body);
      byte[] message =
          want.containsKey("messageBase64")
              ? Base64.getDecoder().decode((String) want.get("messageBase64"))
              : ((String) want.get("message")).getBytes(StandardCharsets.UTF_8);
      expect(id + " message", java.util.Arrays.equals(signed.message(), message));
      expect(id + " signature", signed.signature().equals(want.get("signature")));
      expect(id + " path", signed.canonicalPath().equals(want.get("path")));
      if (in.containsKey("instant")) {
        String formatted =
            IssuetrakSigner.formatTimestamp(Instant.parse((String) in.get("instant")));
        expect(id + " formatted timestamp " + formatted, formatted.equals(in.get("timestamp")));
      }
      return;
    }
    failures.add(id + ": no such vector in " + family + ".json");
  }

  private static void expect(String what, boolean ok) {
    checks++;
    if (!ok) {
      failures.add(what);
    }
  }
}
