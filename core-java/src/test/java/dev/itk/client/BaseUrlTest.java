package dev.itk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.itk.signing.RequestTarget;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A base URL is checked once; a route and query join it exactly as written. */
class BaseUrlTest {
  private static final BaseUrl BASE = BaseUrl.parse("http://127.0.0.1:8089/NestedSite1/api/v1");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "http://127.0.0.1:8089/NestedSite1/api/v1   | http://127.0.0.1:8089/NestedSite1/api/v1 | /NestedSite1/api/v1",
        "http://127.0.0.1:8089/NestedSite1/api/v1/  | http://127.0.0.1:8089/NestedSite1/api/v1 | /NestedSite1/api/v1",
        "HTTPS://Site.example/API/v1                | HTTPS://Site.example/API/v1              | /API/v1",
        "https://site.example/Help%20Desk/api/v1    | https://site.example/Help%20Desk/api/v1  | /Help%20Desk/api/v1",
        "http://[::1]:8089/api/v1                   | http://[::1]:8089/api/v1                 | /api/v1",
        "http://127.0.0.1:8089                      | http://127.0.0.1:8089                    | ``",
        "http://127.0.0.1:8089/                     | http://127.0.0.1:8089                    | ``",
      })
  void parse_keepsTheUrlAsWrittenLessOneTrailingSlash(String text, String kept, String path) {
    BaseUrl base = BaseUrl.parse(text);

    assertThat(base).hasToString(kept);
    assertThat(base.path()).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "127.0.0.1:8089/api/v1            | baseUrl \"127.0.0.1:8089/api/v1\" must be an absolute http or https URL, e.g. http://127.0.0.1:8089/NestedSite1/api/v1",
        "ftp://127.0.0.1/api/v1           | baseUrl \"ftp://127.0.0.1/api/v1\" must be an absolute http or https URL",
        "/api/v1                          | baseUrl \"/api/v1\" must be an absolute http or https URL",
        "http:///api/v1                   | baseUrl \"http:///api/v1\" has no host; e.g. http://127.0.0.1:8089/NestedSite1/api/v1",
        "http://127.0.0.1/api/v1?site=1   | baseUrl \"http://127.0.0.1/api/v1?site=1\" must not have a query; pass a query with each request",
        "http://127.0.0.1/api/v1?         | baseUrl \"http://127.0.0.1/api/v1?\" must not have a query",
        "http://127.0.0.1/api/v1#top      | baseUrl \"http://127.0.0.1/api/v1#top\" must not have a fragment (#...); a fragment is never sent",
        "http://me:pw@127.0.0.1/api/v1    | baseUrl \"http://me:pw@127.0.0.1/api/v1\" must not carry user info before the host",
        "http://127.0.0.1//api/v1         | baseUrl \"http://127.0.0.1//api/v1\" has an empty path segment (//); it would be sent and signed that way",
        "http://127.0.0.1/api/v1//        | baseUrl \"http://127.0.0.1/api/v1//\" has an empty path segment (//)",
        "http://127.0.0.1//               | baseUrl \"http://127.0.0.1//\" has an empty path segment (//)",
        "http://under_score.example/api   | baseUrl \"http://under_score.example/api\" has no host: \"under_score.example\" is not a host name and port",
        "http://127.0.0.1:http/api/v1     | baseUrl \"http://127.0.0.1:http/api/v1\" has no host: \"127.0.0.1:http\" is not a host name and port",
        "http://127.0.0.1/my site/api/v1  | baseUrl \"http://127.0.0.1/my site/api/v1\" contains U+0020 at index 19; percent-encode it (the path is signed as sent)",
        "http://127.0.0.1/sité/api/v1     | baseUrl \"http://127.0.0.1/sité/api/v1\" contains U+00E9 at index 20",
        "http://127.0.0.1/a%zz/api/v1     | baseUrl \"http://127.0.0.1/a%zz/api/v1\" is not a valid URL: Malformed escape pair at index 18",
      })
  void parse_refusesNamingTheValueAndTheRule(String text, String message) {
    assertThatThrownBy(() -> BaseUrl.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullSource
  @ValueSource(strings = {"", "   "})
  void parse_refusesNothingWithAnExample(String text) {
    assertThatThrownBy(() -> BaseUrl.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUrl is missing; it is the site's API base URL,"
                + " e.g. http://127.0.0.1:8089/NestedSite1/api/v1");
  }

  @Test
  void equals_comparesTheUrlAsKept() {
    assertThat(BaseUrl.parse("http://h/api/v1/"))
        .isEqualTo(BaseUrl.parse("http://h/api/v1"))
        .hasSameHashCodeAs(BaseUrl.parse("http://h/api/v1"))
        .isNotEqualTo(BaseUrl.parse("http://h/API/v1"))
        .isNotEqualTo(BaseUrl.parse("https://h/api/v1"));
  }

  @ParameterizedTest(name = "{0} ? {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      nullValues = "null",
      value = {
        "/issues/false/1  | ``                   | /NestedSite1/api/v1/issues/false/1  | ``",
        "/issues/true/    | issueNumbers=1,2     | /NestedSite1/api/v1/issues/true/    | issueNumbers=1,2",
        "/issues/true/    | issueNumbers=1%2C2+3 | /NestedSite1/api/v1/issues/true/    | issueNumbers=1%2C2+3",
        "/Attachments     | null                 | /NestedSite1/api/v1/Attachments     | ``",
        "/notes/%c3%A9/   | a=%2F&b=?            | /NestedSite1/api/v1/notes/%c3%A9/   | a=%2F&b=?",
        "/                | ``                   | /NestedSite1/api/v1/                | ``",
      })
  void target_isTheBasePathAndTheRouteAsWritten(
      String route, String query, String path, String rawQuery) {
    assertThat(BASE.target(route, query)).isEqualTo(new RequestTarget(path, rawQuery));
  }

  @Test
  void target_atTheRootOfTheHost_isTheRouteAlone() {
    BaseUrl root = BaseUrl.parse("http://127.0.0.1:8089/");

    assertThat(root.target("/notes/1", "")).isEqualTo(new RequestTarget("/notes/1", ""));
  }

  @ParameterizedTest(name = "{0} ? {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "issues/false/1  | ``              | route \"issues/false/1\" must start with /, e.g. /issues/false/1; it is joined to http://127.0.0.1:8089/NestedSite1/api/v1",
        "``              | ``              | route is missing; it is the path after the base URL, starting with /",
        "//issues        | ``              | route \"//issues\" must not start with //: the URL would carry an empty segment after http://127.0.0.1:8089/NestedSite1/api/v1",
        "/issues?x=1     | ``              | route \"/issues?x=1\" must not contain '?' (index 7); pass the query separately, without '?'",
        "/issues#x       | ``              | route \"/issues#x\" must not contain '#' (index 7); a fragment is never sent",
        "/my issues      | ``              | route \"/my issues\" contains U+0020 at index 3; percent-encode it as UTF-8 (e.g. a space as %20)",
        "/notes/é        | ``              | route \"/notes/é\" contains U+00E9 at index 7",
        "/notes/\t1      | ``              | route \"/notes/\t1\" contains U+0009 at index 7",
        "/a%zz           | ``              | URL \"http://127.0.0.1:8089/NestedSite1/api/v1/a%zz\" is not valid: Malformed escape pair at index 42; percent-encode that character as UTF-8 (a % that starts no escape as %25)",
        "/a{b}           | ``              | URL \"http://127.0.0.1:8089/NestedSite1/api/v1/a{b}\" is not valid: Illegal character in path at index 42",
        "/issues/true/   | ?issueNumbers=1 | query \"?issueNumbers=1\" must not start with '?'; pass it without, e.g. issueNumbers=1,2",
        "/issues/true/   | a=1#x           | query \"a=1#x\" must not contain '#' (index 3); a fragment is never sent",
        "/issues/true/   | a=1 2           | query \"a=1 2\" contains U+0020 at index 3",
        "/issues/true/   | a=%G1           | URL \"http://127.0.0.1:8089/NestedSite1/api/v1/issues/true/?a=%G1\" is not valid: Malformed escape pair at index 56",
      })
  void target_refusesNamingTheValueAndTheRule(String route, String query, String message) {
    assertThatThrownBy(() -> BASE.target(route, query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void target_refusesAMissingRoute() {
    assertThatThrownBy(() -> BASE.target(null, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("route is missing");
  }

  @ParameterizedTest(name = "{0} ? {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/issues/false/1  | ``                   | http://127.0.0.1:8089/NestedSite1/api/v1/issues/false/1",
        "/issues/true/    | issueNumbers=1%2C2+3 | http://127.0.0.1:8089/NestedSite1/api/v1/issues/true/?issueNumbers=1%2C2+3",
        "/notes/%C3%A9    | ``                   | http://127.0.0.1:8089/NestedSite1/api/v1/notes/%C3%A9",
      })
  void uri_isTheOriginAndTheTargetAndReadsBackAsTheTarget(
      String route, String query, String expected) {
    RequestTarget target = BASE.target(route, query);

    URI uri = BASE.uri(target);

    assertThat(uri).hasToString(expected);
    assertThat(RequestTarget.fromUrl(uri.toString()))
        .as("what a server reads off the request line is what the client signs")
        .isEqualTo(target);
  }
}
