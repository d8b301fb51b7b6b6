package sample;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The sample client: sends signed requests to an Issuetrak API v1 site with the JDK's {@link
 * HttpClient} (HTTP/1.1, redirects not followed, a timeout).
 *
 * <pre>{@code
 * var client = new IssuetrakClient("https://site.example/NestedSite1/api/v1", key,
 *     Clock.systemUTC(), IssuetrakClient.randomRequestIds(), Duration.ofSeconds(30));
 * Response r = client.getIssue(1);  // GET .../NestedSite1/api/v1/issues/false/1
 * }</pre>
 *
 * <p>The clock and the request IDs are injected, so a run can be reproduced. The key is never
 * printed, logged or put in an exception message.
 */
public final class IssuetrakClient {
  public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  private final String baseUrl;
  private final String apiKey;
  private final Clock clock;
  private final Supplier<String> requestIds;
  private final Duration timeout;
  private final HttpClient http;

  /** One HTTP exchange: what was sent and what came back. */
  public record Response(String method, URI uri, int status, byte[] body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text (the API answers JSON). */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * @param baseUrl the site's API base URL, site folders included ({@code
   *     http://127.0.0.1:8089/NestedSite1/api/v1}); checked by {@link #parseBaseUrl}
   * @param apiKey the API key text, used as issued
   * @param clock where each request's timestamp comes from
   * @param requestIds gives a new request ID for each request
   */
  public IssuetrakClient(
      String baseUrl, String apiKey, Clock clock, Supplier<String> requestIds, Duration timeout) {
    this.baseUrl = parseBaseUrl(baseUrl, "base URL");
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException(
          "the API key is empty; give the key text exactly as Issuetrak issued it");
    }
    this.apiKey = apiKey;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
  }

  /** Random lowercase version-4 UUIDs, a new one for each request. */
  public static Supplier<String> randomRequestIds() {
    return () -> UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Checks a base URL and returns it without its trailing {@code /}: {@code http} or {@code
   * https}, a host, ASCII only (percent-encode anything else), no user info, query or fragment.
   * {@code name} is what error messages call it (e.g. {@code ITK_BASE_URL}).
   */
  public static String parseBaseUrl(String text, String name) {
    String example = "e.g. http://127.0.0.1:8089/api/v1";
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty; give the site's API base URL, "
          + example);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            name + " " + IssuetrakSigner.quote(text) + " has " + IssuetrakSigner.quote(
                String.valueOf(c)) + " at index " + i + "; a URL is printable ASCII without"
                + " spaces (percent-encode anything else as UTF-8)");
      }
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          name + " " + IssuetrakSigner.quote(text) + " is not a URL: " + e.getReason()
              + " at index " + e.getIndex() + "; " + example);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          name + " " + IssuetrakSigner.quote(text) + " is not an http or https URL; " + example);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          name + " " + IssuetrakSigner.quote(text) + " has no host; " + example);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          name + " has user info before the host; the API is authorized by the signature only,"
              + " remove it");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          name + " " + IssuetrakSigner.quote(text) + " has a query or fragment; give the base"
              + " URL only, " + example);
    }
    String trimmed = text;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** {@code GET {base}/issues/false/{issueNumber}}: one issue, without its notes. */
  public Response getIssue(int issueNumber) throws IOException, InterruptedException {
    if (issueNumber < 1) {
      throw new IllegalArgumentException("issue number " + issueNumber + " is not positive");
    }
    // "false" lowercase: the path sent and the path signed then differ only by the lowercasing.
    return send("GET", "/issues/false/" + issueNumber, "", null);
  }

  /**
   * Signs and sends one request. {@code route} starts with {@code /} and is appended to the base
   * URL; {@code query} is the raw query without {@code ?} ({@code ""} for none), sent and signed
   * as given; {@code jsonBody} is the exact bytes sent and signed, with {@code Content-Type:
   * application/json; charset=utf-8}, or {@code null} for no body (and no Content-Type).
   */
  public Response send(String method, String route, String query, byte[] jsonBody)
      throws IOException, InterruptedException {
    if (route == null || !route.startsWith("/")) {
      throw new IllegalArgumentException(
          "route " + route + " does not start with '/'; routes look like /issues/false/1");
    }
    if (query == null) {
      throw new IllegalArgumentException("query is null; give \"\" when there is none");
    }
    if (query.startsWith("?")) {
      throw new IllegalArgumentException(
          "query " + IssuetrakSigner.quote(query) + " starts with '?'; give it without");
    }
    String url = baseUrl + route + (query.isEmpty() ? "" : "?" + query);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "URL " + IssuetrakSigner.quote(url) + " is not valid: " + e.getReason() + " at index "
              + e.getIndex() + "; percent-encode the route and query");
    }
    byte[] body = jsonBody == null ? new byte[0] : jsonBody;
    String requestId = requestIds.get();
    String timestamp = IssuetrakSigner.formatTimestamp(clock.instant());
    // Sign what is sent: the raw path and query of the URI the request goes to, the body bytes.
    IssuetrakSigner.SignedRequest signed =
        IssuetrakSigner.sign(apiKey, method, requestId, timestamp, uri.getRawPath(),
            query, body);

    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    signed.headers().forEach(request::header);
    if (jsonBody == null && method.equals("GET")) {
      request.GET(); // no body, no Content-Type, no "Content-Length: 0"
    } else if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", JSON_CONTENT_TYPE);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Response(method, uri, response.statusCode(), response.body());
  }

  @Override
  public String toString() {
    return "IssuetrakClient[" + baseUrl + "]"; // never the key
  }
}
