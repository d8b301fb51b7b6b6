package dev.itk.stub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A status and a JSON body, as the stub answers every request.
 *
 * <pre>{@code
 * StubResponse.error(400, "unknown-issue", "issue 99 does not exist");
 * // 400 {"error":"unknown-issue","message":"issue 99 does not exist"}
 * }</pre>
 *
 * @param status the HTTP status
 * @param body the exact body bytes (UTF-8 JSON)
 * @param headers extra response headers besides {@code Content-Type}
 */
public record StubResponse(int status, byte[] body, Map<String, String> headers) {
  /** The content type of every answer. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  static final ObjectMapper JSON = new ObjectMapper();

  public StubResponse {
    headers = Map.copyOf(headers);
  }

  /** {@code status} with {@code body} serialized once to UTF-8 JSON. */
  public static StubResponse json(int status, Object body) {
    try {
      return new StubResponse(status, JSON.writeValueAsBytes(body), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a stub answer", e);
    }
  }

  /** The body as text (it is always UTF-8 JSON). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The kit's error body: {@code {"error": code, "message": message}}. */
  public static StubResponse error(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return json(status, body);
  }

  /** This response with one more header. */
  StubResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new StubResponse(status, body, more);
  }

  static StubResponse ok(JsonNode body) {
    return json(200, body);
  }
}
