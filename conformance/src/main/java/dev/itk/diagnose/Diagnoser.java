package dev.itk.diagnose;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.QueryForm;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.VerificationResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names the cause of a refused signature. The request is verified as the server does; when the
 * signature does not match, the diagnosis re-signs the request under every variant of the {@link
 * Mistake} catalogue (and every pair of them) and reports the variant whose signature is the one
 * received: fewest mistakes first. Signatures that are right but refused (clock, replay) are named
 * too. Where nothing matches, the server's canonical message is the answer, for the user to compare
 * field by field.
 *
 * <pre>{@code
 * Diagnosis d = new Diagnoser(ApiKey.of(key), Duration.ofMinutes(5)).diagnose(request, now, Set.of());
 * d.causes(); // [query-not-signed: the request has a query, but the client signed an empty ...]
 * }</pre>
 */
public final class Diagnoser {
  /** Bodies larger than this are tried alone, not in pairs (each try hashes the whole body). */
  static final int PAIR_BODY_LIMIT = 64 * 1024;

  private final ApiKey key;
  private final String keyText;
  private final Duration window;

  public Diagnoser(ApiKey key, Duration window) {
    this.key = key;
    this.keyText = new String(key.asSecretKey().getEncoded(), StandardCharsets.UTF_8);
    this.window = window;
  }

  /**
   * One way to build a message and sign it: what the client may have done. Immutable; {@link
   * #change} copies it. The path is kept as sent ({@code rawPath}) with a flag for lowercasing, and
   * the query with its prefix, so that two mistakes on the same field compose.
   */
  private static final class Recipe implements Cloneable {
    String method;
    String requestId;
    String timestamp;
    String rawPath;
    boolean lowercasePath = true;
    String queryPrefix = "";
    String query;
    byte[] body;
    String separator = "\n";
    int[] order = {0, 1, 2, 3, 4, 5};
    boolean trailingNewline;
    byte[] keyBytes;
    List<Mistake> mistakes = List.of();

