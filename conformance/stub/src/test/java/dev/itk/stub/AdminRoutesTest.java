package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.stub.StubClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unsigned controls under /__itk/. */
class AdminRoutesTest {
  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder()
          .configure(b -> b.key(KEY).key(OTHER_KEY).clock(CLOCK))
          .build();

  String admin;
  StubClient client;

  @BeforeEach
  void setUp() {
    admin = stub.stub().adminUrl();
    client = new StubClient(stub.stub());
  }

  @Test
  void health_showsSettingsAndFingerprints_neverKeys() {
    Reply r = StubClient.get(admin + "/health");

    assertThat(r.status()).isEqualTo(200);
    JsonNode h = r.json();
    assertThat(h.get("status").asText()).isEqualTo("ok");
    assertThat(h.get("baseUrl").asText())
        .isEqualTo("http://127.0.0.1:" + stub.stub().port() + "/api/v1");
    assertThat(h.get("keys").toString())
        .isEqualTo("[\"sha256:b08c9ef92d3cd8a0\",\"sha256:8580ccfbf0c746a0\"]");
    assertThat(h.get("window").asText()).isEqualTo("PT5M");
    assertThat(h.get("replayCheck").booleanValue()).isTrue();
    assertThat(h.get("queryForm").asText()).isEqualTo("raw");
    assertThat(h.get("clock").get("now").asText()).isEqualTo("2014-09-10T17:28:08.3227351Z");
    assertThat(r.text()).doesNotContain("second-client-key", "dUd4ZzQ3");
  }

  @Test
  void clockSet_freezesTheClock_andSignedRequestsAreCheckedAgainstIt() {
    Reply set =
        StubClient.admin(stub.stub(), "POST", "/clock/set", "{\"time\": \"2014-09-10T17:40:00Z\"}");

    assertThat(set.json().get("now").asText()).isEqualTo("2014-09-10T17:40:00.0000000Z");
    assertThat(set.json().get("frozen").booleanValue()).isTrue();
    Reply r = client.send("GET", "/api/v1/notes/1");
    assertThat(r.json().get("error").asText()).isEqualTo("stale-timestamp");
    assertThat(r.json().get("clockOffset").asText()).isEqualTo("PT-11M-51.6772649S");
  }

  @Test
  void clockShift_movesIt_andReset_bringsItBack() {
    Reply shifted = StubClient.admin(stub.stub(), "POST", "/clock/shift", "{\"by\": \"-30s\"}");

    assertThat(shifted.json().get("now").asText()).isEqualTo("2014-09-10T17:27:38.3227351Z");
    assertThat(shifted.json().get("offset").asText()).isEqualTo("PT-30S");
    Reply reset = StubClient.admin(stub.stub(), "POST", "/clock/reset", null);
    assertThat(reset.json().get("now").asText()).isEqualTo("2014-09-10T17:28:08.3227351Z");
    assertThat(StubClient.get(admin + "/clock").json().get("offset").asText()).isEqualTo("PT0S");
  }

  @Test
  void clockSet_withABadTime_is400() {
    Reply r = StubClient.admin(stub.stub(), "POST", "/clock/set", "{\"time\": \"yesterday\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid-argument");
  }

  @Test
  void replayCacheClear_letsTheSameRequestIdThroughAgain() {
    java.util.concurrent.atomic.AtomicReference<java.util.Map<String, String>> first =
        new java.util.concurrent.atomic.AtomicReference<>();
    client.send(
        "GET",
        "/api/v1/notes/1",
        new byte[0],
        h -> {
          first.set(h);
          return h;
        },
        b -> b);

    Reply cleared = StubClient.admin(stub.stub(), "POST", "/replay-cache/clear", null);
    Reply again = client.send("GET", "/api/v1/notes/1", new byte[0], h -> first.get(), b -> b);

    assertThat(cleared.json().get("forgotten").intValue()).isEqualTo(1);
    assertThat(again.status()).isEqualTo(200);
  }

  @Test
  void requests_listsAndClearsTheRecord() {
    client.send("GET", "/api/v1/notes/1");

    Reply list = StubClient.get(admin + "/requests");
    Reply cleared = StubClient.admin(stub.stub(), "DELETE", "/requests", null);

    assertThat(list.json().get("format").asText()).isEqualTo("itk-stub-record/2");
    assertThat(list.json().get("requests").get(0).get("path").asText())
        .isEqualTo("/api/v1/notes/1");
    assertThat(cleared.json().get("cleared").intValue()).isEqualTo(1);
    assertThat(stub.stub().requests()).isEmpty();
  }

  @Test
  void reset_restoresTheSeedData() {
    client.send("POST", "/api/v1/issues", "{\"Subject\": \"temporary\"}");

    Reply reset = StubClient.admin(stub.stub(), "POST", "/reset", null);

    assertThat(reset.json().get("issues").intValue()).isEqualTo(3);
    assertThat(client.send("GET", "/api/v1/issues/false/4").status()).isEqualTo(400);
    assertThat(client.send("POST", "/api/v1/issues", "{\"Subject\": \"again\"}").text())
        .isEqualTo("4");
  }

  @Test
  void unknownAdminRoute_is404_andWrongMethod_is405() {
    Reply unknown = StubClient.get(admin + "/nothing");
    Reply wrong = StubClient.call("DELETE", admin + "/health", null);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unknown-route");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.json().get("error").asText()).isEqualTo("method-not-allowed");
    assertThat(wrong.headers().get("allow")).isEqualTo("GET");
  }

  @Test
  void wireMocksOwnAdminApi_isClosed() {
    Reply r = StubClient.get("http://127.0.0.1:" + stub.stub().port() + "/__admin/mappings");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("error").asText()).isEqualTo("unknown-route");
  }
}
