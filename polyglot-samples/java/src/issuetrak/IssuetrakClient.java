package issuetrak;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sends signed requests to an Issuetrak API v1 site with the JDK's {@link HttpClient} (HTTP/1.1,
 * redirects not followed, a timeout): one method per operation, and {@link #send} for any other
 * route.
 *
 * <pre>{@code
 * var client = new IssuetrakClient("https://site.example/NestedSite1/api/v1", key,
 *     Clock.systemUTC(), IssuetrakClient.randomRequestIds(), Duration.ofSeconds(30));
 * var issue = client.getIssue(1, false);  // GET .../NestedSite1/api/v1/issues/false/1
 * var note = client.createNote(Map.of("IssueNumber", 1, "NoteText", "Called"));
 * }</pre>
 *
 * <p>The clock and the request IDs are injected, so a run can be reproduced. The key is never
 * printed, logged or put in an exception message.
 */
public final class IssuetrakClient {
  public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  /** Fields the server refuses in an update; the vendor's Python sample deletes them too. */
  public static final List<String> READ_ONLY_ISSUE_FIELDS =
      List.of(
          "Metadata", "ExtensionData", "Notes", "SubmittedDate", "SLAComplianceStatus", "Slaid");

  /** Fields refused inside each element of an issue's {@code UserDefinedFields}. */
  public static final List<String> READ_ONLY_USER_DEFINED_FIELD_FIELDS =
      List.of("ExtensionData", "Metadata", "DisplayName");

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

  /** The two exchanges of {@link #updateIssue}: the issue as read, then as written back. */
  public record Update(Response read, Response written) {}

  /** An answer that is not 2xx where the next step needed one. */
  public static final class ApiException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Response response;

    public ApiException(Response response) {
      super(
          "%s %s answered %d: %s"
              .formatted(response.method(), response.uri(), response.status(), response.text()));
      this.response = response;
    }

    public Response response() {
      return response;
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

  public static String parseBaseUrl(String text, String name) {
    String example = "e.g. http://127.0.0.1:8089/api/v1";
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(
          name + " is empty; give the site's API base URL, " + example);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            name
                + " "
                + IssuetrakSigner.quote(text)
                + " has "
                + IssuetrakSigner.quote(String.valueOf(c))
                + " at index "
                + i
                + "; a URL is printable ASCII without"
                + " spaces (percent-encode anything else as UTF-8)");
      }
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          name
              + " "
              + IssuetrakSigner.quote(text)
              + " is not a URL: "
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "; "
              + example);
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
          name
              + " has user info before the host; the API is authorized by the signature only,"
              + " remove it");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          name
              + " "
              + IssuetrakSigner.quote(text)
              + " has a query or fragment; give the base"
              + " URL only, "
              + example);
    }
    String trimmed = text;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** {@code GET {base}/issues/{includeNotes}/{issueNumber}}: one issue. */
  public Response getIssue(int issueNumber, boolean includeNotes)
      throws IOException, InterruptedException {
    return send("GET", "/issues/%s/%d".formatted(includeNotes, positive(issueNumber)), "", null);
  }

  /**
   * {@code GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3}: several issues, in the order
   * asked; the query is sent and signed raw.
   */
  public Response getIssues(List<Integer> issueNumbers, boolean includeNotes)
      throws IOException, InterruptedException {
    if (issueNumbers.isEmpty()) {
      throw new IllegalArgumentException("issueNumbers is empty; ask for at least one issue");
    }
    var numbers = issueNumbers.stream().map(String::valueOf).collect(Collectors.joining(","));
    return send("GET", "/issues/%s/".formatted(includeNotes), "issueNumbers=" + numbers, null);
  }

  /** {@code POST {base}/issues}: a new issue; the answer is its number. */
  public Response createIssue(Map<String, ?> issue) throws IOException, InterruptedException {
    return send("POST", "/issues", "", json(issue));
  }

  /** {@code PUT {base}/issues}: an issue written back (see {@link #updateBody}). */
  public Response putIssue(Map<String, ?> issue) throws IOException, InterruptedException {
    return send("PUT", "/issues", "", json(issue));
  }

  /**
   * Reads an issue, drops the read-only fields, sets {@code changes} in place and puts it back.
   *
   * @throws ApiException when the read is refused: the write needs its answer
   */
  public Update updateIssue(
      int issueNumber,
      Map<String, ?> changes,
      List<String> readOnlyIssueFields,
      List<String> readOnlyUserDefinedFieldFields)
      throws IOException, InterruptedException {
    var read = getIssue(issueNumber, false);
    if (!read.ok()) {
      throw new ApiException(read);
    }
    if (!(Json.parse(read.text()) instanceof Map<?, ?> issue)) {
      throw new IOException("GET " + read.uri() + " answered JSON that is not an object");
    }
    var body = updateBody(issue, changes, readOnlyIssueFields, readOnlyUserDefinedFieldFields);
    return new Update(read, putIssue(body));
  }

  /**
   * The body of an update: the issue as read less the read-only fields (also inside each element of
   * {@code UserDefinedFields}), with {@code changes} set in place. Every other member keeps its
   * position, unknown ones included; a new member goes last.
   */
  public static Map<String, Object> updateBody(
      Map<?, ?> issue,
      Map<String, ?> changes,
      List<String> readOnlyIssueFields,
      List<String> readOnlyUserDefinedFieldFields) {
    var body = without(issue, readOnlyIssueFields);
    if (body.get("UserDefinedFields") instanceof List<?> fields) {
      body.put(
          "UserDefinedFields",
          fields.stream()
              .map(f -> f instanceof Map<?, ?> m ? without(m, readOnlyUserDefinedFieldFields) : f)
              .toList());
    }
    body.putAll(changes);
    return body;
  }

  /** {@code POST {base}/notes}: a new note; the answer is its ID. */
  public Response createNote(Map<String, ?> note) throws IOException, InterruptedException {
    return send("POST", "/notes", "", json(note));
  }

  /** {@code GET {base}/notes/{noteId}}. */
  public Response getNote(int noteId) throws IOException, InterruptedException {
    return send("GET", "/notes/" + positive(noteId), "", null);
  }

  /** {@code GET {base}/notes/issue/{issueNumber}}: every note of one issue. */
  public Response getNotesOfIssue(int issueNumber) throws IOException, InterruptedException {
    return send("GET", "/notes/issue/" + positive(issueNumber), "", null);
  }

  /**
   * {@code POST {base}/issues/search} with a SearchIssueDTO ({@code QuerySetDefinitions}, {@code
   * QueryOrderingDefinitions}, {@code PageIndex}, {@code PageSize}, ...).
   */
  public Response searchIssues(Map<String, ?> criteria) throws IOException, InterruptedException {
    return send("POST", "/issues/search", "", json(criteria));
  }

  /**
   * Signs and sends one request, for any route: {@code route} starts with {@code /} and is appended
   * to the base URL; {@code query} is the raw query without {@code ?} ({@code ""} for none), sent
   * and signed as given, escapes kept; {@code body} is the exact bytes sent and signed, with {@code
   * Content-Type: application/json; charset=utf-8}, or {@code null} for no body (and no
   * Content-Type). For example {@code send("GET", "/issuetypes",
   * "name=Hardware%20%26%20Network&active=true", null)}.
   */
  public Response send(String method, String route, String query, byte[] body)
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
    var url = baseUrl + route + (query.isEmpty() ? "" : "?" + query);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "URL %s is not valid: %s at index %d; percent-encode the route and query"
              .formatted(IssuetrakSigner.quote(url), e.getReason(), e.getIndex()));
    }
    var requestId = requestIds.get();
    var timestamp = IssuetrakSigner.formatTimestamp(clock.instant());
    // Sign what is sent: the raw path and query of the URI the request goes to, the body bytes.
    var signed =
        IssuetrakSigner.sign(
            apiKey,
            method,
            requestId,
            timestamp,
            uri.getRawPath(),
            query,
            body == null ? new byte[0] : body);

    var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    signed.headers().forEach(request::header);
    if (body == null) {
      request.method(method, BodyPublishers.noBody()); // no body, no Content-Type
    } else {
      request.header("Content-Type", JSON_CONTENT_TYPE);
      request.method(method, BodyPublishers.ofByteArray(body));
    }
    var response = http.send(request.build(), BodyHandlers.ofByteArray());
    return new Response(method, uri, response.statusCode(), response.body());
  }

  @Override
  public String toString() {
    return "IssuetrakClient[" + baseUrl + "]"; // never the key
  }

  private static byte[] json(Map<String, ?> value) {
    return Json.write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> without(Map<?, ?> object, List<String> names) {
    var copy = new LinkedHashMap<String, Object>();
    object.forEach(
        (name, value) -> {
          if (!names.contains(name)) {
            copy.put((String) name, value);
          }
        });
    return copy;
  }

  private static int positive(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("number " + number + " is not positive");
    }
    return number;
  }
}
