package dev.itk.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.signing.ApiKey;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.QueryForm;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.RequestTarget;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The reference client for the Issuetrak REST API v1: every request signed with HMAC-SHA512, the
 * bytes sent exactly the bytes signed.
 *
 * <pre>{@code
 * IssuetrakClient client = IssuetrakClient.builder()
 *     .baseUrl("http://127.0.0.1:8089/NestedSite1/api/v1")
 *     .apiKey(ApiKey.of(System.getenv("ISSUETRAK_API_KEY")))
 *     .build();
 * ReadIssue issue = client.getIssue(1, false).body();
 * client.updateIssue(1, IssueEdit.subject("Printer fixed"));
 * }</pre>
 *
 * <p>Thread-safe: one instance serves any number of threads. Each operation has an {@code ...Async}
 * twin whose future fails with the same exceptions (as the cause of the {@code
 * CompletionException}). Non-2xx answers raise {@link IssuetrakApiException}; no answer raises
 * {@link IssuetrakTransportException}. Rule: {@code docs/client.md}.
 */
public final class IssuetrakClient {
  /** Connect timeout unless {@link Builder#connectTimeout} says otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Time allowed for each request's answer unless {@link Builder#requestTimeout} says otherwise.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final String JSON = "application/json";
  private static final String JSON_UTF8 = "application/json; charset=utf-8";

  private final BaseUrl baseUrl;
  private final String keyFingerprint;
  private final RequestSigner signer;
  private final QueryForm queryForm;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final JsonCodec json = new JsonCodec();

  private IssuetrakClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.keyFingerprint = b.apiKey.fingerprint();
    this.signer = RequestSigner.create(b.apiKey, b.clock, b.requestIds);
    this.queryForm = b.queryForm;
    this.requestTimeout = b.requestTimeout;
    this.http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(b.connectTimeout)
                .build();
  }

  /** A builder; {@code baseUrl} and {@code apiKey} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL requests are joined to, without a trailing slash. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** How the query field is signed ({@link QueryForm#RAW} unless configured). */
  public QueryForm queryForm() {
    return queryForm;
  }

  // ---------------------------------------------------------------- issues

  /** {@code GET /issues/{includeNotes}/{issueNumber}}: one issue, with its notes or without. */
  public ApiResponse<ReadIssue> getIssue(int issueNumber, boolean includeNotes) {
    return execute(issueRequest(issueNumber, includeNotes), reader(ReadIssue.class));
  }

  /** {@link #getIssue}, asynchronously. */
  public CompletableFuture<ApiResponse<ReadIssue>> getIssueAsync(
      int issueNumber, boolean includeNotes) {
    return defer(
        () -> executeAsync(issueRequest(issueNumber, includeNotes), reader(ReadIssue.class)));
  }

  /**
   * {@code GET /issues/{includeNotes}/?issueNumbers=1,2,3}: several issues, in the order asked.
   *
   * @throws IllegalArgumentException if the list is empty
   */
  public ApiResponse<List<ReadIssue>> getIssues(List<Integer> issueNumbers, boolean includeNotes) {
    return execute(issuesRequest(issueNumbers, includeNotes), listReader(ReadIssue.class));
  }

  /** {@link #getIssues}, asynchronously. */
  public CompletableFuture<ApiResponse<List<ReadIssue>>> getIssuesAsync(
      List<Integer> issueNumbers, boolean includeNotes) {
    return defer(
        () -> executeAsync(issuesRequest(issueNumbers, includeNotes), listReader(ReadIssue.class)));
  }

  /** {@code POST /issues}: creates an issue; the body is the new issue number. */
  public ApiResponse<Integer> createIssue(CreateIssue issue) {
    return execute(jsonRequest("POST", "/issues", issue), reader(Integer.class));
  }

  /** {@link #createIssue}, asynchronously. */
  public CompletableFuture<ApiResponse<Integer>> createIssueAsync(CreateIssue issue) {
    return defer(() -> executeAsync(jsonRequest("POST", "/issues", issue), reader(Integer.class)));
  }

