package dev.itk.client;

import static dev.itk.client.ClientTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad builder and request input is refused with a message naming the value and the rule. */
class ClientInputTest {
  private static final String BASE = "http://127.0.0.1:8089/NestedSite1/api/v1";

  // The rules themselves: BaseUrlTest. Here: the builder applies them when it is given the URL.
  @Test
  void baseUrl_isCheckedWhenGiven() {
    assertThatThrownBy(() -> IssuetrakClient.builder().baseUrl("ftp://127.0.0.1/api/v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "baseUrl \"ftp://127.0.0.1/api/v1\" must be an absolute http or https URL");
  }

  @Test
  void baseUrl_isKeptWithoutItsTrailingSlash() {
    IssuetrakClient client = IssuetrakClient.builder().baseUrl(BASE + "/").apiKey(KEY).build();

    assertThat(client.baseUrl()).isEqualTo(BASE);
  }

  @Test
  void build_withoutBaseUrlOrKey_saysWhichIsMissing() {
    assertThatThrownBy(() -> IssuetrakClient.builder().apiKey(KEY).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("baseUrl is required");
    assertThatThrownBy(() -> IssuetrakClient.builder().baseUrl(BASE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("apiKey is required");
  }

  @Test
  void timeouts_mustBePositive() {
    assertThatThrownBy(() -> IssuetrakClient.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive, e.g. PT10S; got PT0S");
    assertThatThrownBy(() -> IssuetrakClient.builder().requestTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive, e.g. PT10S; got PT-1S");
  }

  @Test
  void connectTimeoutWithOwnHttpClient_isRefused() {
    IssuetrakClient.Builder builder =
        IssuetrakClient.builder()
            .baseUrl(BASE)
            .apiKey(KEY)
            .connectTimeout(Duration.ofSeconds(1))
            .httpClient(HttpClient.newHttpClient());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set it on the httpClient you pass");
  }

  @Test
  void toString_namesTheKeyByFingerprintOnly() {
    IssuetrakClient client = IssuetrakClient.builder().baseUrl(BASE).apiKey(KEY).build();

    assertThat(client.toString())
        .isEqualTo("IssuetrakClient[" + BASE + ", key " + KEY.fingerprint() + ", query form raw]")
        .doesNotContain(ClientTestSupport.KEY_TEXT);
  }

  // The method rule in full; the route and query rules in full are BaseUrlTest's.
  @ParameterizedTest(name = "{0} {1} ? {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Get  | /issues/false/1 | ``          | method \"Get\" must be upper-case letters, e.g. GET",
        "``   | /issues/false/1 | ``          | method is missing",
        "GET  | issues/false/1  | ``          | route \"issues/false/1\" must start with /",
        "GET  | /a%zz           | ``          | URL \"http://127.0.0.1:8089/NestedSite1/api/v1/a%zz\" is not valid: Malformed escape pair",
        "GET  | /issues/true/   | ?issueNumbers=1 | query \"?issueNumbers=1\" must not start with '?'",
      })
  void prepare_refusesBadInputNamingTheValueAndTheRule(
      String method, String route, String query, String message) {
    IssuetrakClient client = IssuetrakClient.builder().baseUrl(BASE).apiKey(KEY).build();

    assertThatThrownBy(() -> client.prepare(method, route, query, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void getIssues_refusesAnEmptyList() {
    IssuetrakClient client = IssuetrakClient.builder().baseUrl(BASE).apiKey(KEY).build();

    assertThatThrownBy(() -> client.getIssues(List.of(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("issueNumbers is empty; ask for at least one issue");
  }

  @Test
  void sendAsync_reportsBadInputThroughTheFuture() {
    IssuetrakClient client = IssuetrakClient.builder().baseUrl(BASE).apiKey(KEY).build();

    assertThat(client.sendAsync("GET", "issues", "", null))
        .failsWithin(Duration.ofSeconds(1))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalArgumentException.class)
        .withMessageContaining("route \"issues\" must start with /");
  }
}
