package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.SignatureHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnosis against {@code fixtures/diagnosis/cases.json}, whose requests were signed with each
 * catalogued mistake (alone and in pairs) by the independent Python generator: the right ids, no
 * others, and nothing for correctly signed or wrong-key requests.
 */
class DiagnoserTest {
  static List<DiagnosisCases.Case> cases() {
    return DiagnosisCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesExactlyTheCausesTheClientHad(DiagnosisCases.Case c) {
    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(c.received(), c.now(), c.seenRequestIds());

    Set<String> ids =
        d.causes().stream().map(Cause::id).collect(Collectors.toCollection(TreeSet::new));
    assertThat(ids)
        .as("%s: %s (mistakes %s)", c.id(), c.comment(), c.mistakes())
        .isEqualTo(c.causes());
    assertThat(d.valid()).isEqualTo(c.valid());
    assertThat(d.code()).isEqualTo(c.code());
    if (!c.valid()) {
      assertThat(d.serverMessage()).as("the server's message is always given").isNotBlank();
    }
  }

  /**
   * Where the search reproduced the signature, the diagnosis gives the message the client signed:
   * signing it with the key reproduces the received signature (when the key, the hash and the
   * encoding were right), and it differs from the server's message exactly when the mistakes are in
   * the message.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesTheMessageTheClientSigned_whenAVariantReproducedIt(DiagnosisCases.Case c)
      throws Exception {
    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(c.received(), c.now(), c.seenRequestIds());
    Set<String> outsideTheMessage =
        Set.of(
            "key-base64-decoded",
            "key-whitespace",
            "key-hex-decoded",
            "key-base64url-decoded",
            "signature-hex",
            "signature-base64url",
            "signature-scheme-word",
            "signature-mime-wrapped",
            "signature-in-authorization-header",
            "header-name-misspelled",
            "wrong-hash",
            "timestamp-epoch",
            "timestamp-local-time",
            "clock-skew",
            "replayed-request-id");
    Set<String> rightSignature =
        Set.of("timestamp-local-time", "clock-skew", "replayed-request-id");
    boolean searched =
        !d.causes().isEmpty()
            && d.causes().stream().noneMatch(x -> rightSignature.contains(x.id()));
    if (!searched) {
      assertThat(d.clientMessage()).as("no variant was searched for").isNull();
      return;
    }
    assertThat(d.clientMessage()).isNotNull();
    byte[] signed = MessageRendering.readBack(d.clientMessage());
    boolean messageOnly = d.causes().stream().noneMatch(x -> outsideTheMessage.contains(x.id()));
    if (messageOnly) {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(c.key().getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
      String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed));
      assertThat(c.received().headerValues(SignatureHeaders.AUTHORIZATION))
          .containsExactly(signature);
      assertThat(d.clientMessage()).isNotEqualTo(d.serverMessage());
    }
    if (d.causes().stream().allMatch(x -> outsideTheMessage.contains(x.id()))) {
      assertThat(d.clientMessage()).isEqualTo(d.serverMessage());
    }
  }

  /**
   * A misspelled header name is named with the header it was meant as, as the generator's comment
   * says the client sent it ("sent X-Issuetrak-API-Timestamp as X-Issuetrak-Api-Timestmp").
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesTheHeaderAMisspelledNameWasMeantAs(DiagnosisCases.Case c) {
    if (!c.causes().contains("header-name-misspelled")) {
      return;
    }
    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(c.received(), c.now(), c.seenRequestIds());
    String explanation =
        d.causes().stream()
            .filter(x -> x.id().equals("header-name-misspelled"))
            .findFirst()
            .orElseThrow()
            .explanation();
    int named = 0;
    for (String meant :
        List.of(
            SignatureHeaders.REQUEST_ID,
            SignatureHeaders.TIMESTAMP,
            SignatureHeaders.AUTHORIZATION)) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(meant) + " as ([A-Za-z-]+)")
              .matcher(c.comment());
      if (m.find()) {
        assertThat(explanation).contains(m.group(1) + " was meant as " + meant);
        named++;
      }
    }
    assertThat(named).as("the comment names a misspelled header: %s", c.comment()).isPositive();
  }

  @Test
  void aDiagnosisMadeWithoutTheClientMessage_hasNone() {
    assertThat(new Diagnosis(false, "bad-signature", List.of(), "m", true, null, 1).clientMessage())
        .isNull();
  }

  @Test
  void theCasesCoverEveryCatalogueEntry_aloneAndInPairs() {
    Set<String> alone = new TreeSet<>();
    Set<String> paired = new TreeSet<>();
    long valid = 0;
    for (DiagnosisCases.Case c : cases()) {
      if (c.causes().size() == 1) {
        alone.addAll(c.causes());
      } else if (c.causes().size() == 2) {
        paired.addAll(c.causes());
      } else if (c.valid()) {
        valid++;
      }
    }
    Set<String> all =
        Arrays.stream(Mistake.values())
            .map(Mistake::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(alone).as("every id alone").isEqualTo(all);
    assertThat(paired.size()).as("ids seen in pairs").isGreaterThanOrEqualTo(15);
    assertThat(valid).as("correctly signed cases (negatives)").isGreaterThanOrEqualTo(10);
  }

  @Test
  void everyCatalogueEntry_hasAnExplanationAndAFix() {
    for (Mistake m : Mistake.values()) {
      assertThat(m.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(m.explanation()).isNotBlank();
      assertThat(m.fix()).isNotBlank();
      assertThat(Mistake.byId(m.id())).contains(m);
    }
  }
}
