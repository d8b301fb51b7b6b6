package dev.itk.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.signing.QueryForm;
import dev.itk.signing.SignedRequest;
import java.util.Optional;

/**
 * The server answered, but not with success: a non-2xx status, or a 2xx body that is not what the
 * operation expects.
 *
 * <pre>{@code
 * try {
 *   client.getIssue(99, false);
 * } catch (IssuetrakApiException e) {
 *   e.status();    // 400
 *   e.errorCode(); // Optional[unknown-issue], from the stub's {"error": ...} body
 *   e.body();      // the raw body
 * }
 * }</pre>
 *
 * <p>A 401's message explains how to diagnose a signature mismatch and shows the canonical message
 * this client signed; it never contains the key or the signature the server expected. Rule: {@code
 * docs/client.md#responses-and-errors}.
 */
public final class IssuetrakApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY_IN_MESSAGE = 500;

  private final transient PreparedRequest request;
  private final int status;
  private final String body;
  private final String errorCode;
  private final String serverCanonicalMessage;

  private IssuetrakApiException(
      String message,
      PreparedRequest request,
      int status,
      String body,
      String errorCode,
      String serverCanonicalMessage,
      Throwable cause) {
    super(message, cause);
    this.request = request;
    this.status = status;
    this.body = body;
    this.errorCode = errorCode;
    this.serverCanonicalMessage = serverCanonicalMessage;
  }

  /**
   * The exception for a non-2xx answer.
   *
   * @param error the body parsed as JSON, or null when it is not JSON
   */
  static IssuetrakApiException forStatus(
      PreparedRequest request,
      int status,
      String body,
      JsonNode error,
      QueryForm queryForm,
      String keyFingerprint) {
    String code = text(error, "error");
    String serverMessage = status == 401 ? text(error, "canonicalMessage") : null;
    StringBuilder m =
        new StringBuilder(request.method())
            .append(' ')
            .append(request.uri())
            .append(" failed with HTTP ")
            .append(status);
    if (code != null) {
      m.append(" (").append(code).append(')');
    }
    String said = firstNonNull(text(error, "message"), text(error, "detail"));
    if (said != null) {
      m.append(": ").append(said);
    } else if (code == null && !body.isEmpty()) {
      m.append("; body: ").append(abbreviate(body));
    }
    if (status == 401) {
      appendSignatureDiagnosis(m, request, error, serverMessage, queryForm, keyFingerprint);
    }
    return new IssuetrakApiException(
        m.toString(), request, status, body, code, serverMessage, null);
  }

  /** The exception for a 2xx answer whose body is not the expected JSON. */
  static IssuetrakApiException forUnexpectedBody(
      PreparedRequest request, int status, String body, String expected, Exception cause) {
    String m =
        request.method()
            + " "
            + request.uri()
            + " answered HTTP "
            + status
            + " but the body is not "
            + expected
            + ": "
            + String.valueOf(cause.getMessage()).lines().findFirst().orElse("")
            + "; body: "
            + abbreviate(body);
    return new IssuetrakApiException(m, request, status, body, null, null, cause);
  }

  private static void appendSignatureDiagnosis(
      StringBuilder m,
      PreparedRequest request,
      JsonNode error,
      String serverMessage,
      QueryForm queryForm,
      String keyFingerprint) {
    SignedRequest signed = request.signed();
    m.append(
        "\nThe server did not accept this client's signature. To diagnose it, compare the"
            + " canonical message the server computed with the one this client signed, field by"
            + " field (method, request ID, timestamp, path, query, body).");
    String offset = text(error, "clockOffset");
    if (offset != null) {
      m.append("\nThe server's clock offset (timestamp minus server time): ").append(offset);
    }
    if (serverMessage != null) {
      String serverForm = text(error, "queryForm");
      m.append("\nserver computed")
          .append(serverForm == null ? "" : " (query form " + serverForm + ")")
          .append(":\n")
          .append(serverMessage);
    } else {
      m.append("\nThe server did not report the message it computed.");
    }
    m.append("\nthis client signed (query form ")
        .append(queryForm.label())
        .append(", key ")
        .append(keyFingerprint)
        .append("):\n")
        .append(signed.message().render())
        .append(
            "\nIf the messages are equal, the keys differ. Re-sign the same request by hand and"
                + " compare: ./itk sign --key-file KEY_FILE --method ")
        .append(request.method())
        .append(" --path ")
        .append(shellQuote(request.rawPath()));
    if (!signed.message().query().isEmpty()) {
      m.append(" --query ").append(shellQuote(signed.message().query()));
    }
    m.append(" --request-id ")
        .append(signed.message().requestId())
        .append(" --timestamp ")
        .append(signed.message().timestamp());
    if (signed.message().bodyLength() > 0) {
      m.append(" --body-file BODY_FILE (the request body's exact bytes)");
    }
    String hint = text(error, "hint");
    if (hint != null) {
      m.append("\nServer hint: ").append(hint);
    }
  }

  /** The HTTP status, e.g. 400; a 2xx when the body was not the expected JSON. */
  public int status() {
    return status;
  }

  /** The response body as received (decoded as UTF-8). */
  public String body() {
    return body;
  }

  /** The {@code error} code of a JSON error body, e.g. {@code read-only-field}. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** For a 401, the canonical message the server reports having computed, when it reports one. */
  public Optional<String> serverCanonicalMessage() {
    return Optional.ofNullable(serverCanonicalMessage);
  }

  /** The request that was sent (its signing stages included). */
  public PreparedRequest request() {
    return request;
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static String abbreviate(String body) {
    return body.length() <= MAX_BODY_IN_MESSAGE
        ? body
        : body.substring(0, MAX_BODY_IN_MESSAGE) + "... (" + body.length() + " characters)";
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