    /** A copy with {@code edit} applied and {@code m} added to its mistakes. */
    Recipe change(Mistake m, java.util.function.Consumer<Recipe> edit) {
      Recipe copy;
      try {
        copy = (Recipe) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
      edit.accept(copy);
      List<Mistake> all = new ArrayList<>(mistakes);
      all.add(m);
      copy.mistakes = List.copyOf(all);
      return copy;
    }

    String path() {
      return lowercasePath ? rawPath.toLowerCase(Locale.ROOT) : rawPath;
    }

    byte[] message() {
      byte[][] fields = {
        utf8(method),
        utf8(requestId),
        utf8(timestamp),
        utf8(path()),
        utf8(queryPrefix + query),
        body
      };
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 200);
      byte[] sep = utf8(separator);
      for (int i = 0; i < 6; i++) {
        out.writeBytes(fields[order[i]]);
        if (i < 5) {
          out.writeBytes(sep);
        }
      }
      if (trailingNewline) {
        out.write('\n');
      }
      return out.toByteArray();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Diagnoses one request.
   *
   * @param now the server's clock
   * @param seenRequestIds request IDs the server has already accepted
   */
  public Diagnosis diagnose(ReceivedRequest request, Instant now, Set<String> seenRequestIds) {
    VerificationResult result =
        SignatureVerifier.builder()
            .key(key)
            .window(window)
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .replayProtection(false)
            .build()
            .verify(request);
    String rendered = result.message().map(m -> m.render()).orElse(null);
    String code = result.code();
    String id = first(request, SignatureHeaders.REQUEST_ID);
    String ts = first(request, SignatureHeaders.TIMESTAMP);
    String sig = first(request, SignatureHeaders.AUTHORIZATION);
    if (rendered == null && id != null && ts != null) {
      rendered = render(request, id, ts);
    }
    if (id == null || ts == null || sig == null || rendered == null) {
      return new Diagnosis(false, code, List.of(), rendered);
    }
    Recipe base = base(request, id, ts);
    boolean signatureRight =
        constantTimeEquals(sign(base, "HmacSHA512"), decode(sig, Base64.getDecoder()));
    if (signatureRight) {
      if (code.equals("stale-timestamp")) {
        String offset = result.clockOffset().map(Duration::toString).orElse("?");
        return new Diagnosis(
            false,
            code,
            List.of(Cause.of(Mistake.CLOCK_SKEW, "timestamp minus server clock: " + offset)),
            rendered);
      }
      if (seenRequestIds.stream().anyMatch(seen -> seen.equalsIgnoreCase(id))) {
        return new Diagnosis(
            false,
            "replayed-request-id",
            List.of(Cause.of(Mistake.REPLAYED_REQUEST_ID, "request ID " + id)),
            rendered);
      }
      return new Diagnosis(code.equals("valid"), code, List.of(), rendered);
    }
    if (!Set.of("bad-signature", "stale-timestamp", "malformed-signature").contains(code)) {
      return new Diagnosis(false, code, List.of(), rendered);
    }
    return new Diagnosis(false, code, search(request, base, sig), rendered);
  }

  /** The message the server computes, when the verifier stopped before computing it. */
  private static String render(ReceivedRequest r, String id, String ts) {
    try {
      return CanonicalMessage.builder()
          .method(r.method())
          .requestId(id)
          .timestamp(ts)
          .path(r.path())
          .query(r.query() == null ? "" : r.query())
          .body(r.body())
          .build()
          .render();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String first(ReceivedRequest r, String name) {
    List<String> v = r.headerValues(name);
    return v.isEmpty() ? null : v.get(0);
  }

  private Recipe base(ReceivedRequest r, String id, String ts) {
    Recipe b = new Recipe();
    b.method = r.method();
    b.requestId = id;
    b.timestamp = ts;
    b.rawPath = r.path();
    b.query = r.query() == null ? "" : r.query();
    b.body = r.body();
    b.keyBytes = utf8(keyText);
    return b;
  }

  // ------------------------------------------------------------------ the catalogue as variants

  /** A catalogue entry as a change to a recipe: the alternatives the client may have signed. */
  private record Variant(
      Mistake mistake, Function<Recipe, List<java.util.function.Consumer<Recipe>>> edits) {
    List<Recipe> apply(Recipe r) {
      List<Recipe> out = new ArrayList<>();
      for (java.util.function.Consumer<Recipe> e : edits.apply(r)) {
        out.add(r.change(mistake, e));
      }
      return out;
    }
  }

  private static List<java.util.function.Consumer<Recipe>> one(
      java.util.function.Consumer<Recipe> e) {
    return List.of(e);
  }

  private static final List<java.util.function.Consumer<Recipe>> NONE = List.of();

  private List<Variant> variants(ReceivedRequest q) {
    String host = first(q, "Host");
    List<Variant> v = new ArrayList<>();
    v.add(
        new Variant(
            Mistake.PATH_NOT_LOWERCASED,
            r ->
                r.lowercasePath && !r.rawPath.equals(r.rawPath.toLowerCase(Locale.ROOT))
                    ? one(x -> x.lowercasePath = false)
                    : NONE));
    v.add(
        new Variant(
            Mistake.PATH_FULL_URL,
            r ->
                host == null || r.rawPath.contains("://")
                    ? NONE
                    : List.of(
                        x -> x.rawPath = "http://" + host + x.rawPath,
                        x -> x.rawPath = "https://" + host + x.rawPath)));
    v.add(
        new Variant(
            Mistake.PATH_MISSING_SITE_PREFIX,
            r -> {
              int at = r.rawPath.toLowerCase(Locale.ROOT).indexOf("/api/v1");
              return at > 0 && !r.rawPath.contains("://")
                  ? one(x -> x.rawPath = x.rawPath.substring(at))
                  : NONE;
            }));
    v.add(
        new Variant(
            Mistake.DOUBLE_SLASH,
            r ->
                r.rawPath.replace("://", "").contains("//")
                    ? one(x -> x.rawPath = collapse(x.rawPath))
                    : NONE));
    v.add(
        new Variant(
            Mistake.TRAILING_SLASH,
            r ->
                one(
                    x ->
                        x.rawPath =
                            x.rawPath.endsWith("/") && x.rawPath.length() > 1
                                ? x.rawPath.substring(0, x.rawPath.length() - 1)
                                : x.rawPath + "/")));
    v.add(
        new Variant(
            Mistake.QUERY_NOT_SIGNED,
            r ->
                r.query.isEmpty()
                    ? NONE
                    : one(
                        x -> {
                          x.query = "";
                          x.queryPrefix = "";
                        })));
    v.add(
        new Variant(
            Mistake.QUERY_WITH_QUESTION_MARK,
            r ->
                r.query.isEmpty() || !r.queryPrefix.isEmpty()
                    ? NONE
                    : one(x -> x.queryPrefix = "?")));
    v.add(
        new Variant(
            Mistake.QUERY_DECODED,
            r -> {
              String decoded = r.query.isEmpty() ? r.query : QueryForm.DECODED.signedQuery(r.query);
              return decoded.equals(r.query) ? NONE : one(x -> x.query = decoded);
            }));
    v.add(
        new Variant(
            Mistake.BODY_NOT_SIGNED,
            r -> r.body.length > 0 ? one(x -> x.body = new byte[0]) : NONE));
    v.add(
        new Variant(
            Mistake.BODY_RESERIALIZED,
            r -> {
              List<java.util.function.Consumer<Recipe>> out = new ArrayList<>();
              for (byte[] form : JsonForms.otherForms(r.body)) {
                out.add(x -> x.body = form);
              }
              return out;
            }));
    v.add(
        new Variant(
            Mistake.BODY_LATIN1,
            r -> {
              boolean high = false;
              for (byte x : r.body) {
                high |= x < 0;
              }
              return high
                  ? one(x -> x.body = utf8(new String(x.body, StandardCharsets.ISO_8859_1)))
                  : NONE;
            }));
    v.add(
        new Variant(
            Mistake.BODY_TRAILING_NEWLINE,
            r -> {
              byte[] b = r.body;
              if (b.length == 0) {
                return NONE;
              }
              if (b[b.length - 1] == '\n') {
                return one(x -> x.body = java.util.Arrays.copyOf(b, b.length - 1));
              }
              byte[] plus = java.util.Arrays.copyOf(b, b.length + 1);
              plus[b.length] = '\n';
              return one(x -> x.body = plus);
            }));
    v.add(
        new Variant(
            Mistake.BODY_CRLF,
            r -> {
              String text = new String(r.body, StandardCharsets.ISO_8859_1);
              if (text.contains("\r\n")) {
                return one(
                    x -> x.body = text.replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1));
              }
              return text.contains("\n")
                  ? one(
                      x ->
                          x.body = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1))
                  : NONE;
            }));
    v.add(
        new Variant(
            Mistake.TIMESTAMP_FORMAT,
            r -> {
              String seven;
              try {
                // format refuses instants outside years 0001-9999, which an offset can reach
                // from a timestamp the parser accepts (0001-01-01T00:00:00+00:01)
                seven = IssuetrakTimestamp.format(IssuetrakTimestamp.parse(r.timestamp).instant());
              } catch (RuntimeException e) {
                return NONE;
              }
              String base = seven.substring(0, 19);
              String fraction = seven.substring(20, 27);
              List<java.util.function.Consumer<Recipe>> out = new ArrayList<>();
              for (String t :
                  new java.util.LinkedHashSet<>(
                      List.of(
                          seven,
                          base + "." + fraction.substring(0, 6) + "Z",
                          base + "." + fraction.substring(0, 3) + "Z",
                          base + "Z",
                          base + "." + fraction + "+00:00"))) {
                if (!t.equals(r.timestamp)) {
                  out.add(x -> x.timestamp = t);
                }
              }
              return out;
            }));
    v.add(
        new Variant(
            Mistake.REQUEST_ID_CASE,
            r -> {
              String lower = r.requestId.toLowerCase(Locale.ROOT);
              String other =
                  r.requestId.equals(lower) ? r.requestId.toUpperCase(Locale.ROOT) : lower;
              return other.equals(r.requestId) ? NONE : one(x -> x.requestId = other);
            }));
    v.add(
        new Variant(
            Mistake.VERB_CASE,
            r -> {
              String m = r.method;
              List<java.util.function.Consumer<Recipe>> out = new ArrayList<>();
              for (String c :
                  new java.util.LinkedHashSet<>(
                      List.of(
                          m.toUpperCase(Locale.ROOT),
                          m.toLowerCase(Locale.ROOT),
                          m.isEmpty()
                              ? m
                              : m.substring(0, 1).toUpperCase(Locale.ROOT)
                                  + m.substring(1).toLowerCase(Locale.ROOT)))) {
                if (!c.equals(m)) {
                  out.add(x -> x.method = c);
                }
              }
              return out;
            }));
    v.add(
        new Variant(
            Mistake.KEY_BASE64_DECODED,
            r -> {
              try {
                byte[] decoded = Base64.getDecoder().decode(keyText.strip());
                return decoded.length == 0 ? NONE : one(x -> x.keyBytes = decoded);
              } catch (IllegalArgumentException e) {
                return NONE;
              }
            }));
    v.add(
        new Variant(
            Mistake.KEY_WHITESPACE,
            r ->
                List.of(
                    x -> x.keyBytes = utf8(keyText + "\n"),
                    x -> x.keyBytes = utf8(keyText + "\r\n"),
                    x -> x.keyBytes = utf8(keyText + " "),
                    x -> x.keyBytes = utf8(" " + keyText))));
    v.add(new Variant(Mistake.SEPARATOR_CRLF, r -> one(x -> x.separator = "\r\n")));
    v.add(
        new Variant(
            Mistake.TRAILING_NEWLINE_AFTER_BODY,
            r -> r.trailingNewline ? NONE : one(x -> x.trailingNewline = true)));
    return v;
  }

  private static String collapse(String path) {
    int scheme = path.indexOf("://");
    if (scheme < 0) {
      return path.replaceAll("/{2,}", "/");
    }
    return path.substring(0, scheme + 3) + path.substring(scheme + 3).replaceAll("/{2,}", "/");
  }

  // ------------------------------------------------------------------ the search

  private record Candidate(byte[] digest, String algorithm, List<Mistake> encoding) {}

  /** The received signature read every way a client may have encoded it. */
  private static List<Candidate> candidates(String sig) {
    List<Candidate> out = new ArrayList<>();
    byte[] b64 = decode(sig, Base64.getDecoder());
    if (b64 != null) {
      out.add(candidate(b64, List.of()));
    }
    if (sig.indexOf('-') >= 0 || sig.indexOf('_') >= 0 || (b64 == null && !sig.isEmpty())) {
      byte[] url = decode(sig, Base64.getUrlDecoder());
      if (url != null) {
        out.add(candidate(url, List.of(Mistake.SIGNATURE_BASE64URL)));
      }
    }
    if (sig.matches("[0-9a-fA-F]+") && sig.length() % 2 == 0) {
      out.add(
          candidate(
              HexFormat.of().parseHex(sig.toLowerCase(Locale.ROOT)),
              List.of(Mistake.SIGNATURE_HEX)));
    }
    out.removeIf(c -> c.algorithm() == null);
    return out;
  }

  private static Candidate candidate(byte[] digest, List<Mistake> encoding) {
    String alg =
        switch (digest.length) {
          case 64 -> "HmacSHA512";
          case 48 -> "HmacSHA384";
          case 32 -> "HmacSHA256";
          case 20 -> "HmacSHA1";
          default -> null;
        };
    List<Mistake> all = new ArrayList<>(encoding);
    if (alg != null && !alg.equals("HmacSHA512")) {
      all.add(Mistake.WRONG_HASH);
    }
    return new Candidate(digest, alg, all);
  }

  private static byte[] decode(String text, Base64.Decoder decoder) {
    try {
      return decoder.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<Cause> search(ReceivedRequest request, Recipe base, String sig) {
    List<Candidate> candidates = candidates(sig);
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<Variant> variants = variants(request);
    Map<Variant, List<Recipe>> singles = new LinkedHashMap<>();
    for (Variant v : variants) {
      singles.put(v, v.apply(base));
    }
    List<Recipe> orders = new ArrayList<>();
    for (int[] p : permutations()) {
      orders.add(base.change(Mistake.FIELD_ORDER, x -> x.order = p));
    }
    // fewest mistakes first: 1, then 2
    for (int budget = 1; budget <= 2; budget++) {
      List<Cause> found = new ArrayList<>();
      // the encoding alone (the message is right)
      matchAll(List.of(base), candidates, budget, found);
      for (List<Recipe> alts : singles.values()) {
        matchAll(alts, candidates, budget, found);
      }
      matchAll(orders, candidates, budget, found);
      if (budget == 2 && found.isEmpty() && request.body().length <= PAIR_BODY_LIMIT) {
        List<Variant> list = new ArrayList<>(singles.keySet());
        for (int i = 0; i < list.size() && found.isEmpty(); i++) {
          for (Recipe a : singles.get(list.get(i))) {
            for (int j = i + 1; j < list.size(); j++) {
              matchAll(list.get(j).apply(a), candidates, budget, found);
            }
          }
        }
      }
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  /** Adds the causes of the first recipe whose signature is a candidate, within the budget. */
  private void matchAll(
      List<Recipe> recipes, List<Candidate> candidates, int budget, List<Cause> found) {
    if (!found.isEmpty()) {
      return;
    }
    for (Recipe r : recipes) {
      for (Candidate c : candidates) {
        int count = r.mistakes.size() + c.encoding().size();
        if (count == 0 || count != budget) {
          continue;
        }
        if (MessageDigest.isEqual(sign(r, c.algorithm()), c.digest())) {
          List<Mistake> all = new ArrayList<>(r.mistakes);
          all.addAll(c.encoding());
          all.sort(java.util.Comparator.comparing(Mistake::ordinal));
          for (Mistake m : all) {
            found.add(Cause.of(m));
          }
          return;
        }
      }
    }
  }

  private static byte[] sign(Recipe r, String algorithm) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(r.keyBytes.length == 0 ? new byte[1] : r.keyBytes, algorithm));
      return mac.doFinal(r.message());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  private static boolean constantTimeEquals(byte[] a, byte[] b) {
    return b != null && MessageDigest.isEqual(a, b);
  }

  private static List<int[]> permutations() {
    List<int[]> out = new ArrayList<>();
    permute(new int[] {0, 1, 2, 3, 4, 5}, 0, out);
    out.removeIf(p -> java.util.Arrays.equals(p, new int[] {0, 1, 2, 3, 4, 5}));
    return out;
  }

  private static void permute(int[] a, int k, List<int[]> out) {
    if (k == a.length) {
      out.add(a.clone());
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
}
