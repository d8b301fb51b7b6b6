package dev.itk.diagnose;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of known client mistakes: each a named variant of the scheme the diagnosis tries
 * against a received signature, with a one-line explanation and the fix. The ids are stable.
 */
public enum Mistake {
  PATH_NOT_LOWERCASED(
      "path-not-lowercased",
      "the client signed the path as sent, without lowercasing it",
      "lowercase the path (invariant culture) before signing; send it as you like"),
  PATH_FULL_URL(
      "path-full-url",
      "the client signed the absolute URL (scheme and host included) instead of the path",
      "sign only the URL's path component, e.g. /nestedsite1/api/v1/issues/false/1"),
  PATH_MISSING_SITE_PREFIX(
      "path-missing-site-prefix",
      "the client signed the path from /api/v1 on, without the site's folders before it",
      "sign the whole path as sent, site folders included (/nestedsite1/nestedsite2/api/v1/...)"),
  DOUBLE_SLASH(
      "double-slash",
      "the URL sent has a double slash but the client signed the path with single slashes",
      "join the base URL and the route without doubling '/', or sign exactly the path sent"),
  TRAILING_SLASH(
      "trailing-slash",
      "the path signed and the path sent differ by a trailing slash",
      "sign exactly the path that is sent, trailing slash and all"),
  QUERY_NOT_SIGNED(
      "query-not-signed",
      "the request has a query, but the client signed an empty query field",
      "sign the raw query (without '?') in the query field"),
  QUERY_WITH_QUESTION_MARK(
      "query-with-question-mark",
      "the client signed the query with its leading '?'",
      "sign the query without the '?'"),
  QUERY_DECODED(
      "query-decoded",
      "the client signed the query decoded ('+' as space, %XX decoded) instead of as sent",
      "sign the raw query exactly as it appears in the URL"),
  BODY_NOT_SIGNED(
      "body-not-signed",
      "the request has a body, but the client signed an empty body field",
      "sign the exact body bytes that are sent"),
  BODY_RESERIALIZED(
      "body-reserialized",
      "the client signed another serialization of the same JSON (other whitespace or escaping)",
      "serialize the body once and sign and send those same bytes"),
  BODY_LATIN1(
      "body-latin1",
      "the body sent is the ISO-8859-1 encoding of text the client signed as UTF-8",
      "encode the body as UTF-8 once; send those bytes (Python: pass bytes to http.client, not str)"),
  BODY_TRAILING_NEWLINE(
      "body-trailing-newline",
      "the body signed and the body sent differ by a trailing line feed",
      "sign exactly the body bytes sent; do not add or strip a final newline"),
  BODY_CRLF(
      "body-crlf",
      "the body signed and the body sent differ in line endings (CRLF vs LF)",
      "sign exactly the body bytes sent; do not let a text layer convert line endings"),
  TIMESTAMP_FORMAT(
      "timestamp-format",
      "the client signed another rendering of the same instant than the timestamp header carries",
      "sign the timestamp header's exact text: yyyy-MM-ddTHH:mm:ss.fffffffZ, 7 digits"),
  REQUEST_ID_CASE(
      "request-id-case",
      "the client signed the request ID in another letter case than the header carries",
      "sign the request ID header's exact text (lowercase UUID)"),
  VERB_CASE(
      "verb-case",
      "the client signed the HTTP method in another letter case than it sent",
      "send and sign the method in upper case (GET, POST, PUT, DELETE)"),
  KEY_BASE64_DECODED(
      "key-base64-decoded",
      "the client base64-decoded the API key and used the bytes as the HMAC key",
      "use the API key text's UTF-8 bytes as the HMAC key; never decode it"),
  KEY_WHITESPACE(
      "key-whitespace",
      "the client's copy of the API key has whitespace around it (a trailing newline?)",
      "trim the key when you read it from a file or an environment variable"),
  WRONG_HASH("wrong-hash", "the client used another HMAC hash than SHA-512", "use HMAC-SHA512"),
  SIGNATURE_HEX(
      "signature-hex",
      "the client sent the HMAC as hexadecimal instead of base64",
      "send base64 (standard alphabet, padded) of the HMAC bytes"),
  SIGNATURE_BASE64URL(
      "signature-base64url",
      "the client sent the HMAC in base64url ('-' and '_') instead of standard base64",
      "use standard base64 with '+', '/' and '=' padding"),
  SEPARATOR_CRLF(
      "separator-crlf",
      "the client joined the message's fields with CRLF instead of LF",
      "join the six fields with a single line feed (\\n)"),
  FIELD_ORDER(
      "field-order",
      "the client put the message's fields in another order",
      "sign method, request ID, timestamp, path, query, body, in that order"),
  TRAILING_NEWLINE_AFTER_BODY(
      "trailing-newline-after-body",
      "the client added a line feed after the body field",
      "end the message with the body's last byte; no separator after it"),
  CLOCK_SKEW(
      "clock-skew",
      "the signature is right, but the timestamp is outside the server's window",
      "sync the client's clock (NTP) and sign with the current UTC time"),
  REPLAYED_REQUEST_ID(
      "replayed-request-id",
      "the signature is right, but this request ID was already used",
      "use a fresh random UUID for every request, retries included");

  private final String id;
  private final String explanation;
  private final String fix;

  Mistake(String id, String explanation, String fix) {
    this.id = id;
    this.explanation = explanation;
    this.fix = fix;
  }

  /** The stable id, e.g. {@code path-not-lowercased}. */
  public String id() {
    return id;
  }

  /** One line: what the client did. */
  public String explanation() {
    return explanation;
  }

  /** One line: what to change. */
  public String fix() {
    return fix;
  }

  /** The mistake with this id. */
  public static Optional<Mistake> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }
}
