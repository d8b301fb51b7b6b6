package dev.itk.stub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.diagnose.CaptureReaders;
import dev.itk.diagnose.CapturedRequest;
import dev.itk.diagnose.Cause;
import dev.itk.diagnose.Diagnoser;
import dev.itk.diagnose.Diagnosis;
import dev.itk.diagnose.DiagnosisBudget;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.VerificationError;
import dev.itk.signing.VerificationResult;
import dev.itk.stub.RecordCounts;
import dev.itk.stub.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The inspector ({@code docs/stub.md#the-inspector}): a page at {@code /__itk/ui} that lists the
 * requests the stub received, shows one with its canonical message and diagnosis, and diagnoses a
 * pasted capture as {@code itk diagnose} does.
 *
 * <p>Request data is hostile: every answer is JSON (or the page's own static files), and the page
 * builds its DOM with {@code textContent} under a strict Content-Security-Policy. No answer carries
 * a key, only fingerprints. {@link AdminRoutes} checks the loopback {@code Host} and bounds the
 * body before any route here runs; nothing here changes the stub, so no route needs the admin
 * token, but the paste route takes only {@code application/json}, which a cross-site form cannot
 * send without a CORS preflight ({@code docs/security.md}).
 */
final class InspectorRoutes {
  /** The page's path. */
  static final String PAGE = "/__itk/ui";

  /** The policy sent with every answer under {@value #PAGE}: only the page's own files run. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Requests in one answer of the list route, newest first. */
  static final int MAX_LISTED = 500;

  /** The most bytes of a body or message rendered into an answer. */
  static final int MAX_RENDERED_BYTES = 64 * 1024;

  // The page's own files; the icon keeps the browser from asking the stub for /favicon.ico, which
  // would be recorded as a refused request.
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "", new Asset("inspector.html", "text/html; charset=utf-8"),
          "/inspector.js", new Asset("inspector.js", "text/javascript; charset=utf-8"),
          "/inspector.css", new Asset("inspector.css", "text/css; charset=utf-8"),
          "/favicon.svg", new Asset("favicon.svg", "image/svg+xml"));

  private record Asset(String resource, String contentType) {}

  private final StubServer server;
  private final List<Diagnoser> diagnosers;
  private final List<String> fingerprints;
  private final DiagnosisBudget perKey;
  private final Semaphore running;

  InspectorRoutes(StubServer server) {
    this.server = server;
    StubSettings s = server.settings();
    this.diagnosers = s.keys().stream().map(k -> new Diagnoser(k, s.window())).toList();
    this.fingerprints = s.keys().stream().map(ApiKey::fingerprint).toList();
    this.perKey = perKey(s.keys().size());
    this.running = new Semaphore(s.maxConcurrentDiagnoses());
  }

  /** Whether {@code route} (lowercased, no trailing slash) is one of the inspector's. */
  static boolean owns(String route) {
    return route.equals(PAGE) || route.startsWith(PAGE + "/");
  }

  /** Answers a route under {@value #PAGE}; the Host check and the body bound are done. */
  StubResponse handle(Exchange e, String route) {
    String rest = route.substring(PAGE.length());
    StubResponse response;
    try {
      response = route(e, route, rest);
    } catch (ApiError error) {
      response = error.toResponse();
    }
    return response
        .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("Cache-Control", "no-store");
  }

  private StubResponse route(Exchange e, String route, String rest) {
    Asset asset = ASSETS.get(rest);
    if (asset != null) {
      allow(e, route, "GET");
      return new StubResponse(
          200, read(asset.resource()), Map.of("Content-Type", asset.contentType()));
    }
    if (rest.equals("/requests")) {
      allow(e, route, "GET");
      return StubResponse.ok(list(after(e.rawQuery())));
    }
    if (rest.startsWith("/requests/")) {
      allow(e, route, "GET");
      long seq = number(rest.substring("/requests/".length()), "the request's seq");
      RecordedRequest r =
          server.log().all().stream().filter(x -> x.sequence() == seq).findFirst().orElse(null);
      if (r == null) {
        throw new ApiError(
            404,
            "unknown-request",
            "no request " + seq + " in the record (it may have been dropped or cleared)");
      }
      return StubResponse.ok(detail(r));
    }
    if (rest.equals("/diagnose")) {
      allow(e, route, "POST");
      return StubResponse.ok(pasted(e));
    }
    throw new ApiError(
        404, "unknown-route", "no inspector route " + route + "; the page is at " + PAGE);
  }

  // ------------------------------------------------------------------ the list

  private ObjectNode list(long after) {
    List<RecordedRequest> all = server.log().all();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("baseUrl", server.baseUrl());
    ArrayNode keys = out.putArray("keys");
    fingerprints.forEach(keys::add);
    RecordCounts counts = server.log().counts();
    out.put("total", counts.total());
    out.put("kept", counts.kept());
    out.put("dropped", counts.dropped());
    out.put("oldestKept", all.isEmpty() ? counts.total() + 1 : all.get(0).sequence());
    ArrayNode requests = out.putArray("requests");
    for (int i = all.size() - 1; i >= 0 && requests.size() < MAX_LISTED; i--) {
      RecordedRequest r = all.get(i);
      if (r.sequence() <= after) {
        break;
      }
      ObjectNode o = requests.addObject();
      o.put("seq", r.sequence());
      o.put("time", r.time().toString());
      o.put("method", text(r.method()));
      o.put("target", target(r));
      o.put("verdict", r.verdict());
      o.put("status", r.status());
    }
    return out;
  }

  private static long after(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return 0;
    }
    if (!rawQuery.startsWith("after=")) {
      throw ApiError.invalidArgument("the only query is after=SEQ, e.g. ?after=12");
    }
    return number(rawQuery.substring("after=".length()), "after");
  }

  private static long number(String text, String what) {
    if (!text.matches("[0-9]{1,18}")) {
      throw ApiError.invalidArgument(
          what + " must be a number of 1 to 18 digits; got \"" + abbreviate(text) + "\"");
    }
    return Long.parseLong(text);
  }

  // ------------------------------------------------------------------ one request

  private ObjectNode detail(RecordedRequest r) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("seq", r.sequence());
    out.put("time", r.time().toString());
    out.put("method", text(r.method()));
    out.put("target", target(r));
    out.put("verdict", r.verdict());
    out.put("status", r.status());
    VerificationResult v = r.verification().orElse(null);
    out.put("detail", v == null ? "not checked (an admin route or a body too large)" : v.detail());
    out.put("keyFingerprint", v == null ? null : v.keyFingerprint().orElse(null));
    out.set("headers", headers(r.headers()));
    ObjectNode body = out.putObject("body");
    byte[] bytes = r.body();
    body.put("length", r.bodyLength());
    body.put("kept", r.bodyIsPrefix() || r.bodyTruncated() ? "prefix" : "whole");
    body.put("rendered", render(bytes));
    body.put("sha256", r.bodySha256().orElse(null));
    out.set("message", v == null ? null : message(v.message().orElse(null)));
    out.set("diagnosis", diagnosis(r, v));
    return out;
  }

  private static ArrayNode headers(List<HeaderLine> headers) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (HeaderLine h : headers) {
      ArrayNode line = out.addArray();
      line.add(latin1(h.name()));
      line.add(latin1(h.value()));
    }
    return out;
  }

  /** The canonical message field by field, each rendered. */
  private static JsonNode message(CanonicalMessage m) {
    if (m == null) {
      return null;
    }
    ArrayNode fields = JsonNodeFactory.instance.arrayNode();
    field(fields, "method", m.method());
    field(fields, "request ID", m.requestId());
    field(fields, "timestamp", m.timestamp());
    field(fields, "path", m.path());
    field(fields, "query", m.query());
    fields.addObject().put("name", "body").put("value", render(m.body()));
    return fields;
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("name", name).put("value", text(value));
  }

  private ObjectNode diagnosis(RecordedRequest r, VerificationResult v) {
    if (v == null || v.isValid()) {
      return null;
    }
    // the 401's rule: the same refusals are diagnosed
    if (!FailureDiagnosis.diagnosed(r.toReceivedRequest(server.settings().queryForm()), v)) {
      return status("not-applicable", "a " + v.code() + " refusal is explained by its detail");
    }
    if (r.bodyIsPrefix() || r.bodyTruncated()) {
      return status(
          "body-not-kept",
          "the stub kept only the first "
              + r.body().length
              + " of the body's "
              + r.bodyLength()
              + " bytes: run itk diagnose on the request as the client sent it");
    }
    ReceivedRequest received = r.toReceivedRequest(server.settings().queryForm());
    Set<String> seen =
        v.error().orElse(null) == VerificationError.REPLAYED_REQUEST_ID
            ? Set.copyOf(received.headerValues(SignatureHeaders.REQUEST_ID))
            : Set.of();
    return diagnose(received, r.time(), seen, diagnosers, fingerprints, perKey);
  }

  // ------------------------------------------------------------------ the paste box

  private ObjectNode pasted(Exchange e) {
    JsonNode body = jsonBody(e);
    String capture = textField(body, "capture", true);
    String format = textField(body, "format", false);
    String keyText = textField(body, "key", false);
    CapturedRequest captured = readCapture(capture, format == null ? "auto" : format);
    List<Diagnoser> with = diagnosers;
    List<String> named = fingerprints;
    DiagnosisBudget budget = perKey;
    String keySource = "stub";
    if (keyText != null && !keyText.isEmpty()) {
      ApiKey key;
      try {
        key = ApiKey.of(keyText);
      } catch (IllegalArgumentException bad) {
        throw ApiError.invalidArgument("key: " + bad.getMessage());
      }
      with = List.of(new Diagnoser(key, server.settings().window()));
      named = List.of(key.fingerprint());
      budget = DiagnosisBudget.SERVER;
      keySource = "pasted";
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode request = out.putObject("request");
    request.put("source", captured.source());
    request.put("method", text(captured.method()));
    request.put(
        "target", text(captured.rawPath() + captured.rawQuery().map(q -> "?" + q).orElse("")));
    request.set("headers", headers(captured.headers()));
    request.put("body", render(captured.body()));
    out.put("keySource", keySource);
    out.set(
        "diagnosis",
        diagnose(captured.toReceivedRequest(), clock(captured), Set.of(), with, named, budget));
    return out;
  }

  private static CapturedRequest readCapture(String capture, String format) {
    String source = "pasted " + format;
    byte[] bytes = capture.getBytes(StandardCharsets.UTF_8);
    try {
      return switch (format) {
        case "curl" -> CaptureReaders.curl(capture, source);
        case "raw-http" -> CaptureReaders.rawHttp(bytes, source);
        case "har" -> CaptureReaders.har(bytes, source, null);
        case "auto" ->
            capture.stripLeading().startsWith("curl")
                ? CaptureReaders.curl(capture, "pasted curl command")
                : CaptureReaders.detect(bytes, "pasted capture");
        default ->
            throw ApiError.invalidArgument(
                "format must be auto, curl, raw-http or har; got \"" + abbreviate(format) + "\"");
      };
    } catch (IllegalArgumentException unreadable) {
      String message = unreadable.getMessage();
      if (message != null && message.contains("--allow-files")) {
        message +=
            " (the inspector never reads a file a pasted command names: paste the body"
                + " with --data-raw instead)";
      }
      throw new ApiError(400, "unreadable-capture", message);
    }
  }

  /** The server's clock for a pasted request: its own timestamp, as {@code itk diagnose} does. */
  private static Instant clock(CapturedRequest r) {
    String text = r.header(SignatureHeaders.TIMESTAMP).orElse(null);
    if (text != null) {
      try {
        return IssuetrakTimestamp.parse(text).instant();
      } catch (IllegalArgumentException e) {
        // the diagnosis names a malformed timestamp itself
      }
    }
    return Instant.now();
  }

  private static JsonNode jsonBody(Exchange e) {
    String type = HeaderLine.first(e.headers(), "Content-Type").orElse(null);
    if (type == null
        || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw new ApiError(
          415,
          "unsupported-media-type",
          "send the body as JSON with Content-Type: application/json (a cross-site form cannot);"
              + " got "
              + (type == null ? "no Content-Type" : "\"" + abbreviate(type) + "\""));
    }
    try {
      JsonNode node = StubResponse.JSON.readTree(new String(e.body(), StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw ApiError.invalidArgument("the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException bad) {
      throw new ApiError(
          400, "malformed-json", "the body is not valid JSON: " + bad.getOriginalMessage());
    }
  }

  private static String textField(JsonNode body, String name, boolean required) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiError.invalidArgument("the body needs a text field \"" + name + "\"");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.invalidArgument("\"" + name + "\" must be text");
    }
    return v.textValue();
  }

  // ------------------------------------------------------------------ diagnosis

  /**
   * Diagnoses with each key in turn; the first whose diagnosis names a cause wins, else the first
   * key's. At most as many at once as the stub diagnoses 401s.
   */
  private ObjectNode diagnose(
      ReceivedRequest request,
      Instant now,
      Set<String> seen,
      List<Diagnoser> with,
      List<String> named,
      DiagnosisBudget budget) {
    if (!running.tryAcquire()) {
      return status("busy", "other diagnoses are running; select the request again in a moment");
    }
    try {
      Diagnosis chosen = null;
      String fingerprint = null;
      for (int i = 0; i < with.size(); i++) {
        Diagnosis d = with.get(i).diagnose(request, now, seen, budget);
        if (chosen == null || (chosen.causes().isEmpty() && !d.causes().isEmpty())) {
          chosen = d;
          fingerprint = named.get(i);
        }
        if (!d.causes().isEmpty()) {
          break;
        }
      }
      return toJson(chosen, fingerprint);
    } finally {
      running.release();
    }
  }

  private static ObjectNode toJson(Diagnosis d, String fingerprint) {
    ObjectNode out = status(d.complete() ? "complete" : "cut-short", d.complete() ? "" : d.limit());
    out.put("valid", d.valid());
    out.put("code", d.code());
    out.put("keyFingerprint", fingerprint);
    ArrayNode causes = out.putArray("causes");
    for (Cause c : d.causes()) {
      causes.addObject().put("id", c.id()).put("explanation", c.explanation()).put("fix", c.fix());
    }
    out.put("serverMessage", d.serverMessage());
    out.put("clientMessage", d.clientMessage());
    MessageDifference diff = MessageDifference.of(d.serverMessage(), d.clientMessage());
    out.set("serverMarked", diff == null ? null : diff.server());
    out.set("clientMarked", diff == null ? null : diff.client());
    return out;
  }

  private static ObjectNode status(String status, String detail) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("status", status);
    out.put("detail", detail);
    return out;
  }

  /** All keys together stay within {@link DiagnosisBudget#SERVER}, as the 401's diagnosis does. */
  private static DiagnosisBudget perKey(int keys) {
    DiagnosisBudget all = DiagnosisBudget.SERVER;
    int k = Math.max(1, keys);
    return new DiagnosisBudget(
        all.fixedHashedBytes() / k,
        Math.max(1, all.hashedBytesPerMessageByte() / k),
        all.largeBodyVariants(),
        all.renderedMessageBytes());
  }

  // ------------------------------------------------------------------ rendering

  private static String target(RecordedRequest r) {
    return text(r.path() + r.query().map(q -> "?" + q).orElse(""));
  }

  /** Text (UTF-8) rendered so that invisible characters show. */
  private static String text(String s) {
    return render(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A header name or value: one character per received octet. */
  private static String latin1(String s) {
    return render(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** {@code bytes} rendered, at most their first {@value #MAX_RENDERED_BYTES}. */
  static String render(byte[] bytes) {
    if (bytes.length <= MAX_RENDERED_BYTES) {
      return MessageRendering.render(bytes);
    }
    return MessageRendering.render(bytes, 0, MAX_RENDERED_BYTES)
        + "\n... ("
        + (bytes.length - MAX_RENDERED_BYTES)
        + " more bytes)";
  }

  private static void allow(Exchange e, String route, String method) {
    if (!e.method().equals(method)) {
      throw new ApiError(
              405,
              "method-not-allowed",
              "method " + text(e.method()) + " is not allowed on " + route + "; allowed: " + method)
          .allowing(method);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = InspectorRoutes.class.getResourceAsStream("inspector/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("the inspector's " + resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
