package dev.itk.diagnose;

import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.QueryForm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The catalogue of known client mistakes: each a named variant of the scheme the diagnosis tries
 * against a received signature, with a one-line explanation and the fix. The ids are stable.
 *
 * <p>Each entry also makes its variants: the recipes a client that made this mistake may have
 * signed instead of a given one (package-private, for {@link Diagnoser}). A new mistake is one
 * entry here, with its variants; the diagnosis tries it alone and (but for field-order) with every
 * other. The order of the entries is the order in which the diagnosis tries them, and so decides
 * which of two explanations with as many mistakes it reports.
 */
public enum Mistake {
  PATH_NOT_LOWERCASED(
      "path-not-lowercased",
      "the client signed the path as sent, without lowercasing it",
      "lowercase the path (invariant culture) before signing; send it as you like") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.lowercasePath() && !r.rawPath().equals(r.rawPath().toLowerCase(Locale.ROOT))
          ? one(r, Recipe::withPathAsSent)
          : List.of();
    }
  },
  PATH_FULL_URL(
      "path-full-url",
      "the client signed the absolute URL (scheme and host included) instead of the path",
      "sign only the URL's path component, e.g. /nestedsite1/api/v1/issues/false/1") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String host = c.host();
      if (host == null || r.rawPath().contains("://")) {
        return List.of();
      }
      return List.of(
          variant(r, x -> x.withRawPath("http://" + host + x.rawPath())),
          variant(r, x -> x.withRawPath("https://" + host + x.rawPath())));
    }
  },
  PATH_MISSING_SITE_PREFIX(
      "path-missing-site-prefix",
      "the client signed the path from /api/v1 on, without the site's folders before it",
      "sign the whole path as sent, site folders included (/nestedsite1/nestedsite2/api/v1/...)") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      int at = r.rawPath().toLowerCase(Locale.ROOT).indexOf("/api/v1");
      return at > 0 && !r.rawPath().contains("://")
          ? one(r, x -> x.withRawPath(x.rawPath().substring(at)))
          : List.of();
    }
  },
  DOUBLE_SLASH(
      "double-slash",
      "the URL sent has a double slash but the client signed the path with single slashes",
      "join the base URL and the route without doubling '/', or sign exactly the path sent") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.rawPath().replace("://", "").contains("//")
          ? one(r, x -> x.withRawPath(collapseSlashes(x.rawPath())))
          : List.of();
    }
  },
  TRAILING_SLASH(
      "trailing-slash",
      "the path signed and the path sent differ by a trailing slash",
      "sign exactly the path that is sent, trailing slash and all") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String p = r.rawPath();
      String other = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p + "/";
      return one(r, x -> x.withRawPath(other));
    }
  },
  PATH_ESCAPES_DECODED(
      "path-escapes-decoded",
      "the client signed the path with its percent-escapes decoded (%20 as a space, %C3%A9 as é)"
          + " instead of as sent",
      "sign the path as it appears in the URL, escapes and all (only lowercased)") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String decoded = percentDecodePath(r.rawPath());
      return decoded == null || decoded.equals(r.rawPath())
          ? List.of()
          : one(r, x -> x.withRawPath(decoded));
    }
  },
  PATH_WITH_QUERY(
      "path-with-query",
      "the client signed the path with the query attached (/api/v1/issues?x=1) in the path field",
      "sign the path without '?' and the query; the query goes in its own field") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      if (r.query().isEmpty() || r.rawPath().contains("?")) {
        return List.of();
      }
      String with = r.rawPath() + "?" + r.query();
      return List.of(
          variant(r, x -> x.withRawPath(with)), variant(r, x -> x.withRawPath(with).withQuery("")));
    }
  },
  QUERY_NOT_SIGNED(
      "query-not-signed",
      "the request has a query, but the client signed an empty query field",
      "sign the raw query (without '?') in the query field") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.query().isEmpty() ? List.of() : one(r, x -> x.withQuery("").withQueryPrefix(""));
    }
  },
  QUERY_WITH_QUESTION_MARK(
      "query-with-question-mark",
      "the client signed the query with its leading '?'",
      "sign the query without the '?'") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.query().isEmpty() || !r.queryPrefix().isEmpty()
          ? List.of()
          : one(r, x -> x.withQueryPrefix("?"));
    }
  },
  QUERY_DECODED(
      "query-decoded",
      "the client signed the query decoded ('+' as space, %XX decoded) instead of as sent",
      "sign the raw query exactly as it appears in the URL") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String decoded = r.query().isEmpty() ? r.query() : QueryForm.DECODED.signedQuery(r.query());
      return decoded.equals(r.query()) ? List.of() : one(r, x -> x.withQuery(decoded));
    }
  },
  QUERY_SORTED(
      "query-sorted",
      "the client signed the query in another scheme's canonical form: parameters sorted by name"
          + " (AWS SigV4 also re-encodes them: %20 for a space, upper-case hex)",
      "sign the raw query exactly as it appears in the URL, parameters in the order sent") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String q = r.query();
      if (q.isEmpty()) {
        return List.of();
      }
      Set<String> forms = new LinkedHashSet<>();
      forms.add(CanonicalQuery.sorted(q));
      String sigv4 = CanonicalQuery.sigv4(q);
      if (sigv4 != null) {
        forms.add(sigv4);
      }
      forms.remove(q);
      List<Variant> out = new ArrayList<>();
      for (String form : forms) {
        out.add(variant(r, x -> x.withQuery(form)));
      }
      return out;
    }
  },
  BODY_NOT_SIGNED(
      "body-not-signed",
      "the request has a body, but the client signed an empty body field",
      "sign the exact body bytes that are sent") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.body().isEmpty() ? List.of() : one(r, x -> x.withBody(ByteString.EMPTY));
    }
  },
  BODY_RESERIALIZED(
      "body-reserialized",
      "the client signed another serialization of the same JSON (other whitespace or escaping)",
      "serialize the body once and sign and send those same bytes") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      List<Variant> out = new ArrayList<>();
      for (ByteString form : c.jsonForms(r.body())) {
        out.add(variant(r, x -> x.withBody(form)));
      }
      return out;
    }
  },
  BODY_LATIN1(
      "body-latin1",
      "the body sent is the ISO-8859-1 encoding of text the client signed as UTF-8",
      "encode the body as UTF-8 once; send those bytes (Python: pass bytes to http.client, not str)") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.body().hasHighByte()
          ? one(r, x -> x.withBody(ByteString.utf8(x.body().string(StandardCharsets.ISO_8859_1))))
          : List.of();
    }
  },
  BODY_UTF16(
      "body-utf16",
      "the body was signed in one Unicode encoding and sent in another (UTF-16 and UTF-8)",
      "encode the body once (UTF-8); sign and send those same bytes") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      List<Variant> out = new ArrayList<>();
      for (ByteString signed : BodyEncodings.utf16Forms(r.body())) {
        out.add(variant(r, x -> x.withBody(signed)));
      }
      return out;
    }
  },
  BODY_BOM(
      "body-bom",
      "the body signed and the body sent differ by a UTF-8 byte order mark (EF BB BF)",
      "sign exactly the body bytes sent; write UTF-8 without a byte order mark") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      ByteString b = r.body();
      if (b.isEmpty()) {
        return List.of();
      }
      return b.startsWith(BodyEncodings.UTF8_BOM)
          ? one(r, x -> x.withBody(b.substring(BodyEncodings.UTF8_BOM.length(), b.length())))
          : one(r, x -> x.withBody(BodyEncodings.UTF8_BOM.concat(b)));
    }
  },
  BODY_GZIP(
      "body-gzip",
      "the body was sent gzip-compressed (Content-Encoding: gzip) but the client signed the plain"
          + " text",
      "sign the bytes that are sent: the compressed body, if you compress it") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      ByteString inflated = c.gunzipped(r.body());
      return inflated == null ? List.of() : one(r, x -> x.withBody(inflated));
    }
  },
  BODY_TRAILING_NEWLINE(
      "body-trailing-newline",
      "the body signed and the body sent differ by a trailing line feed",
      "sign exactly the body bytes sent; do not add or strip a final newline") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      ByteString b = r.body();
      if (b.isEmpty()) {
        return List.of();
      }
      return b.endsWith(LF)
          ? one(r, x -> x.withBody(b.substring(0, b.length() - 1)))
          : one(r, x -> x.withBody(b.concat(LF)));
    }
  },
  BODY_CRLF(
      "body-crlf",
      "the body signed and the body sent differ in line endings (CRLF vs LF)",
      "sign exactly the body bytes sent; do not let a text layer convert line endings") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      ByteString b = r.body();
      if (b.contains(CRLF)) {
        return one(r, x -> x.withBody(b.replace(CRLF, LF)));
      }
      return b.contains(LF) ? one(r, x -> x.withBody(b.replace(LF, CRLF))) : List.of();
    }
  },
  BODY_HASH_SIGNED(
      "body-hash-signed",
      "the client signed a hash of the body (SHA-256 or SHA-512, hex or base64) instead of the"
          + " body, as AWS SigV4 signs the payload's hash",
      "sign the body bytes themselves in the body field, not their hash") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      // hashed only when tried, so that a large body is hashed only within the budget
      List<Variant> out = new ArrayList<>();
      for (String algorithm : List.of("SHA-256", "SHA-512")) {
        out.add(variant(r, x -> x.withBody(hex(digest(algorithm, x)))));
        out.add(variant(r, x -> x.withBody(base64(digest(algorithm, x)))));
      }
      return out;
    }
  },
  TIMESTAMP_FORMAT(
      "timestamp-format",
      "the client signed another rendering of the same instant than the timestamp header carries",
      "sign the timestamp header's exact text: yyyy-MM-ddTHH:mm:ss.fffffffZ, 7 digits") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String seven;
      try {
        // format refuses instants outside years 0001-9999, which an offset can reach from a
        // timestamp the parser accepts (0001-01-01T00:00:00+00:01)
        seven = IssuetrakTimestamp.format(IssuetrakTimestamp.parse(r.timestamp()).instant());
      } catch (RuntimeException e) {
        return List.of();
      }
      String base = seven.substring(0, 19);
      String fraction = seven.substring(20, 27);
      List<Variant> out = new ArrayList<>();
      for (String t :
          new LinkedHashSet<>(
              List.of(
                  seven,
                  base + "." + fraction.substring(0, 6) + "Z",
                  base + "." + fraction.substring(0, 3) + "Z",
                  base + "Z",
                  base + "." + fraction + "+00:00"))) {
        if (!t.equals(r.timestamp())) {
          out.add(variant(r, x -> x.withTimestamp(t)));
        }
      }
      return out;
    }
  },
  TIMESTAMP_EPOCH(
      "timestamp-epoch",
      "the client sent (and signed) the timestamp as epoch seconds or milliseconds",
      "send and sign the timestamp as yyyy-MM-ddTHH:mm:ss.fffffffZ (UTC, 7 fractional digits)"),
  REQUEST_ID_CASE(
      "request-id-case",
      "the client signed the request ID in another letter case than the header carries",
      "sign the request ID header's exact text (lowercase UUID)") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String id = r.requestId();
      String lower = id.toLowerCase(Locale.ROOT);
      String other = id.equals(lower) ? id.toUpperCase(Locale.ROOT) : lower;
      return other.equals(id) ? List.of() : one(r, x -> x.withRequestId(other));
    }
  },
  VERB_CASE(
      "verb-case",
      "the client signed the HTTP method in another letter case than it sent",
      "send and sign the method in upper case (GET, POST, PUT, DELETE)") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String m = r.method();
      List<Variant> out = new ArrayList<>();
      for (String other :
          new LinkedHashSet<>(
              List.of(
                  m.toUpperCase(Locale.ROOT),
                  m.toLowerCase(Locale.ROOT),
                  m.isEmpty()
                      ? m
                      : m.substring(0, 1).toUpperCase(Locale.ROOT)
                          + m.substring(1).toLowerCase(Locale.ROOT)))) {
        if (!other.equals(m)) {
          out.add(variant(r, x -> x.withMethod(other)));
        }
      }
      return out;
    }
  },
  KEY_BASE64_DECODED(
      "key-base64-decoded",
      "the client base64-decoded the API key and used the bytes as the HMAC key",
      "use the API key text's UTF-8 bytes as the HMAC key; never decode it") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(c.keyText().strip());
      } catch (IllegalArgumentException e) {
        return List.of();
      }
      ByteString key = ByteString.of(decoded);
      return key.isEmpty() ? List.of() : one(r, x -> x.withKey(key));
    }
  },
  KEY_WHITESPACE(
      "key-whitespace",
      "the client's copy of the API key has whitespace around it (a trailing newline?)",
      "trim the key when you read it from a file or an environment variable") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String k = c.keyText();
      List<Variant> out = new ArrayList<>();
      for (String copy : List.of(k + "\n", k + "\r\n", k + " ", " " + k)) {
        out.add(variant(r, x -> x.withKey(ByteString.utf8(copy))));
      }
      return out;
    }
  },
  KEY_HEX_DECODED(
      "key-hex-decoded",
      "the client hex-decoded the API key and used the bytes as the HMAC key",
      "use the API key text's UTF-8 bytes as the HMAC key; never decode it") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String k = c.keyText();
      if (!k.matches("[0-9a-fA-F]+") || k.length() % 2 != 0) {
        return List.of();
      }
      ByteString key = ByteString.of(HexFormat.of().parseHex(k));
      return one(r, x -> x.withKey(key));
    }
  },
  KEY_BASE64URL_DECODED(
      "key-base64url-decoded",
      "the client base64url-decoded the API key ('-' and '_') and used the bytes as the HMAC key",
      "use the API key text's UTF-8 bytes as the HMAC key; never decode it") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      String k = c.keyText();
      // with neither '-' nor '_' the bytes are key-base64-decoded's
      if (!k.matches("[A-Za-z0-9_-]*[-_][A-Za-z0-9_-]*={0,2}")) {
        return List.of();
      }
      String text = k.replaceAll("=+$", "");
      if (text.length() % 4 == 1) {
        return List.of();
      }
      byte[] decoded;
      try {
        decoded = Base64.getUrlDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return List.of();
      }
      ByteString key = ByteString.of(decoded);
      return key.isEmpty() ? List.of() : one(r, x -> x.withKey(key));
    }
  },
  HEADER_NAME_MISSPELLED(
      "header-name-misspelled",
      "the client sent a scheme header under a misspelled or abbreviated name",
      "name the headers exactly X-Issuetrak-API-Request-ID, X-Issuetrak-API-Timestamp and"
          + " X-Issuetrak-API-Authorization (any letter case)"),
  // The one above is read from the request's header names, and the next six from the received
  // signature, not made by a recipe: the diagnosis reads the signature from where it was sent and
  // decodes it every way a client may have
  // encoded it, and each way is tried with every recipe.
  WRONG_HASH("wrong-hash", "the client used another HMAC hash than SHA-512", "use HMAC-SHA512"),
  SIGNATURE_HEX(
      "signature-hex",
      "the client sent the HMAC as hexadecimal instead of base64",
      "send base64 (standard alphabet, padded) of the HMAC bytes"),
  SIGNATURE_BASE64URL(
      "signature-base64url",
      "the client sent the HMAC in base64url ('-' and '_') instead of standard base64",
      "use standard base64 with '+', '/' and '=' padding"),
  SIGNATURE_SCHEME_WORD(
      "signature-scheme-word",
      "the client put a scheme word before the signature (e.g. 'HMAC ...', 'Signature ...'), as"
          + " other APIs' Authorization headers carry",
      "send the base64 signature alone in X-Issuetrak-API-Authorization, no word before it"),
  SIGNATURE_MIME_WRAPPED(
      "signature-mime-wrapped",
      "the client sent the base64 signature wrapped at 76 characters (MIME base64, a line break"
          + " inside the header's value)",
      "encode the signature as one line of standard base64 (Java: Base64.getEncoder(), not"
          + " getMimeEncoder(); .NET: no InsertLineBreaks)"),
  SIGNATURE_IN_AUTHORIZATION_HEADER(
      "signature-in-authorization-header",
      "the client sent the signature in the Authorization header instead of"
          + " X-Issuetrak-API-Authorization",
      "send the signature in the X-Issuetrak-API-Authorization header"),
  SEPARATOR_CRLF(
      "separator-crlf",
      "the client joined the message's fields with CRLF instead of LF",
      "join the six fields with a single line feed (\\n)") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return one(r, x -> x.withSeparator("\r\n"));
    }
  },
  FIELD_LEFT_OUT(
      "field-left-out",
      "the client left one of the six fields out of the message (five lines instead of six)",
      "sign all six fields, empty ones included: method, request ID, timestamp, path, query,"
          + " body") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      if (r.order().size() < 6) {
        return List.of();
      }
      List<Variant> out = new ArrayList<>();
      for (Integer field : r.order()) {
        List<Integer> five = new ArrayList<>(r.order());
        five.remove(field);
        out.add(variant(r, x -> x.withOrder(five)));
      }
      return out;
    }
  },
  FIELD_ORDER(
      "field-order",
      "the client put the message's fields in another order",
      "sign method, request ID, timestamp, path, query, body, in that order") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      List<Variant> out = new ArrayList<>();
      for (List<Integer> order : OTHER_FIELD_ORDERS) {
        out.add(variant(r, x -> x.withOrder(order)));
      }
      return out;
    }

    @Override
    boolean triedAlone() {
      return true;
    }
  },
  TRAILING_NEWLINE_AFTER_BODY(
      "trailing-newline-after-body",
      "the client added a line feed after the body field",
      "end the message with the body's last byte; no separator after it") {
    @Override
    List<Variant> variants(Recipe r, Variant.Context c) {
      return r.trailingNewline() ? List.of() : one(r, Recipe::withTrailingNewline);
    }
  },
  // The last three are refusals of a right signature, named from the verifier's answer.
  TIMESTAMP_LOCAL_TIME(
      "timestamp-local-time",
      "the signature is right, but the timestamp is the client's local time written with a Z: a"
          + " whole number of hours off",
      "write the current UTC time (not local time) with the Z"),
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

  /**
   * The recipes the client may have signed instead of {@code r} had it made this mistake, not built
   * yet; none when the mistake does not apply to {@code r} (a path already as sent is not "not
   * lowercased"), nor for the mistakes found otherwise (the signature's encoding, clock, replay).
   */
  List<Variant> variants(Recipe r, Variant.Context c) {
    return List.of();
  }

  /**
   * Whether this mistake's variants are tried only alone (and with the signature's encodings),
   * after every single variant of the others, and never in pairs: field-order's 719 would make some
   * 28 000 pairs. A large body gets them all or none, within its cap on variants.
   */
  boolean triedAlone() {
    return false;
  }

  /** {@code r} changed by {@code edit} for this mistake. */
  Variant variant(Recipe r, UnaryOperator<Recipe> edit) {
    return new Variant(r, this, edit);
  }

  /** The one variant {@code r} changed by {@code edit}. */
  List<Variant> one(Recipe r, UnaryOperator<Recipe> edit) {
    return List.of(variant(r, edit));
  }

  private static final ByteString LF = ByteString.utf8("\n");
  private static final ByteString CRLF = ByteString.utf8("\r\n");

  /** The 719 orders of the six fields other than the scheme's, in a fixed order. */
  private static final List<List<Integer>> OTHER_FIELD_ORDERS = otherFieldOrders();

  private static List<List<Integer>> otherFieldOrders() {
    List<List<Integer>> out = new ArrayList<>();
    permute(new int[] {0, 1, 2, 3, 4, 5}, 0, out);
    out.remove(Recipe.SCHEME_ORDER);
    return List.copyOf(out);
  }

  private static void permute(int[] a, int k, List<List<Integer>> out) {
    if (k == a.length) {
      out.add(Arrays.stream(a).boxed().toList());
      return;
    }
    for (int i = k; i < a.length; i++) {
      int t = a[k];
      a[k] = a[i];
      a[i] = t;
      permute(a, k + 1, out);
      a[i] = a[k];
      a[k] = t;
    }
  }

  /**
   * {@code path} with each %XX decoded and the bytes read as UTF-8; null when a '%' is not followed
   * by two hex digits or the bytes are not UTF-8. '+' stays '+' (it is a space only in a query).
   */
  private static String percentDecodePath(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); ) {
      char ch = path.charAt(i);
      if (ch == '%') {
        if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
          return null;
        }
        out.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int end = i + Character.charCount(path.codePointAt(i));
        out.writeBytes(path.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static ByteString hex(byte[] digest) {
    return ByteString.utf8(HexFormat.of().formatHex(digest));
  }

  private static ByteString base64(byte[] digest) {
    return ByteString.utf8(Base64.getEncoder().encodeToString(digest));
  }

  /** The {@code algorithm} hash of {@code r}'s body, e.g. {@code digest("SHA-256", r)}. */
  private static byte[] digest(String algorithm, Recipe r) {
    try {
      return MessageDigest.getInstance(algorithm).digest(r.body().toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  /** {@code path} with each run of slashes made one, the scheme's {@code ://} kept. */
  private static String collapseSlashes(String path) {
    int scheme = path.indexOf("://");
    if (scheme < 0) {
      return path.replaceAll("/{2,}", "/");
    }
    return path.substring(0, scheme + 3) + path.substring(scheme + 3).replaceAll("/{2,}", "/");
  }
}
