package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {
  private static final ApiKey KEY = ApiKey.of("wV4JA/59PUf6XjiMF1om+Eg+D4rQlE8WGRTybNIkdrs=");
  private static final ApiKey OTHER_KEY =
      ApiKey.of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=");
  private static final Instant T0 = Instant.parse("2014-09-10T17:28:08.3227351Z");
  private static final String ID = "c3838d04-46f8-43d6-92fd-62b3d0b59f3e";

  private final MutableClock serverClock = new MutableClock(T0);

  private SignatureVerifier verifier() {
    return SignatureVerifier.builder().key(KEY).clock(serverClock).build();
  }

  private static SignedRequest signAt(Instant when, String requestId) {
    return RequestSigner.create(
            KEY, Clock.fixed(when, ZoneOffset.UTC), RequestIdSource.fixed(requestId))
        .sign("POST", "/API/v1/Notes", "", "{\"NoteText\":\"hi\"}".getBytes());
  }

  /** The signed request as received, with its headers rewritten by {@code edit}. */
  private static ReceivedRequest received(
      SignedRequest signed, UnaryOperator<List<HeaderLine>> edit) {
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method("POST")
            .path("/API/v1/Notes")
            .body(signed.message().body());
    List<HeaderLine> headers =
        signed.headers().asMap().entrySet().stream()
            .map(e -> new HeaderLine(e.getKey(), e.getValue()))
            .toList();
    edit.apply(new java.util.ArrayList<>(headers)).forEach(h -> b.header(h.name(), h.value()));
    return b.build();
  }

  @Test
  void verify_acceptsACorrectlySignedRequestAndReportsTheKey() {
    VerificationResult r = verifier().verify(received(signAt(T0, ID), h -> h));

    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.code()).isEqualTo("valid");
    assertThat(r.keyFingerprint()).contains(KEY.fingerprint());
    assertThat(r.clockOffset()).contains(Duration.ZERO);
    assertThat(r.message().orElseThrow().path()).isEqualTo("/api/v1/notes");
  }

  @Test
  void verify_resultMessageCannotAlterTheRequest() {
    ReceivedRequest request = received(signAt(T0, ID), h -> h);
    VerificationResult first =
        SignatureVerifier.builder().key(KEY).clock(serverClock).build().verify(request);

    first.message().orElseThrow().body()[0] = 'X';

    assertThat(request.body()).isEqualTo(signAt(T0, ID).message().body());
    assertThat(verifier().verify(request).isValid()).isTrue();
  }

  @Test
  void verify_headerNamesAreCaseInsensitive() {
    VerificationResult r =
        verifier()
            .verify(
                received(
                    signAt(T0, ID),
                    hs ->
                        hs.stream()
                            .map(
                                h ->
                                    new HeaderLine(
                                        h.name().replace("Issuetrak", "IssueTrak").toLowerCase(),
                                        h.value()))
                            .toList()));

    assertThat(r.isValid()).as(r.toString()).isTrue();
  }

  @Test
  void verify_headerNamesCompareInAsciiOnly() {
    // "\u212A" (Kelvin sign) lowercases to "k" in Java's Unicode rules; HTTP names are ASCII.
    VerificationResult r =
        verifier()
            .verify(
                received(
                    signAt(T0, ID),
                    hs ->
                        hs.stream()
                            .map(
                                h ->
                                    new HeaderLine(
                                        h.name().replace("Issuetrak", "Issuetra\u212A"), h.value()))
                            .toList()));

    assertThat(r.error()).contains(VerificationError.MISSING_HEADER);
  }

  @Nested
  class Window {
    private final Duration window = Duration.ofMinutes(5);

    @Test
    void acceptsATimestampExactlyAtEitherEdge() {
      SignatureVerifier v = verifier();
      serverClock.set(T0.plus(window));
      assertThat(v.verify(received(signAt(T0, ID), h -> h)).isValid()).isTrue();

      serverClock.set(T0.minus(window));
      SignedRequest ahead = signAt(T0, "11111111-2222-4333-8444-555555555555");
      assertThat(v.verify(received(ahead, h -> h)).isValid()).isTrue();
    }

    @Test
    void refusesATimestampOneNanosecondPastEitherEdge() {
      SignatureVerifier v = verifier();
      serverClock.set(T0.plus(window).plusNanos(1));
      VerificationResult behind = v.verify(received(signAt(T0, ID), h -> h));
      assertThat(behind.error()).contains(VerificationError.STALE_TIMESTAMP);
      assertThat(behind.detail()).contains("is 5m0.000000001s behind").contains("window is +/-5m");
      assertThat(behind.clockOffset()).contains(window.plusNanos(1).negated());

      serverClock.set(T0.minus(window).minusNanos(1));
      VerificationResult ahead = v.verify(received(signAt(T0, ID), h -> h));
      assertThat(ahead.error()).contains(VerificationError.STALE_TIMESTAMP);
      assertThat(ahead.detail()).contains("ahead of");
    }

    @Test
    void isConfigurable() {
      SignatureVerifier v =
          SignatureVerifier.builder()
              .key(KEY)
              .clock(serverClock)
              .window(Duration.ofSeconds(30))
              .build();
      serverClock.set(T0.plusSeconds(31));

      assertThat(v.verify(received(signAt(T0, ID), h -> h)).code()).isEqualTo("stale-timestamp");
    }
  }

  @Nested
  class Replay {
    @Test
    void refusesTheSameRequestIdWithinTheWindow() {
      SignatureVerifier v = verifier();
      SignedRequest signed = signAt(T0, ID);

      assertThat(v.verify(received(signed, h -> h)).isValid()).isTrue();
      serverClock.advance(Duration.ofMinutes(4));
      VerificationResult replay = v.verify(received(signed, h -> h));

      assertThat(replay.error()).contains(VerificationError.REPLAYED_REQUEST_ID);
      assertThat(replay.detail()).contains(ID);
    }

    @Test
    void treatsAnUppercasedRequestIdAsTheSameId() {
      SignatureVerifier v = verifier();
      assertThat(v.verify(received(signAt(T0, ID), h -> h)).isValid()).isTrue();

      VerificationResult r = v.verify(received(signAt(T0, ID.toUpperCase()), h -> h));

      assertThat(r.code()).isEqualTo("replayed-request-id");
    }

    @Test
    void acceptsTheIdAgainOnceItsFirstUseHasLeftTheWindow() {
      SignatureVerifier v = verifier();
      assertThat(v.verify(received(signAt(T0, ID), h -> h)).isValid()).isTrue();

      Instant later = T0.plus(Duration.ofMinutes(5)).plusNanos(100);
      serverClock.set(later);
      VerificationResult r = v.verify(received(signAt(later, ID), h -> h));

      assertThat(r.isValid()).as(r.toString()).isTrue();
      assertThat(v.rememberedRequestIds()).isEqualTo(1);
    }

    @Test
    void doesNotRememberIdsOfRequestsThatFailed() {
      SignatureVerifier v = verifier();
      SignedRequest signed = signAt(T0, ID);
      VerificationResult forged =
          v.verify(
              received(
                  signed,
                  hs ->
                      hs.stream()
                          .map(
                              h ->
                                  h.name().equals(SignatureHeaders.AUTHORIZATION)
                                      ? new HeaderLine(h.name(), "A" + h.value().substring(1))
                                      : h)
                          .toList()));
      assertThat(forged.code()).isIn("bad-signature");

      assertThat(v.verify(received(signed, h -> h)).isValid()).isTrue();
    }

    @Test
    void canBeTurnedOff() {
      SignatureVerifier v =
          SignatureVerifier.builder().key(KEY).clock(serverClock).replayProtection(false).build();
      SignedRequest signed = signAt(T0, ID);

      assertThat(v.verify(received(signed, h -> h)).isValid()).isTrue();
      assertThat(v.verify(received(signed, h -> h)).isValid()).isTrue();
    }

    @Test
    void refusesRatherThanForgetsWhenFull() {
      SignatureVerifier v =
          SignatureVerifier.builder().key(KEY).clock(serverClock).replayCapacity(2).build();
      assertThat(
              v.verify(received(signAt(T0, "00000000-0000-4000-8000-000000000001"), h -> h))
                  .isValid())
          .isTrue();
      assertThat(
              v.verify(received(signAt(T0, "00000000-0000-4000-8000-000000000002"), h -> h))
                  .isValid())
          .isTrue();

      VerificationResult third =
          v.verify(received(signAt(T0, "00000000-0000-4000-8000-000000000003"), h -> h));
      assertThat(third.code()).isEqualTo("replay-cache-full");

      serverClock.advance(Duration.ofMinutes(5).plusNanos(1));
      Instant later = serverClock.instant();
      assertThat(
              v.verify(received(signAt(later, "00000000-0000-4000-8000-000000000003"), h -> h))
                  .isValid())
          .isTrue();
    }

    @Test
    void forgetRequestIds_clearsTheCache() {
      SignatureVerifier v = verifier();
      SignedRequest signed = signAt(T0, ID);
      assertThat(v.verify(received(signed, h -> h)).isValid()).isTrue();

      v.forgetRequestIds();

      assertThat(v.verify(received(signed, h -> h)).isValid()).isTrue();
    }
  }

  @Nested
  class Headers {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          SignatureHeaders.REQUEST_ID,
          SignatureHeaders.TIMESTAMP,
          SignatureHeaders.AUTHORIZATION
        })
    void refusesEachMissingHeader(String name) {
      VerificationResult r =
          verifier()
              .verify(
                  received(
                      signAt(T0, ID),
                      hs -> hs.stream().filter(h -> !h.name().equals(name)).toList()));

      assertThat(r.error()).contains(VerificationError.MISSING_HEADER);
      assertThat(r.header()).contains(name);
      assertThat(r.detail()).isEqualTo(name + " is missing");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          SignatureHeaders.REQUEST_ID,
          SignatureHeaders.TIMESTAMP,
          SignatureHeaders.AUTHORIZATION
        })
    void refusesEachDuplicatedHeader(String name) {
      VerificationResult r =
          verifier()
              .verify(
                  received(
                      signAt(T0, ID),
                      hs -> {
                        List<HeaderLine> out = new java.util.ArrayList<>(hs);
                        hs.stream()
                            .filter(h -> h.name().equals(name))
                            .forEach(h -> out.add(new HeaderLine(name.toLowerCase(), h.value())));
                        return out;
                      }));

      assertThat(r.error()).contains(VerificationError.DUPLICATE_HEADER);
      assertThat(r.detail()).contains("sent 2 times");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "not-a-uuid",
          "c3838d0446f843d692fd62b3d0b59f3e",
          "{c3838d04-46f8-43d6-92fd-62b3d0b59f3e}",
          "c3838d04-46f8-43d6-92fd-62b3d0b59f3g",
          " c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
        })
    void refusesAMalformedRequestId(String value) {
      VerificationResult r =
          verifier().verify(received(signAt(T0, ID), with(SignatureHeaders.REQUEST_ID, value)));

      assertThat(r.error()).contains(VerificationError.MALFORMED_REQUEST_ID);
      assertThat(r.detail()).contains("\"" + value + "\"");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "2014-09-10 17:28:08.3227351Z",
          "2014-09-10T17:28:08.3227351",
          "1410370088",
          "2014-02-30T17:28:08.3227351Z",
        })
    void refusesAMalformedTimestamp(String value) {
      VerificationResult r =
          verifier().verify(received(signAt(T0, ID), with(SignatureHeaders.TIMESTAMP, value)));

      assertThat(r.error()).contains(VerificationError.MALFORMED_TIMESTAMP);
      assertThat(r.detail()).contains("\"" + value + "\"");
    }

    @Test
    void refusesMalformedSignaturesWithAHint() {
      SignedRequest signed = signAt(T0, ID);
      String good = signed.signature();
      String hex = java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(good));
      Map<String, String> cases =
          Map.of(
              hex,
              "looks like hex",
              good.substring(0, 86),
              "padding is missing",
              good.substring(0, 85) + "-==",
              "base64url",
              good.substring(0, 86) + "A=",
              "padding",
              "",
              "0 characters",
              good.replace(good.charAt(3), '*'),
              "outside the base64 alphabet");
      cases.forEach(
          (value, hint) -> {
            VerificationResult r =
                verifier().verify(received(signed, with(SignatureHeaders.AUTHORIZATION, value)));
            assertThat(r.error()).as(value).contains(VerificationError.MALFORMED_SIGNATURE);
            assertThat(r.detail()).as(value).contains(hint);
          });
    }

    @Test
    void strictFormsRefuseTheVariants() {
      SignatureVerifier strict =
          SignatureVerifier.builder().key(KEY).clock(serverClock).strictForms(true).build();
      SignedRequest sixDigits =
          RequestSigner.create(KEY)
              .sign(
                  CanonicalMessage.builder()
                      .method("GET")
                      .requestId(ID)
                      .timestamp("2014-09-10T17:28:08.322735Z")
                      .path("/api/v1/notes/1")
                      .build());
      SignedRequest upperId = signAt(T0, ID.toUpperCase());

      assertThat(verifier().verify(ReceivedRequest.of(sixDigits)).isValid()).isTrue();
      assertThat(strict.verify(ReceivedRequest.of(sixDigits)).code())
          .isEqualTo("malformed-timestamp");
      assertThat(strict.verify(received(upperId, h -> h)).code()).isEqualTo("malformed-request-id");
    }
  }

  @Nested
  class Signature {
    @Test
    void refusesAChangedBodyAndNeverRevealsTheExpectedSignature() {
      SignedRequest signed = signAt(T0, ID);
      ReceivedRequest tampered =
          ReceivedRequest.builder()
              .method("POST")
              .path("/API/v1/Notes")
              .body("{\"NoteText\":\"hi!\"}")
              .header(SignatureHeaders.REQUEST_ID, ID)
              .header(SignatureHeaders.TIMESTAMP, signed.message().timestamp())
              .header(SignatureHeaders.AUTHORIZATION, signed.signature())
              .build();
      String expectedForTampered =
          RequestSigner.create(KEY)
              .sign(
                  CanonicalMessage.builder()
                      .method("POST")
                      .requestId(ID)
                      .timestamp(signed.message().timestamp())
                      .path("/API/v1/Notes")
                      .body("{\"NoteText\":\"hi!\"}")
                      .build())
              .signature();

      VerificationResult r = verifier().verify(tampered);

      assertThat(r.error()).contains(VerificationError.BAD_SIGNATURE);
      assertThat(r.message().orElseThrow().render()).endsWith("{\"NoteText\":\"hi!\"}");
      assertThat(r.toString() + r.detail() + r.message().orElseThrow().render())
          .doesNotContain(expectedForTampered);
    }

    @Test
    void acceptsAnyOfSeveralKeysAndSaysWhich() {
      SignatureVerifier v =
          SignatureVerifier.builder().key(OTHER_KEY).key(KEY).clock(serverClock).build();

      VerificationResult r = v.verify(received(signAt(T0, ID), h -> h));

      assertThat(r.keyFingerprint()).contains(KEY.fingerprint());
    }

    @Test
    void refusesEveryNonCanonicalEncodingOfTheRightDigest() {
      // The 86th character carries 2 bits of the digest and 4 unused bits, which the standard
      // encoder leaves zero. Setting any of them encodes the same digest, but not as base64(HMAC).
      SignedRequest signed = signAt(T0, ID);
      String sig = signed.signature();
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      int value = alphabet.indexOf(sig.charAt(85));
      assertThat(value & 0x0F).isZero();
      for (int low = 1; low < 16; low++) {
        String variant = sig.substring(0, 85) + alphabet.charAt(value | low) + "==";
        assertThat(java.util.Base64.getDecoder().decode(variant))
            .isEqualTo(java.util.Base64.getDecoder().decode(sig));
        VerificationResult r = verifier().verify(withAuthorization(signed, variant));
        assertThat(r.code()).as(variant).isEqualTo("bad-signature");
      }
      assertThat(verifier().verify(received(signed, h -> h)).code()).isEqualTo("valid");
    }

    @Test
    void decodesExactlyTheSignaturesItsFormCheckAccepts() {
      String sig = signAt(T0, ID).signature();
      List<String> values =
          List.of(
              sig,
              sig.substring(0, 86),
              sig.substring(0, 87) + "A",
              sig.substring(0, 10) + "-" + sig.substring(11),
              sig.substring(0, 10) + "\u00e9" + sig.substring(11),
              sig.substring(0, 10) + "\u0100" + sig.substring(11),
              // 88 chars, but one surrogate pair: 87 code points, 87 bytes in Latin-1
              sig.substring(0, 84) + "\ud83d\ude00==",
              sig.substring(0, 86) + "\ud83d\ude00",
              sig.substring(0, 85) + "\ud83d==",
              sig.substring(0, 86) + "=\u003d",
              sig.substring(0, 86) + "=\u013d");
      for (String v : values) {
        assertThat(HmacSignatureVerifier.decodeSignature(v) == null)
            .as(v)
            .isEqualTo(HmacSignatureVerifier.signatureFormProblem(v) != null);
      }
      assertThat(HmacSignatureVerifier.decodeSignature(sig))
          .isEqualTo(java.util.Base64.getDecoder().decode(sig));
    }

    @Test
    void refusesTheRightSignatureWithAnyOneCharacterChanged() {
      SignedRequest signed = signAt(T0, ID);
      String sig = signed.signature();
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      for (int i = 0; i < 86; i++) {
        for (int v = 0; v < 64; v++) {
          if (alphabet.charAt(v) == sig.charAt(i)) {
            continue;
          }
          String variant = sig.substring(0, i) + alphabet.charAt(v) + sig.substring(i + 1);
          VerificationResult r =
              SignatureVerifier.builder()
                  .key(KEY)
                  .clock(serverClock)
                  .replayProtection(false)
                  .build()
                  .verify(withAuthorization(signed, variant));
          assertThat(r.code()).as(variant).isEqualTo("bad-signature");
        }
      }
    }

    @Test
    void refusesASignatureMadeWithAnotherKey() {
      SignatureVerifier v = SignatureVerifier.builder().key(OTHER_KEY).clock(serverClock).build();

      assertThat(v.verify(received(signAt(T0, ID), h -> h)).code()).isEqualTo("bad-signature");
    }

    @Test
    void refusesAMalformedRequestLine() {
      ReceivedRequest r =
          ReceivedRequest.builder()
              .method("GET")
              .path("api/v1/notes/1")
              .header(SignatureHeaders.REQUEST_ID, ID)
              .build();

      assertThat(verifier().verify(r).code()).isEqualTo("malformed-request");
    }
  }

  @Test
  void builder_refusesNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SignatureVerifier.builder().build())
        .hasMessageContaining("at least one API key");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SignatureVerifier.builder().window(Duration.ofSeconds(-1)))
        .hasMessageContaining("window must be zero or positive; got PT-1S");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SignatureVerifier.builder().window(Duration.ofDays(3_652_501)))
        .hasMessageContaining(
            "window must be at most 3652500 days (10 000 years); got PT87660024H");
  }

  private static UnaryOperator<List<HeaderLine>> with(String name, String value) {
    return hs ->
        hs.stream().map(h -> h.name().equals(name) ? new HeaderLine(name, value) : h).toList();
  }

  /**
   * {@code signed} as received, with its authorization header's value replaced by {@code value}.
   */
  private static ReceivedRequest withAuthorization(SignedRequest signed, String value) {
    return received(
        signed,
        h -> {
          h.replaceAll(
              x ->
                  x.name().equals(SignatureHeaders.AUTHORIZATION)
                      ? new HeaderLine(x.name(), value)
                      : x);
          return h;
        });
  }
}
