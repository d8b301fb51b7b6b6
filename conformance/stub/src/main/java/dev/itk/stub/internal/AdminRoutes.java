package dev.itk.stub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MalformedTimestampException;
import dev.itk.stub.RecordCounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The stub's unsigned controls under {@code /__itk/} ({@code docs/stub.md#admin-routes}): health,
 * the clock, the replay cache, the record and the data. Every answer is JSON.
 *
 * <p>Guarded, since anything on the machine (and a web page, through DNS rebinding) can reach them:
 * a {@code Host} other than a loopback name is refused on every route; every route that changes
 * something ({@code POST}, {@code DELETE}) needs the admin token in {@value #TOKEN_HEADER}; a body
 * is at most {@value #MAX_BODY_BYTES} bytes, and must be {@code application/json} where a route
 * reads one. No admin call can leave the stub unable to serve: clock moves that would take the
 * clock outside what a timestamp can show are refused.
 */
final class AdminRoutes {
  /** The header that carries the admin token. */
  static final String TOKEN_HEADER = "X-Itk-Admin-Token";

  static final int MAX_BODY_BYTES = 64 * 1024;

  /** Host names a request from this machine's own clients carries; an optional port follows. */
  private static final Pattern LOOPBACK_HOST =
      Pattern.compile("(?i)(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?");

  private final StubServer server;
  private final byte[] token;
  private final InspectorRoutes inspector;

  AdminRoutes(StubServer server) {
    this.server = server;
    this.token = server.settings().adminToken().getBytes(StandardCharsets.UTF_8);
    this.inspector = new InspectorRoutes(server);
  }

  StubResponse handle(Exchange e) {
    try {
      checkHost(e.headers());
      if (e.body().length > MAX_BODY_BYTES) {
        throw new ApiError(
            413,
            "body-too-large",
            "an admin request's body is at most "
                + MAX_BODY_BYTES
                + " bytes; got "
                + e.body().length);
      }
      return route(e, e.rawPath().toLowerCase(Locale.ROOT));
    } catch (ApiError error) {
      return error.toResponse();
    }
  }

  private static void checkHost(List<HeaderLine> headers) {
    for (HeaderLine h : headers) {
      if (h.hasName("Host") && !LOOPBACK_HOST.matcher(h.value().strip()).matches()) {
        throw new ApiError(
            403,
            "forbidden-host",
            "the admin routes answer only requests addressed to 127.0.0.1, localhost or [::1]; Host"
                + " was \""
                + abbreviate(h.value())
                + "\" (a page on another site reaching the stub through DNS rebinding looks like"
                + " this)");
      }
    }
  }

  /**
   * Refuses a request that changes the stub without the admin token (compared in constant time).
   */
  private void requireToken(Exchange e, String route) {
    List<String> sent = HeaderLine.values(e.headers(), TOKEN_HEADER);
    if (sent.isEmpty()) {
      throw new ApiError(
          401,
          "admin-token-required",
          e.method()
              + " "
              + route
              + " changes the stub: send the admin token it printed at start (or was given) in "
              + TOKEN_HEADER);
    }
    if (sent.size() > 1
        || !MessageDigest.isEqual(sent.get(0).strip().getBytes(StandardCharsets.UTF_8), token)) {
      throw new ApiError(
          403,
          "admin-token-wrong",
          TOKEN_HEADER + " is not this stub's admin token (send it once, as printed at start)");
    }
  }

  private StubResponse route(Exchange e, String path) {
    String route = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (InspectorRoutes.owns(route)) {
      return inspector.handle(e, route);
    }
    String method = e.method();
    switch (route) {
      case "/__itk/health" -> {
        allow(method, route, "GET");
        return StubResponse.ok(health());
      }
      case "/__itk/clock" -> {
        allow(method, route, "GET");
        return StubResponse.ok(clock());
      }
      case "/__itk/clock/set" -> {
        allow(method, route, "POST");
        requireToken(e, route);
        String time = field(e, "time");
        try {
          server.clock().freezeAt(IssuetrakTimestamp.parse(time).instant());
        } catch (MalformedTimestampException bad) {
          throw ApiError.invalidArgument("time: " + bad.getMessage());
        } catch (IllegalArgumentException outOfRange) {
          throw ApiError.invalidArgument("time: " + outOfRange.getMessage());
        }
        return StubResponse.ok(clock());
      }
      case "/__itk/clock/shift" -> {
        allow(method, route, "POST");
        requireToken(e, route);
        String text = field(e, "by");
        try {
          Duration by = DurationText.parse(text);
          server.clock().shift(by);
        } catch (IllegalArgumentException bad) {
          throw ApiError.invalidArgument("by: " + bad.getMessage());
        }
        return StubResponse.ok(clock());
      }
      case "/__itk/clock/reset" -> {
        allow(method, route, "POST");
        requireToken(e, route);
        noBody(e, route);
        server.clock().reset();
        return StubResponse.ok(clock());
      }
      case "/__itk/replay-cache/clear" -> {
        allow(method, route, "POST");
        requireToken(e, route);
        noBody(e, route);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("forgotten", server.forgetRequestIds());
        return StubResponse.ok(out);
      }
      case "/__itk/requests" -> {
        if (allow(method, route, "GET", "DELETE").equals("GET")) {
          return StubResponse.ok(server.log().toJson());
        }
        requireToken(e, route);
        noBody(e, route);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("cleared", server.log().clear());
        return StubResponse.ok(out);
      }
      case "/__itk/reset" -> {
        allow(method, route, "POST");
        requireToken(e, route);
        noBody(e, route);
        server.data().reset();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("reset", "data");
        out.put("issues", server.data().issueNumbers().size());
        return StubResponse.ok(out);
      }
      default ->
          throw new ApiError(
              404,
              "unknown-route",
              "no admin route " + path + "; see GET /__itk/health and docs/stub.md#admin-routes");
    }
  }

  private ObjectNode health() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("status", "ok");
    out.put("baseUrl", server.baseUrl());
    ArrayNode keys = out.putArray("keys");
    server.settings().keys().forEach(k -> keys.add(k.fingerprint()));
    out.put("window", server.settings().window().toString());
    out.put("replayCheck", server.settings().replayCheck());
    out.put("queryForm", server.settings().queryForm().label());
    out.put("maxBodyBytes", server.settings().maxBodyBytes());
    out.put("diagnosis", server.settings().diagnosis());
    out.set("clock", clock());
    RecordCounts counts = server.log().counts();
    out.put("recordedRequests", counts.kept());
    ObjectNode record = out.putObject("record");
    record.put("kept", counts.kept());
    record.put("keptBytes", counts.keptBytes());
    record.put("dropped", counts.dropped());
    record.put("droppedBytes", counts.droppedBytes());
    record.put("total", counts.total());
    record.put("maxRequests", server.log().limits().maxRequests());
    record.put("maxBytes", server.log().limits().maxBytes());
    out.put("rememberedRequestIds", server.verifier().rememberedRequestIds());
    IssuetrakData.DataCounts data = server.data().counts();
    ObjectNode d = out.putObject("data");
    d.put("issues", data.issues());
    d.put("notes", data.notes());
    d.put("created", data.created());
    d.put("createdBytes", data.createdBytes());
    d.put("droppedIssues", data.droppedIssues());
    d.put("droppedNotes", data.droppedNotes());
    d.put("maxCreatedItems", server.settings().dataLimits().maxCreated());
    d.put("maxCreatedBytes", server.settings().dataLimits().maxCreatedBytes());
    return out;
  }

  private ObjectNode clock() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("now", IssuetrakTimestamp.format(server.clock().instant()));
    out.put("frozen", server.clock().isFrozen());
    out.put("offset", server.clock().offsetFromBase().toString());
    return out;
  }

  private static String allow(String method, String route, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return a;
      }
    }
    String list = String.join(", ", allowed);
    throw new ApiError(
            405,
            "method-not-allowed",
            "method " + method + " is not allowed on " + route + "; allowed: " + list)
        .allowing(list);
  }

  private static void noBody(Exchange e, String route) {
    if (e.body().length > 0) {
      throw ApiError.invalidArgument(
          e.method() + " " + route + " takes no body; got " + e.body().length + " bytes");
    }
  }

  /** A text field of the JSON object body, which must be sent as {@code application/json}. */
  private static String field(Exchange e, String name) {
    String type = HeaderLine.first(e.headers(), "Content-Type").orElse(null);
    if (type == null
        || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw new ApiError(
          415,
          "unsupported-media-type",
          "send the body as JSON with Content-Type: application/json; got "
              + (type == null ? "no Content-Type" : "\"" + abbreviate(type) + "\""));
    }
    JsonNode node;
    try {
      node = StubResponse.JSON.readTree(new String(e.body(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException bad) {
      throw new ApiError(
          400, "malformed-json", "the body is not valid JSON: " + bad.getOriginalMessage());
    }
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || !v.isTextual()) {
      throw ApiError.invalidArgument(
          "the body must be a JSON object with a text field \"" + name + "\"");
    }
    return v.textValue();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