  /**
   * Updates an issue by read-modify-write: {@code GET /issues/false/{issueNumber}} as a JSON tree,
   * removes the read-only fields ({@link UpdateIssueBody}), applies {@code change}, then {@code PUT
   * /issues} with the result. Fields the client does not model are sent back as read. The body is
   * the issue number.
   *
   * @param change receives the issue less its read-only fields; returns the body to send
   */
  public ApiResponse<Integer> updateIssue(int issueNumber, UnaryOperator<ObjectNode> change) {
    Objects.requireNonNull(change, "change");
    ApiResponse<JsonNode> read = execute(issueRequest(issueNumber, false), treeReader(true));
    return execute(updateRequest(read, change), reader(Integer.class));
  }

  /** {@link #updateIssue}, asynchronously. */
  public CompletableFuture<ApiResponse<Integer>> updateIssueAsync(
      int issueNumber, UnaryOperator<ObjectNode> change) {
    Objects.requireNonNull(change, "change");
    return defer(
        () ->
            executeAsync(issueRequest(issueNumber, false), treeReader(true))
                .thenCompose(
                    read ->
                        defer(
                            () ->
                                executeAsync(updateRequest(read, change), reader(Integer.class)))));
  }

  /** {@code POST /issues/search}: one page of issues matching the search. */
  public ApiResponse<IssueSearchResult> searchIssues(SearchIssues search) {
    return execute(jsonRequest("POST", "/issues/search", search), reader(IssueSearchResult.class));
  }

  /** {@link #searchIssues}, asynchronously. */
  public CompletableFuture<ApiResponse<IssueSearchResult>> searchIssuesAsync(SearchIssues search) {
    return defer(
        () ->
            executeAsync(
                jsonRequest("POST", "/issues/search", search), reader(IssueSearchResult.class)));
  }

  // ---------------------------------------------------------------- notes

  /** {@code GET /notes/{noteId}}: one note. */
  public ApiResponse<ReadNote> getNote(int noteId) {
    return execute(prepare("GET", "/notes/" + noteId, "", null), reader(ReadNote.class));
  }

  /** {@link #getNote}, asynchronously. */
  public CompletableFuture<ApiResponse<ReadNote>> getNoteAsync(int noteId) {
    return defer(
        () -> executeAsync(prepare("GET", "/notes/" + noteId, "", null), reader(ReadNote.class)));
  }

  /** {@code GET /notes/issue/{issueNumber}}: every note of an issue. */
  public ApiResponse<List<ReadNote>> getNotesOfIssue(int issueNumber) {
    return execute(
        prepare("GET", "/notes/issue/" + issueNumber, "", null), listReader(ReadNote.class));
  }

  /** {@link #getNotesOfIssue}, asynchronously. */
  public CompletableFuture<ApiResponse<List<ReadNote>>> getNotesOfIssueAsync(int issueNumber) {
    return defer(
        () ->
            executeAsync(
                prepare("GET", "/notes/issue/" + issueNumber, "", null),
                listReader(ReadNote.class)));
  }

  /** {@code POST /notes}: adds a note to an issue; the body is the new note ID. */
  public ApiResponse<Integer> createNote(CreateNote note) {
    return execute(jsonRequest("POST", "/notes", note), reader(Integer.class));
  }

  /** {@link #createNote}, asynchronously. */
  public CompletableFuture<ApiResponse<Integer>> createNoteAsync(CreateNote note) {
    return defer(() -> executeAsync(jsonRequest("POST", "/notes", note), reader(Integer.class)));
  }

  // ---------------------------------------------------------------- any route

  /**
   * Sends any signed request, e.g. {@code send("GET", "/users/admin/false", "", null)}. The body of
   * the answer is parsed as JSON when it is JSON, else left null (the text is always there).
   *
   * @param method upper case, e.g. {@code GET}
   * @param route the path after the base URL, starting with {@code /}, percent-encoded as it is to
   *     be sent, e.g. {@code /attachments/issue/1/false}
   * @param query the raw query without {@code ?}, sent as given; empty or null for none
   * @param body the exact body bytes; null or empty for none
   * @throws IllegalArgumentException naming the value and the rule it breaks
   */
  public ApiResponse<JsonNode> send(String method, String route, String query, byte[] body) {
    return execute(prepare(method, route, query, body), treeReader(false));
  }

