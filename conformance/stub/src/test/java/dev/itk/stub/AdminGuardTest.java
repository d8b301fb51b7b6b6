package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.stub.StubClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin routes against hostile calls: without the token nothing changes, a page reaching the
 * stub through DNS rebinding is refused, and no clock move, however large, leaves the stub unable
 * to serve.
 */
class AdminGuardTest {
  private static final String TOKEN = "test-admin-token-0123456789";

  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder()
          .configure(b -> b.key(KEY).clock(CLOCK).adminToken(TOKEN))
          .build();

  StubClient client;

  @BeforeEach
  void setUp() {
    client = new StubClient(stub.stub());
  }

  private static Reply raw(String method, String route, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(stub.stub().adminUrl() + route))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return StubClient.exchange(b.build());
  }

  /** The stub still serves: health, and a valid signed request. */
  private void assertStillServing() {
    assertThat(StubClient.get(stub.stub().adminUrl() + "/health").status()).isEqualTo(200);
    assertThat(StubClient.admin(stub.stub(), "POST", "/clock/reset", null).status()).isEqualTo(200);
    assertThat(client.send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /clock/set, '{\"time\":\"2030-01-01T00:00:00Z\"}'",
    "POST, /clock/shift, '{\"by\":\"1h\"}'",
    "POST, /clock/reset, ",
    "POST, /replay-cache/clear, ",
    "DELETE, /requests, ",
    "POST, /reset, ",
  })
  void everyRouteThatChangesTheStub_needsTheToken(String method, String route, String body) {
    client.send("GET", "/api/v1/notes/1");
    stub.stub().shiftClock(java.time.Duration.ofSeconds(1));
    String now = stub.stub().now().toString();

    Reply none = raw(method, route, body, "Content-Type", "application/json");
    Reply wrong =
        raw(
            method,
            route,
            body,
            "Content-Type",
            "application/json",
            "X-Itk-Admin-Token",
            "x" + TOKEN);

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("error").asText()).isEqualTo("admin-token-required");
    assertThat(none.json().get("message").asText()).contains("X-Itk-Admin-Token");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().get("error").asText()).isEqualTo("admin-token-wrong");
    assertThat(wrong.text()).doesNotContain(TOKEN);
    // nothing changed
    assertThat(stub.stub().now().toString()).isEqualTo(now);
    assertThat(stub.stub().requests()).hasSize(1);
    assertThat(stub.stub().rememberedRequestIds()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/clock", "/requests"})
  void readingRoutes_needNoToken(String route) {
    assertThat(StubClient.get(stub.stub().adminUrl() + route).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"evil.example", "evil.example:8089", "127.0.0.1.evil.example", "10.0.0.1"})
  void aHostThatIsNotLoopback_isRefusedOnEveryAdminRoute(String host) {
    int port = stub.stub().port();
    for (String line :
        new String[] {"GET /__itk/health HTTP/1.1", "GET /__itk/requests HTTP/1.1"}) {
      RawHttp.Answer a = RawHttp.send(port, line + "\nHost: " + host + "\nConnection: close\n\n");

      assertThat(a.status()).as(line).isEqualTo(403);
      assertThat(a.body()).contains("\"error\":\"forbidden-host\"").contains("DNS rebinding");
    }
    RawHttp.Answer post =
        RawHttp.send(
            port,
            "POST /__itk/clock/reset HTTP/1.1\nHost: "
                + host
                + "\nX-Itk-Admin-Token: "
                + TOKEN
                + "\nContent-Length: 0\nConnection: close\n\n");
    assertThat(post.status()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST:1", "[::1]:8089"})
  void loopbackHosts_areServed(String host) {
    RawHttp.Answer a =
        RawHttp.send(
            stub.stub().port(),
            "GET /__itk/health HTTP/1.1\nHost: " + host + "\nConnection: close\n\n");

    assertThat(a.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", ""})
  void aBodyThatIsNotSentAsJson_is415(String type) {
    Reply r =
        type.isEmpty()
            ? raw("POST", "/clock/shift", "{\"by\":\"1h\"}", "X-Itk-Admin-Token", TOKEN)
            : raw(
                "POST",
                "/clock/shift",
                "{\"by\":\"1h\"}",
                "X-Itk-Admin-Token",
                TOKEN,
                "Content-Type",
                type);

    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().get("error").asText()).isEqualTo("unsupported-media-type");
    assertThat(stub.stub().now()).isEqualTo(StubClient.T0);
  }

  @Test
  void aJsonContentTypeWithParameters_isJson() {
    Reply r =
        raw(
            "POST",
            "/clock/shift",
            "{\"by\":\"1s\"}",
            "X-Itk-Admin-Token",
            TOKEN,
            "Content-Type",
            "Application/JSON; charset=utf-8");

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void aRouteThatTakesNoBody_refusesOne() {
    Reply r = StubClient.admin(stub.stub(), "POST", "/reset", "{\"all\":true}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).contains("takes no body");
  }

  @Test
  void anAdminBodyOver64KiB_is413() {
    String big = "{\"by\":\"" + "1".repeat(70_000) + "s\"}";

    Reply r = StubClient.admin(stub.stub(), "POST", "/clock/shift", big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).isEqualTo("body-too-large");
  }

  /** These once bricked the stub (every later request, health included, got 500). */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/clock/shift, '{\"by\":\"9000000000000h\"}'",
    "/clock/shift, '{\"by\":\"-9000000000000h\"}'",
    "/clock/shift, '{\"by\":\"PT2562047788015215H\"}'",
    "/clock/shift, '{\"by\":\"87660000h\"}'",
    "/clock/shift, '{\"by\":\"-20000000h\"}'",
    "/clock/set, '{\"time\":\"0001-01-01T00:00:00+00:01\"}'",
    "/clock/set, '{\"time\":\"9999-12-31T23:59:59-00:01\"}'",
    "/clock/set, '{\"time\":\"0000-12-31T23:59:59Z\"}'",
  })
  void aClockMoveOutsideYears0001To9999_is400_andTheStubKeepsServing(String route, String body) {
    Reply r = StubClient.admin(stub.stub(), "POST", route, body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid-argument");
    assertThat(stub.stub().now()).isEqualTo(StubClient.T0);
    assertStillServing();
  }

  @Test
  void theClockMovesUpToTheLastInstant_andNoFurther() {
    Reply set =
        StubClient.admin(stub.stub(), "POST", "/clock/set", "{\"time\":\"9999-12-31T23:59:00Z\"}");
    Reply beyond = StubClient.admin(stub.stub(), "POST", "/clock/shift", "{\"by\":\"2m\"}");
    Reply toTheEnd =
        StubClient.admin(stub.stub(), "POST", "/clock/shift", "{\"by\":\"PT59.9999999S\"}");

    assertThat(set.status()).isEqualTo(200);
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.json().get("message").asText()).contains("outside 0001-01-01T00:00:00Z to");
    assertThat(toTheEnd.json().get("now").asText()).isEqualTo("9999-12-31T23:59:59.9999999Z");
    JsonNode health = StubClient.get(stub.stub().adminUrl() + "/health").json();
    assertThat(health.get("clock").get("now").asText()).isEqualTo("9999-12-31T23:59:59.9999999Z");
    assertStillServing();
  }
}
