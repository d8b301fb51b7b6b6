package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.signing.ApiKey;
import dev.itk.stub.StubClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inspector's routes without a browser (docs/stub.md#the-inspector): the page and its files
 * under a strict policy, the list and one request as JSON, the paste box; the loopback Host check
 * on each, hostile data coming back as data, no key in any answer, the paste bounded and never
 * reading a file.
 */
class InspectorRoutesTest {
  private static final String PASTED_KEY = "a-key-pasted-into-the-page-0123456789";

  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  private final List<String> answers = new ArrayList<>();

  @BeforeEach
  void clear() {
    answers.clear();
  }

  /** Whatever a test asked, no answer carries the stub's key or a pasted one. */
  @AfterEach
  void noAnswerCarriesAKey() {
    assertNoKeyIn(answers);
  }

  private String ui(String route) {
    return "http://127.0.0.1:" + stub.stub().port() + "/__itk/ui" + route;
  }

  private Reply get(String route) {
    Reply r = StubClient.get(ui(route));
    answers.add(r.text());
    return r;
  }

  private Reply paste(String json, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(ui("/diagnose")))
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    Reply r = StubClient.exchange(b.build());
    answers.add(r.text());
    return r;
  }

  private static String pasteBody(String capture, String key) {
    var o = StubClient.JSON.createObjectNode().put("capture", capture).put("format", "auto");
    if (key != null) {
      o.put("key", key);
    }
    return o.toString();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "'', text/html",
    "/inspector.js, text/javascript",
    "/inspector.css, text/css",
    "/requests, application/json"
  })
  void everyRoute_isSentWithAStrictContentSecurityPolicy(String route, String type) {
    Reply r = get(route);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("content-type")).startsWith(type);
    assertThat(r.headers().get("content-security-policy"))
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
    assertThat(r.headers().get("x-content-type-options")).isEqualTo("nosniff");
  }

  @Test
  void thePage_loadsNothingFromElsewhere_andNeverSetsMarkupFromData() {
    String page = get("").text();
    assertThat(page).doesNotContain("http://").doesNotContain("https://").doesNotContain("style=");
    assertThat(page).contains("<script src=\"/__itk/ui/inspector.js\"");
    String script = get("/inspector.js").text();
    assertThat(script).doesNotContain("innerHTML").doesNotContain("outerHTML");
    assertThat(script).doesNotContain("insertAdjacentHTML").doesNotContain("eval(");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /__itk/ui",
    "GET, /__itk/ui/inspector.js",
    "GET, /__itk/ui/requests",
    "GET, /__itk/ui/requests/1",
    "POST, /__itk/ui/diagnose"
  })
  void aHostThatIsNotLoopback_isRefusedOnEveryInspectorRoute(String method, String route) {
    String body = "{\"capture\":\"GET / HTTP/1.1\\n\\n\"}";
    RawHttp.Answer a =
        RawHttp.send(
            stub.stub().port(),
            method
                + " "
                + route
                + " HTTP/1.1\nHost: rebound.example:"
                + stub.stub().port()
                + "\nContent-Type: application/json\nContent-Length: "
                + body.length()
                + "\nConnection: close\n\n",
            body.getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.body()).contains("\"error\":\"forbidden-host\"");
  }

  @Test
  void theList_isNewestFirst_andGivesOnlyWhatCameAfterSeq() {
    Reply valid = new StubClient(stub.stub()).send("GET", "/api/v1/notes/1");
    Reply wrong =
        new StubClient(stub.stub(), ApiKey.of("not-the-stub-key")).send("GET", "/api/v1/notes/1");
    assertThat(valid.status()).isEqualTo(200);
    assertThat(wrong.status()).isEqualTo(401);

    JsonNode all = get("/requests").json();
    assertThat(all.get("requests")).hasSize(2);
    JsonNode newest = all.get("requests").get(0);
    JsonNode oldest = all.get("requests").get(1);
    assertThat(newest.get("verdict").asText()).isEqualTo("bad-signature");
    assertThat(newest.get("status").asInt()).isEqualTo(401);
    assertThat(oldest.get("verdict").asText()).isEqualTo("valid");
    assertThat(oldest.get("target").asText()).isEqualTo("/api/v1/notes/1");
    assertThat(all.get("keys").get(0).asText()).isEqualTo(KEY.fingerprint());

    long first = oldest.get("seq").asLong();
    JsonNode after = get("/requests?after=" + first).json();
    assertThat(after.get("requests")).hasSize(1);
    assertThat(after.get("requests").get(0).get("seq").asLong()).isEqualTo(first + 1);
    assertThat(get("/requests?after=x").status()).isEqualTo(400);
    assertNoKeyIn(answers);
  }

  @Test
  void aRefusedRequest_namesItsCause_theMessageTheClientSigned_andTheDifference() {
    assertThat(InspectorRequests.sendPathNotLowercased(stub.stub(), KEY).status()).isEqualTo(401);
    long seq = stub.stub().lastRequest().sequence();

    JsonNode r = get("/requests/" + seq).json();
    assertThat(r.get("verdict").asText()).isEqualTo("bad-signature");
    assertThat(r.get("message").get(3).get("name").asText()).isEqualTo("path");
    assertThat(r.get("message").get(3).get("value").asText()).isEqualTo("/api/v1/notes/1");
    JsonNode d = r.get("diagnosis");
    assertThat(d.get("causes").get(0).get("id").asText()).isEqualTo("path-not-lowercased");
    assertThat(d.get("causes").get(0).get("fix").asText()).contains("lowercase the path");
    assertThat(d.get("clientMessage").asText()).contains("/api/v1/Notes/1");
    assertThat(differing(d.get("clientMarked"))).isEqualTo("N");
    assertThat(differing(d.get("serverMarked"))).isEqualTo("n");
    assertNoKeyIn(answers);
  }

  private static String differing(JsonNode segments) {
    StringBuilder out = new StringBuilder();
    segments.forEach(s -> out.append(s.get("differs").asBoolean() ? s.get("text").asText() : ""));
    return out.toString();
  }

  @Test
  void hostileRequestData_comesBackAsRenderedText() {
    String body = "</pre><script>alert(1)</script>\u0000\r\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    RawHttp.send(
        stub.stub().port(),
        "POST /api/v1/notes HTTP/1.1\nHost: 127.0.0.1\nX-Evil: <img src=x onerror=alert(1)>\u00e9\n"
            + "Content-Type: text/html\nContent-Length: "
            + bytes.length
            + "\nConnection: close\n\n",
        bytes);
    long seq = stub.stub().lastRequest().sequence();

    JsonNode r = get("/requests/" + seq).json();
    List<String> evil = new ArrayList<>();
    r.get("headers")
        .forEach(
            h -> {
              if (h.get(0).asText().equals("X-Evil")) {
                evil.add(h.get(1).asText());
              }
            });
    assertThat(evil).containsExactly("<img src=x onerror=alert(1)>\u00e9");
    assertThat(r.get("body").get("rendered").asText())
        .isEqualTo("</pre><script>alert(1)</script>\\x00\\r\\n\n");
    assertThat(get("/requests/" + seq).headers().get("content-type"))
        .startsWith("application/json");
  }

  @Test
  void thePasteBox_diagnosesACurlLine_withTheStubsKeyOrAPastedOne() {
    String curl = InspectorRequests.curlPathNotLowercased(stub.stub(), KEY);
    Reply withStubKey = paste(pasteBody(curl, null), "application/json");
    assertThat(withStubKey.status()).as(withStubKey.text()).isEqualTo(200);
    JsonNode j = withStubKey.json();
    assertThat(j.get("keySource").asText()).isEqualTo("stub");
    assertThat(j.get("diagnosis").get("keyFingerprint").asText()).isEqualTo(KEY.fingerprint());
    assertThat(j.get("diagnosis").get("causes").get(0).get("id").asText())
        .isEqualTo("path-not-lowercased");
    int before = stub.stub().requests().size();

    String signedWithPasted =
        InspectorRequests.curlPathNotLowercased(stub.stub(), ApiKey.of(PASTED_KEY));
    JsonNode p = paste(pasteBody(signedWithPasted, PASTED_KEY), "application/json").json();
    assertThat(p.get("keySource").asText()).isEqualTo("pasted");
    assertThat(p.get("diagnosis").get("keyFingerprint").asText())
        .isEqualTo(ApiKey.of(PASTED_KEY).fingerprint());
    assertThat(p.get("diagnosis").get("causes").get(0).get("id").asText())
        .isEqualTo("path-not-lowercased");
    assertThat(stub.stub().requests()).as("pasting records nothing").hasSize(before);
    assertNoKeyIn(answers);
  }

  @Test
  void thePasteBox_takesOnlyJson_soACrossSiteFormCannotPostToIt() {
    String curl = InspectorRequests.curlPathNotLowercased(stub.stub(), KEY);
    for (String type :
        new String[] {
          null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"
        }) {
      Reply r = paste(pasteBody(curl, null), type);
      assertThat(r.status()).as(String.valueOf(type)).isEqualTo(415);
      assertThat(r.json().get("error").asText()).isEqualTo("unsupported-media-type");
    }
  }

  @Test
  void thePasteBox_isBounded() {
    String big = "curl http://127.0.0.1/api/v1/notes -d '" + "x".repeat(70 * 1024) + "'";
    Reply r = paste(pasteBody(big, null), "application/json");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).isEqualTo("body-too-large");
  }

  @Test
  void aPastedCurlThatNamesAFile_isRefused_andTheFileIsNotRead() {
    for (String option :
        new String[] {"--data-binary @/etc/passwd", "-d @/etc/passwd", "-T /etc/passwd"}) {
      Reply r =
          paste(
              pasteBody("curl -X POST http://127.0.0.1/api/v1/notes " + option, null),
              "application/json");
      assertThat(r.status()).as(option).isEqualTo(400);
      assertThat(r.json().get("error").asText()).isEqualTo("unreadable-capture");
      assertThat(r.text()).doesNotContain("root:");
    }
  }

  @Test
  void anUnknownRequest_orRoute_orMethod_isNamed() {
    assertThat(get("/requests/999999").status()).isEqualTo(404);
    assertThat(get("/nothing").status()).isEqualTo(404);
    Reply post =
        StubClient.exchange(
            HttpRequest.newBuilder(URI.create(ui("/requests")))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(post.status()).isEqualTo(405);
  }

  private static void assertNoKeyIn(List<String> answers) {
    String keyText = new String(KEY.asSecretKey().getEncoded(), StandardCharsets.UTF_8);
    for (String a : answers) {
      assertThat(a).doesNotContain(keyText).doesNotContain(PASTED_KEY);
    }
  }
}