  /** {@link #send}, asynchronously; bad arguments fail the future, not the call. */
  public CompletableFuture<ApiResponse<JsonNode>> sendAsync(
      String method, String route, String query, byte[] body) {
    return defer(() -> executeAsync(prepare(method, route, query, body), treeReader(false)));
  }

  /**
   * Signs a request without sending it: the exact method, URI, headers, body and signing stages the
   * client would send. {@link #execute(PreparedRequest)} sends it unchanged.
   *
   * @throws IllegalArgumentException naming the value and the rule it breaks (see {@link #send})
   */
  public PreparedRequest prepare(String method, String route, String query, byte[] body) {
    checkMethod(method);
    RequestTarget target = baseUrl.target(route, query);
    URI uri = baseUrl.uri(target);
    byte[] bytes = body == null ? new byte[0] : body.clone();
    SignedRequest signed =
        signer.sign(method, target.path(), queryForm.signedQuery(target.query()), bytes);
    List<HeaderLine> headers = new ArrayList<>(5);
    headers.add(new HeaderLine(SignatureHeaders.REQUEST_ID, signed.headers().requestId()));
    headers.add(new HeaderLine(SignatureHeaders.TIMESTAMP, signed.headers().timestamp()));
    headers.add(new HeaderLine(SignatureHeaders.AUTHORIZATION, signed.headers().authorization()));
    headers.add(new HeaderLine("Accept", JSON));
    if (bytes.length > 0) {
      headers.add(new HeaderLine("Content-Type", JSON_UTF8));
    }
    return new PreparedRequest(method, uri, headers, bytes, signed);
  }

  /** Sends a prepared request exactly as prepared (its timestamp may have aged meanwhile). */
  public ApiResponse<JsonNode> execute(PreparedRequest request) {
    return execute(request, treeReader(false));
  }

  /** {@link #execute(PreparedRequest)}, asynchronously. */
  public CompletableFuture<ApiResponse<JsonNode>> executeAsync(PreparedRequest request) {
    return executeAsync(request, treeReader(false));
  }

  /**
   * The JSON bytes the client sends for a DTO or a JSON tree: compact, UTF-8, null fields of the
   * DTOs left out. Serialized once; the same array is signed and sent.
   */
  public byte[] toJson(Object value) {
    return json.toBytes(Objects.requireNonNull(value, "value"));
  }

  @Override
  public String toString() {
    return "IssuetrakClient["
        + baseUrl
        + ", key "
        + keyFingerprint
        + ", query form "
        + queryForm.label()
        + "]";
  }

  // ---------------------------------------------------------------- requests

  private PreparedRequest issueRequest(int issueNumber, boolean includeNotes) {
    return prepare("GET", "/issues/" + includeNotes + "/" + issueNumber, "", null);
  }

  private PreparedRequest issuesRequest(List<Integer> issueNumbers, boolean includeNotes) {
    if (issueNumbers == null || issueNumbers.isEmpty()) {
      throw new IllegalArgumentException(
          "issueNumbers is "
              + (issueNumbers == null ? "missing" : "empty")
              + "; ask for at least one issue");
    }
    String list =
        issueNumbers.stream()
            .map(n -> String.valueOf(Objects.requireNonNull(n, "issue number in " + issueNumbers)))
            .collect(Collectors.joining(","));
    return prepare("GET", "/issues/" + includeNotes + "/", "issueNumbers=" + list, null);
  }

  private PreparedRequest jsonRequest(String method, String route, Object dto) {
    Objects.requireNonNull(dto, "body");
    return prepare(method, route, "", json.toBytes(dto));
  }

  private PreparedRequest updateRequest(
      ApiResponse<JsonNode> read, UnaryOperator<ObjectNode> change) {
    ObjectNode body = UpdateIssueBody.from(read.body());
    ObjectNode changed = change.apply(body);
    if (changed == null) {
      throw new IllegalArgumentException(
          "the update's change returned null; return the issue node it was given (changed)");
    }
    return prepare("PUT", "/issues", "", json.toBytes(changed));
  }

