package dev.itk.stub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MalformedTimestampException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The stub's unsigned controls under {@code /__itk/} ({@code docs/stub.md#admin-routes}): health,
 * the clock, the replay cache, the record and the data. Every answer is JSON.
 */
final class AdminRoutes {
  private final StubServer server;

  AdminRoutes(StubServer server) {
    this.server = server;
  }

  StubResponse handle(String method, String rawPath, String rawQuery, byte[] body) {
    try {
      return route(method, rawPath.toLowerCase(Locale.ROOT), body);
    } catch (ApiError e) {
      return e.toResponse();
    }
  }

  private StubResponse route(String method, String path, byte[] body) {
    String route = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
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
        String time = field(body, "time");
        try {
          server.clock().freezeAt(IssuetrakTimestamp.parse(time).instant());
        } catch (MalformedTimestampException e) {
          throw ApiError.invalidArgument("time: " + e.getMessage());
        }
        return StubResponse.ok(clock());
      }
      case "/__itk/clock/shift" -> {
        allow(method, route, "POST");
        Duration by;
        try {
          by = DurationText.parse(field(body, "by"));
        } catch (IllegalArgumentException e) {
          throw ApiError.invalidArgument("by: " + e.getMessage());
        }
        server.clock().shift(by);
        return StubResponse.ok(clock());
      }
      case "/__itk/clock/reset" -> {
        allow(method, route, "POST");
        server.clock().reset();
        return StubResponse.ok(clock());
      }
      case "/__itk/replay-cache/clear" -> {
        allow(method, route, "POST");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("forgotten", server.forgetRequestIds());
        return StubResponse.ok(out);
      }
      case "/__itk/requests" -> {
        if (allow(method, route, "GET", "DELETE").equals("GET")) {
          return StubResponse.ok(RequestLog.toJson(server.log().all()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("cleared", server.log().clear());
        return StubResponse.ok(out);
      }
      case "/__itk/reset" -> {
        allow(method, route, "POST");
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
    out.set("clock", clock());
    out.put("recordedRequests", server.log().all().size());
    out.put("rememberedRequestIds", server.verifier().rememberedRequestIds());
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

  private static String field(byte[] body, String name) {
    JsonNode node;
    try {
      node = StubResponse.JSON.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400, "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || !v.isTextual()) {
      throw ApiError.invalidArgument(
          "the body must be a JSON object with a text field \"" + name + "\"");
    }
    return v.textValue();
  }
}
