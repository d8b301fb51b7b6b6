package issuetrak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The signer's own tests, with the JDK alone (JUnit would be this sample's only dependency): every
 * valid vector of {@code fixtures/vectors}, signed and compared stage by stage, and the timestamp
 * formatter on every vector that has an instant. Exits 1 naming each failure.
 */
public final class SignerTest {
  private static final Path VECTORS = Path.of("../../fixtures/vectors");
  private static final List<String> failures = new ArrayList<>();
  private static int passed;
  private static int refused;

  private SignerTest() {}

  public static void main(String[] args) throws Exception {
    try (var files = Files.list(VECTORS)) {
      for (var file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (var vector : vectors(file)) {
          var result = vector.get("result");
          if ("valid".equals(result) || "acceptable".equals(result)) {
            check(vector);
          }
        }
      }
    }
    failures.forEach(f -> System.out.println("FAIL " + f));
    // Guards against a vector folder that silently lost its vectors.
    if (passed < 300) {
      System.out.println("FAIL only " + passed + " vectors signed; expected every valid one");
      failures.add("too few vectors");
    }
    System.out.println(
        "SignerTest: "
            + passed
            + " passed, "
            + refused
            + " refused (raw non-ASCII paths, acceptable), "
            + failures.size()
            + " failed");
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> vectors(Path file) throws Exception {
    var text = Files.readString(file, StandardCharsets.UTF_8);
    return (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(text)).get("vectors");
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> vector) {
    var id = (String) vector.get("id");
    var in = (Map<String, String>) vector.get("input");
    var want = (Map<String, Object>) vector.get("expected");
    var body =
        in.containsKey("bodyBase64")
            ? Base64.getDecoder().decode(in.get("bodyBase64"))
            : in.get("body").getBytes(StandardCharsets.UTF_8);
    var wantMessage =
        want.containsKey("messageBase64")
            ? Base64.getDecoder().decode((String) want.get("messageBase64"))
            : ((String) want.get("message")).getBytes(StandardCharsets.UTF_8);
    IssuetrakSigner.SignedRequest got;
    try {
      got =
          IssuetrakSigner.sign(
              in.get("key"),
              in.get("method"),
              in.get("requestId"),
              in.get("timestamp"),
              in.get("path"),
              in.get("query"),
              body);
    } catch (IllegalArgumentException e) {
      // Allowed only where the vectors allow it: a raw non-ASCII path (an unknown rule).
      if ("path-raw-non-ascii".equals(vector.get("unknownRule"))
          && e.getMessage().contains("percent-encode non-ASCII path characters")) {
        refused++;
      } else {
        failures.add(id + ": refused: " + e.getMessage());
      }
      return;
    }
    var headers = (Map<String, Object>) want.get("headers");
    var gotHeaders = got.headers().values().stream().toList();
    if (!got.canonicalPath().equals(want.get("path"))
        || !Arrays.equals(got.message(), wantMessage)
        || !got.signature().equals(want.get("signature"))
        || !gotHeaders.equals(List.copyOf(headers.values()))) {
      // Every stage on aligned lines, so that the first one to differ is plain to see.
      failures.add(
          """
          %s differs:
            path       want %s
                       got  %s
            message    want %s
                       got  %s
            signature  want %s
                       got  %s
            headers    want %s
                       got  %s\
          """
              .formatted(
                  id,
                  want.get("path"),
                  got.canonicalPath(),
                  Base64.getEncoder().encodeToString(wantMessage),
                  Base64.getEncoder().encodeToString(got.message()),
                  want.get("signature"),
                  got.signature(),
                  headers.values(),
                  gotHeaders));
      return;
    }
    if (in.containsKey("instant")) {
      var formatted = IssuetrakSigner.formatTimestamp(Instant.parse(in.get("instant")));
      if (!formatted.equals(in.get("timestamp"))) {
        failures.add(
            "%s: formatTimestamp(%s) is %s, want %s"
                .formatted(id, in.get("instant"), formatted, in.get("timestamp")));
        return;
      }
    }
    passed++;
  }
}