  // ---------------------------------------------------------------- sending

  @FunctionalInterface
  private interface BodyReader<T> {
    T read(byte[] bytes) throws IOException;

    default String describe() {
      return "the expected JSON";
    }
  }

  private <T> BodyReader<T> reader(Class<T> type) {
    JavaType javaType = json.type(type);
    return typed(javaType, "a JSON " + type.getSimpleName());
  }

  private <T> BodyReader<List<T>> listReader(Class<T> element) {
    JavaType javaType = json.listOf(element);
    return typed(javaType, "a JSON array of " + element.getSimpleName());
  }

  private <T> BodyReader<T> typed(JavaType type, String description) {
    return new BodyReader<>() {
      @Override
      public T read(byte[] bytes) throws IOException {
        T value = json.read(bytes, type);
        if (value == null) {
          throw new IOException("the body is JSON null");
        }
        return value;
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  // strict: the update must read a JSON object; send() tolerates any answer and keeps the text.
  private BodyReader<JsonNode> treeReader(boolean strict) {
    return new BodyReader<>() {
      @Override
      public JsonNode read(byte[] bytes) throws IOException {
        if (!strict) {
          try {
            JsonNode node = json.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
          } catch (IOException e) {
            return null;
          }
        }
        JsonNode node = json.readTree(bytes);
        if (node == null || !node.isObject()) {
          throw new IOException(
              "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
      }

      @Override
      public String describe() {
        return "a JSON issue object";
      }
    };
  }

  private <T> ApiResponse<T> execute(PreparedRequest request, BodyReader<T> reader) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(httpRequest(request), BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw transportFailure(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IssuetrakTransportException(request, "interrupted while waiting for the answer", e);
    }
    return toResponse(request, response, reader);
  }

  private <T> CompletableFuture<ApiResponse<T>> executeAsync(
      PreparedRequest request, BodyReader<T> reader) {
    return http.sendAsync(httpRequest(request), BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                throw cause instanceof IOException io
                    ? transportFailure(request, io)
                    : new IssuetrakTransportException(request, "failed: " + cause, cause);
              }
              return toResponse(request, response, reader);
            });
  }

  private HttpRequest httpRequest(PreparedRequest request) {
    byte[] body = request.bodyBytes();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri())
            .timeout(requestTimeout)
            .method(
                request.method(),
                body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    for (HeaderLine h : request.headers()) {
      b.header(h.name(), h.value());
    }
    return b.build();
  }

  private <T> ApiResponse<T> toResponse(
      PreparedRequest request, HttpResponse<byte[]> response, BodyReader<T> reader) {
    byte[] bytes = response.body() == null ? new byte[0] : response.body();
    String text = new String(bytes, StandardCharsets.UTF_8);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      JsonNode error;
      try {
        error = json.readTree(bytes);
      } catch (IOException e) {
        error = null;
      }
      throw IssuetrakApiException.forStatus(
          request, status, text, error, queryForm, keyFingerprint);
    }
    T body;
    try {
      body = reader.read(bytes);
    } catch (IOException | RuntimeException e) {
      throw IssuetrakApiException.forUnexpectedBody(request, status, text, reader.describe(), e);
    }
    return new ApiResponse<>(request, status, response.headers(), text, body);
  }

  private IssuetrakTransportException transportFailure(PreparedRequest request, IOException e) {
    String problem;
    if (e instanceof HttpConnectTimeoutException) {
      problem =
          "could not connect within "
              + http.connectTimeout().map(Duration::toString).orElse("the connect timeout");
    } else if (e instanceof HttpTimeoutException) {
      problem = "no answer within " + requestTimeout + " (the request timeout)";
    } else if (e instanceof ConnectException) {
      problem = "could not connect (connection refused or host unreachable)";
    } else {
      problem = "the exchange failed: " + e;
    }
    return new IssuetrakTransportException(request, problem, e);
  }

  // Runs a step that may throw before any future exists, so the async methods never throw.
  private static <T> CompletableFuture<T> defer(Step<T> step) {
    try {
      return step.start();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    CompletableFuture<T> start();
  }

  // ---------------------------------------------------------------- validation

  private static void checkMethod(String method) {
    if (method == null || method.isEmpty()) {
      throw new IllegalArgumentException("method is missing; use an upper-case method, e.g. GET");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c < 'A' || c > 'Z') {
        throw new IllegalArgumentException(
            "method \""
                + method
                + "\" must be upper-case letters, e.g. GET: the signature covers the method"
                + " exactly as sent");
      }
    }
  }

  /** Configures an {@link IssuetrakClient}. */
  public static final class Builder {
    private BaseUrl baseUrl;
    private ApiKey apiKey;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private boolean connectTimeoutSet;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private RequestIdSource requestIds = RequestIdSource.randomUuids();
    private QueryForm queryForm = QueryForm.RAW;
    private HttpClient httpClient;

    private Builder() {}

    /**
     * The site's API base URL, site folders and {@code /api/v1} included, e.g. {@code
     * http://127.0.0.1:8089/NestedSite1/api/v1}; a trailing slash is fine.
     *
     * @throws IllegalArgumentException naming the value, unless it is an absolute http or https URL
     *     with a host, no query, no fragment, no user info and no empty path segment
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = BaseUrl.parse(baseUrl);
      return this;
    }

    /** The API key; the signer is keyed once, when the client is built. */
    public Builder apiKey(ApiKey apiKey) {
      if (apiKey == null) {
        throw new IllegalArgumentException("apiKey is missing; use ApiKey.of(keyText)");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * How long to wait for a connection; {@link #DEFAULT_CONNECT_TIMEOUT} by default. Not allowed
     * with {@link #httpClient}: set it on that client.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      this.connectTimeoutSet = true;
      return this;
    }

    /** How long to wait for each answer; {@link #DEFAULT_REQUEST_TIMEOUT} by default. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive("requestTimeout", requestTimeout);
      return this;
    }

    /** The clock timestamps are taken from; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock is missing; omit it for the system UTC clock");
      }
      this.clock = clock;
      return this;
    }

    /** Where request IDs come from; random lowercase UUIDs by default. */
    public Builder requestIds(RequestIdSource requestIds) {
      if (requestIds == null) {
        throw new IllegalArgumentException(
            "requestIds is missing; omit it for random lowercase UUIDs");
      }
      this.requestIds = requestIds;
      return this;
    }

    /**
     * How the query is signed; {@link QueryForm#RAW} (as sent, without {@code ?}) by default. The
     * query is always sent raw; only the signed field changes.
     */
    public Builder queryForm(QueryForm queryForm) {
      if (queryForm == null) {
        throw new IllegalArgumentException(
            "queryForm is missing; use one of raw, with-?, decoded, empty (QueryForm.ofLabel)");
      }
      this.queryForm = queryForm;
      return this;
    }

    /**
     * The JDK HTTP client to send with, e.g. one with a proxy or an executor of your own. By
     * default the client builds one: HTTP/1.1, no redirects (a redirect would resend a signature
     * made for another path), {@link #connectTimeout}.
     */
    public Builder httpClient(HttpClient httpClient) {
      if (httpClient == null) {
        throw new IllegalArgumentException("httpClient is missing; omit it for the default");
      }
      this.httpClient = httpClient;
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException if {@code baseUrl} or {@code apiKey} is missing, or if both
     *     {@code connectTimeout} and {@code httpClient} were set
     */
    public IssuetrakClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException(
            "baseUrl is required, e.g. http://127.0.0.1:8089/NestedSite1/api/v1");
      }
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is required; use ApiKey.of(keyText)");
      }
      if (httpClient != null && connectTimeoutSet) {
        throw new IllegalStateException(
            "connectTimeout belongs to the HttpClient; set it on the httpClient you pass");
      }
      return new IssuetrakClient(this);
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, e.g. PT10S; got " + d);
      }
      return d;
    }
  }
}
