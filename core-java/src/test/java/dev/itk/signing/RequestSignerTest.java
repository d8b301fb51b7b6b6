package dev.itk.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
  private static final ApiKey SAMPLE_KEY =
      ApiKey.of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=");

  // Expected signatures in this class were computed with OpenSSL 3.0, not with this code:
  //   printf '<message>' | openssl dgst -sha512 -hmac '<key>' -binary | base64 -w0

  @Test
  void sign_matchesOpensslForTheVendorSampleGet() {
    CanonicalMessage message =
        CanonicalMessage.builder()
            .method("GET")
            .requestId("c3838d04-46f8-43d6-92fd-62b3d0b59f3e")
            .timestamp("2014-09-10T17:28:08.3227351Z")
            .path("/NestedSite1/NestedSite2/api/v1/issues/false/1")
            .build();

    SignedRequest signed = RequestSigner.create(SAMPLE_KEY).sign(message);

    assertThat(signed.signature())
        .isEqualTo(
            "f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ==");
    assertThat(signed.headers().asMap())
        .containsExactly(
            entry("X-Issuetrak-API-Request-ID", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e"),
            entry("X-Issuetrak-API-Timestamp", "2014-09-10T17:28:08.3227351Z"),
            entry("X-Issuetrak-API-Authorization", signed.signature()));
  }

  @Test
  void sign_coversNonAsciiBodyAsUtf8() {
    SignedRequest signed =
        RequestSigner.create(ApiKey.of("wV4JA/59PUf6XjiMF1om+Eg+D4rQlE8WGRTybNIkdrs="))
            .sign(
                CanonicalMessage.builder()
                    .method("POST")
                    .requestId("0f8fad5b-d9cb-469f-a165-70867728950e")
                    .timestamp("2024-02-29T23:59:59.9999999Z")
                    .path("/api/v1/notes")
                    .body("{\"IssueNumber\":1,\"NoteText\":\"Café ☕ 😀\"}")
                    .build());

    assertThat(signed.signature())
        .isEqualTo(
            "HgWvQd4nUgr1uUdPOf7OvQTPw4UhAUb6SExyK88YiIFgoRKyg8xNGu2qIP5fz4r7rQNbmUHaftOxR1y7XCFdAA==");
  }

  @Test
  void sign_usesKeyTextUtf8AndRawBodyBytes() {
    SignedRequest signed =
        RequestSigner.create(ApiKey.of("clé-ключ"))
            .sign(
                CanonicalMessage.builder()
                    .method("PUT")
                    .requestId("7c9e6679-7425-40de-944b-e07fc1f90ae7")
                    .timestamp("2014-09-10T17:28:08.3227351Z")
                    .path("/api/v1/issues")
                    .body(new byte[] {(byte) 0xE9, 0x00, (byte) 0xFF})
                    .build());

    assertThat(signed.signature())
        .isEqualTo(
            "cOTTZmukhPMEz3eAmuxAcM9qqgOeckwl1tVtlq2sWIY1aReITD+nbiFqrLa+kqO6KaMB7Yuy731O4+UFysKUHg==");
  }

  @Test
  void sign_takesRequestIdAndTimeFromInjectedSources() {
    Clock clock = Clock.fixed(Instant.parse("2014-09-10T17:28:08.322735199Z"), ZoneOffset.UTC);
    RequestSigner signer =
        RequestSigner.create(
            SAMPLE_KEY, clock, RequestIdSource.fixed("c3838d04-46f8-43d6-92fd-62b3d0b59f3e"));

    SignedRequest signed =
        signer.sign("GET", "/NestedSite1/NestedSite2/api/v1/issues/false/1", "", new byte[0]);

    assertThat(signed.message().timestamp()).isEqualTo("2014-09-10T17:28:08.3227351Z");
    assertThat(signed.message().requestId()).isEqualTo("c3838d04-46f8-43d6-92fd-62b3d0b59f3e");
    assertThat(signed.signature())
        .isEqualTo(
            "f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ==");
  }

  @Test
  void signFromParts_buildsTheMessageTheBuilderWould_andCopiesTheBody() {
    Instant now = Instant.parse("2014-09-10T17:28:08.322735199Z");
    String id = "c3838d04-46f8-43d6-92fd-62b3d0b59f3e";
    RequestSigner signer =
        RequestSigner.create(
            SAMPLE_KEY, Clock.fixed(now, ZoneOffset.UTC), RequestIdSource.fixed(id));
    byte[] body = "{\"NoteText\":\"hi\"}".getBytes(UTF_8);

    SignedRequest signed = signer.sign("POST", "/API/v1/Notes", "a=1", body);
    body[0] = 'X';

    CanonicalMessage expected =
        CanonicalMessage.builder()
            .method("POST")
            .requestId(id)
            .timestamp(IssuetrakTimestamp.format(now))
            .path("/API/v1/Notes")
            .query("a=1")
            .body("{\"NoteText\":\"hi\"}")
            .build();
    assertThat(signed.message()).isEqualTo(expected);
    assertThat(signed.signature()).isEqualTo(signer.sign(expected).signature());
  }

  @Test
  void signFromParts_namesAMissingQueryOrBody() {
    RequestSigner signer = RequestSigner.create(SAMPLE_KEY);

    assertThatThrownBy(() -> signer.sign("GET", "/api/v1/notes/1", null, new byte[0]))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("query (use \"\" for none)");
    assertThatThrownBy(() -> signer.sign("GET", "/api/v1/notes/1", "", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body (use an empty array for none)");
  }

  @Test
  void sign_makesFreshLowercaseUuidV4RequestIds() {
    RequestSigner signer = RequestSigner.create(SAMPLE_KEY);

    SignedRequest a = signer.sign("GET", "/api/v1/notes/1", "", new byte[0]);
    SignedRequest b = signer.sign("GET", "/api/v1/notes/1", "", new byte[0]);

    assertThat(a.message().requestId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        .isNotEqualTo(b.message().requestId());
  }

  @Test
  void sign_refusesARequestIdSourceThatReturnsSomethingElse() {
    RequestSigner signer = RequestSigner.create(SAMPLE_KEY, Clock.systemUTC(), () -> "request-42");

    assertThatThrownBy(() -> signer.sign("GET", "/api/v1/notes/1", "", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"request-42\" is not a UUID");
  }

  @Test
  void sign_isThreadSafeAndDeterministic() throws Exception {
    RequestSigner signer = RequestSigner.create(SAMPLE_KEY);
    List<CanonicalMessage> messages = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      messages.add(
          CanonicalMessage.builder()
              .method("POST")
              .requestId("c3838d04-46f8-43d6-92fd-62b3d0b59f3e")
              .timestamp("2014-09-10T17:28:08.3227351Z")
              .path("/api/v1/notes")
              .body(("body " + i).repeat(i * 10).getBytes(UTF_8))
              .build());
    }
    List<String> sequential = messages.stream().map(m -> signer.sign(m).signature()).toList();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(
            pool.submit(
                () -> {
                  List<String> out = new ArrayList<>();
                  for (int round = 0; round < 20; round++) {
                    out = messages.stream().map(m -> signer.sign(m).signature()).toList();
                  }
                  return out;
                }));
      }
      for (Future<List<String>> run : runs) {
        assertThat(run.get()).isEqualTo(sequential);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toString_neverShowsTheKey() {
    String text = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=";
    RequestSigner signer = RequestSigner.create(ApiKey.of(text));

    assertThat(signer.toString()).doesNotContain(text);
    assertThat(ApiKey.of(text).toString()).doesNotContain(text).startsWith("ApiKey[sha256:");
  }
}
