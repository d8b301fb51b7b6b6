package dev.itk.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.signing.ApiKey;
import dev.itk.signing.QueryForm;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Drives a stub the way a careful client does, with plain {@link HttpClient} (HTTP/1.1) and
 * core-java's {@link RequestSigner}: a fixed clock and request IDs {@code
 * 00000000-0000-4000-8000-000000000001}, {@code ...0002}, ... so every message is predictable.
 */
final class StubClient {
  /** The tests' fixed time; the stubs under test use the same clock. */
  static final Instant T0 = Instant.parse("2014-09-10T17:28:08.322735100Z");

  static final String T0_TEXT = "2014-09-10T17:28:08.3227351Z";
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  static final ApiKey KEY =
      ApiKey.of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=");
  static final ApiKey OTHER_KEY = ApiKey.of("second-client-key");
  static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final String origin;
  private final RequestSigner signer;
  private final QueryForm queryForm;
  private final AtomicInteger ids = new AtomicInteger();

  StubClient(IssuetrakStub stub, ApiKey key, QueryForm queryForm) {
    this.origin = "http://127.0.0.1:" + stub.port();
    this.signer = RequestSigner.create(key, CLOCK, this::nextId);
    this.queryForm = queryForm;
  }

  StubClient(IssuetrakStub stub, ApiKey key) {
    this(stub, key, QueryForm.RAW);
  }

  StubClient(IssuetrakStub stub) {
    this(stub, KEY);
  }

  /** The request ID number {@code n}, as this client makes them. */
  static String id(int n) {
    return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", n);
  }

  private String nextId() {
    return id(ids.incrementAndGet());
  }

  /** An answer: status, body bytes, headers. */
  record Reply(int status, byte[] body, Map<String, String> headers) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }
  }

  /** Signs and sends {@code method} {@code target} (raw path and query) with no body. */
  Reply send(String method, String target) {
    return send(method, target, new byte[0]);
  }

  /** Signs and sends a JSON text body, UTF-8 encoded once. */
  Reply send(String method, String target, String json) {
    return send(method, target, json.getBytes(StandardCharsets.UTF_8));
  }

  Reply send(String method, String target, byte[] body) {
    return send(method, target, body, s -> s, r -> r);
  }

  /**
   * Signs {@code method target body}, lets {@code tamper} change the signed headers, builds the
   * request and lets {@code edit} change it before sending: how the rejection tests make one thing
   * differ from what was signed.
   */
  Reply send(
      String method,
      String target,
      byte[] body,
      UnaryOperator<Map<String, String>> tamper,
      UnaryOperator<HttpRequest.Builder> edit) {
    URI uri = URI.create(origin + target);
    String query = queryForm.signedQuery(uri.getRawQuery());
    SignedRequest signed = signer.sign(method, uri.getRawPath(), query, body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (body.length > 0) {
      b.header("Content-Type", "application/json; charset=utf-8");
    }
    b.header("Accept", "application/json");
    tamper.apply(new LinkedHashMap<>(signed.headers().asMap())).forEach(b::header);
    return exchange(edit.apply(b).build());
  }

  /** Sends a request as built, unsigned. */
  static Reply exchange(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      return new Reply(r.statusCode(), r.body(), headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Unsigned GET of an admin or other URL. */
  static Reply get(String url) {
    return exchange(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /**
   * An admin call as documented: {@code route} under the admin URL, with the stub's admin token
   * and, when there is a body, {@code Content-Type: application/json}.
   */
  static Reply admin(IssuetrakStub stub, String method, String route, String json) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(stub.adminUrl() + route))
            .method(method, body)
            .header("X-Itk-Admin-Token", stub.adminToken());
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return exchange(b.build());
  }

  /** Unsigned request with a JSON body (or none when {@code json} is null). */
  static Reply call(String method, String url, String json) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    return exchange(HttpRequest.newBuilder(URI.create(url)).method(method, body).build());
  }
}
