package dev.itk.diagnose;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.QueryForm;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Names the cause of a refused signature. The request is verified as the server does; when the
 * signature does not match, the diagnosis re-signs the request under every variant of the {@link
 * Mistake} catalogue (and every pair of them) and reports the variant whose signature is the one
 * received: fewest mistakes first. Signatures that are right but refused (clock, replay) are named
 * too. Where nothing matches, the server's canonical message is the answer, for the user to compare
 * field by field.
 *
 * <p>Every variant is an HMAC of the whole message, so a server that diagnoses what anyone sends
 * passes a {@link DiagnosisBudget}: the search stops before the first variant the budget has no
 * room for, and the {@link Diagnosis} says it was cut short.
 *
 * <pre>{@code
 * Diagnosis d = new Diagnoser(ApiKey.of(key), Duration.ofMinutes(5)).diagnose(request, now, Set.of());
 * d.causes(); // [query-not-signed: the request has a query, but the client signed an empty ...]
 * }</pre>
 */
public final class Diagnoser {
  /**
   * Bodies larger than this are tried alone, not in pairs (each try hashes the whole body),
   * cheapest and likeliest variants first, and at most {@link DiagnosisBudget#largeBodyVariants()}
   * of them.
   */
  static final int PAIR_BODY_LIMIT = 64 * 1024;

  /**
   * The order in which a large body's variants are tried: the body's own mistakes first
   * (body-not-signed hashes next to nothing), then the rest in catalogue order, field orders last.
   */
  private static final List<Mistake> LARGE_BODY_FIRST =
      List.of(
          Mistake.BODY_NOT_SIGNED,
          Mistake.BODY_TRAILING_NEWLINE,
          Mistake.BODY_CRLF,
          Mistake.BODY_LATIN1,
          Mistake.BODY_RESERIALIZED);

  private final ApiKey key;
  private final String keyText;
  private final Duration window;

  public Diagnoser(ApiKey key, Duration window) {
    this.key = key;
    this.keyText = new String(key.asSecretKey().getEncoded(), StandardCharsets.UTF_8);
    this.window = window;
  }

  /**
   * Diagnoses one request with no limit ({@link DiagnosisBudget#OFFLINE}): for {@code itk diagnose}
   * and tests, not for a server's hot path.
   *
   * @param now the server's clock
   * @param seenRequestIds request IDs the server has already accepted
   */
  public Diagnosis diagnose(ReceivedRequest request, Instant now, Set<String> seenRequestIds) {
    return diagnose(request, now, seenRequestIds, DiagnosisBudget.OFFLINE);
  }

  /**
   * Diagnoses one request within {@code budget}: the search stops before the first variant whose
   * HMAC would pass it, and the diagnosis says so; e.g. {@code diagnose(request, now, Set.of(),
   * DiagnosisBudget.SERVER)} in a server.
   *
   * @param now the server's clock
   * @param seenRequestIds request IDs the server has already accepted
   */
  public Diagnosis diagnose(
      ReceivedRequest request, Instant now, Set<String> seenRequestIds, DiagnosisBudget budget) {
    java.util.Objects.requireNonNull(budget, "budget");
    VerificationResult result =
        SignatureVerifier.builder()
            .key(key)
            .window(window)
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .replayProtection(false)
            .build()
            .verify(request);
    String rendered =
        result.message().map(m -> render(m, budget.renderedMessageBytes())).orElse(null);
    String code = result.code();
    String id = first(request, SignatureHeaders.REQUEST_ID);
    String ts = first(request, SignatureHeaders.TIMESTAMP);
    String sig = first(request, SignatureHeaders.AUTHORIZATION);
    if (rendered == null && id != null && ts != null) {
      rendered = render(request, id, ts, budget.renderedMessageBytes());
    }
    if (id == null || ts == null || sig == null || rendered == null) {
      return new Diagnosis(false, code, List.of(), rendered, true, null, 0);
    }
    Recipe base = base(request, id, ts);
    Recipe.Message message = base.message();
    long checked = message.length();
    // The verifier above signed this very message with this key when it answered bad-signature:
    // no need to hash a large body once more to learn that the signature is not right.
    boolean signatureRight =
        !code.equals("bad-signature")
            && constantTimeEquals(
                message.hmac(base.key(), "HmacSHA512"), decode(sig, Base64.getDecoder()));
    if (signatureRight) {
      if (code.equals("stale-timestamp")) {
        String offset = result.clockOffset().map(Duration::toString).orElse("?");
        return new Diagnosis(
            false,
            code,
            List.of(Cause.of(Mistake.CLOCK_SKEW, "timestamp minus server clock: " + offset)),
            rendered,
            true,
            null,
            checked);
      }
      if (seenRequestIds.stream().anyMatch(seen -> seen.equalsIgnoreCase(id))) {
        return new Diagnosis(
            false,
            "replayed-request-id",
            List.of(Cause.of(Mistake.REPLAYED_REQUEST_ID, "request ID " + id)),
            rendered,
            true,
            null,
            checked);
      }
      return new Diagnosis(code.equals("valid"), code, List.of(), rendered, true, null, checked);
    }
    if (!Set.of("bad-signature", "stale-timestamp", "malformed-signature").contains(code)) {
      return new Diagnosis(false, code, List.of(), rendered, true, null, checked);
    }
    boolean large = base.body().length() > PAIR_BODY_LIMIT;
    Search search =
        new Search(
            candidates(sig),
            budget,
            checked,
            large ? budget.largeBodyVariants() : Integer.MAX_VALUE);
    search(request, base, large, search);
    return new Diagnosis(
        false,
        code,
        search.found == null ? List.of() : search.found,
        rendered,
        search.stop == null,
        search.limit(),
        search.hashed);
  }

  /** The message the server computes, when the verifier stopped before computing it. */
  private static String render(ReceivedRequest r, String id, String ts, int maxBytes) {
    try {
      return render(
          CanonicalMessage.builder()
              .method(r.method())
              .requestId(id)
              .timestamp(ts)
              .path(r.path())
              .query(r.query() == null ? "" : r.query())
              .body(r.body())
              .build(),
          maxBytes);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code m} rendered, or its first {@code maxBytes} and how many bytes more there are. */
  private static String render(CanonicalMessage m, int maxBytes) {
    if (m.length() <= maxBytes) {
      return m.render();
    }
    return MessageRendering.render(m.toBytes(), 0, maxBytes)
        + "\n... ("
        + (m.length() - maxBytes)
        + " more bytes of the message)";
  }

  private static String first(ReceivedRequest r, String name) {
    List<String> v = r.headerValues(name);
    return v.isEmpty() ? null : v.get(0);
  }

  private Recipe base(ReceivedRequest r, String id, String ts) {
    return Recipe.of(
        r.method(),
        id,
        ts,
        r.path(),
        r.query() == null ? "" : r.query(),
        ByteString.of(r.body()),
        ByteString.utf8(keyText));
  }

  // ------------------------------------------------------------------ the catalogue as variants

  /** A catalogue entry as a change to a recipe: the alternatives the client may have signed. */
  private record Variant(Mistake mistake, Function<Recipe, List<UnaryOperator<Recipe>>> edits) {
    /** The alternatives to {@code r}, not built yet (a large body is copied only when tried). */
    List<Pending> apply(Recipe r) {
      List<Pending> out = new ArrayList<>();
      for (UnaryOperator<Recipe> e : edits.apply(r)) {
        out.add(new Pending(r, mistake, e));
      }
      return out;
    }
  }

  /** A recipe to be: {@code from} with {@code edit} applied for {@code mistake}. */
  private record Pending(Recipe from, Mistake mistake, UnaryOperator<Recipe> edit) {
    Recipe recipe() {
      return edit.apply(from).plus(mistake);
    }

    int mistakes() {
      return from.mistakes().size() + 1;
    }
  }

  private static List<UnaryOperator<Recipe>> one(UnaryOperator<Recipe> e) {
    return List.of(e);
  }

  private static final List<UnaryOperator<Recipe>> NONE = List.of();

  private List<Variant> variants(ReceivedRequest q) {
    String host = first(q, "Host");
    // the forms of a body, once per body: most recipes share the request's body
    Map<ByteString, List<ByteString>> forms = new HashMap<>();
    List<Variant> v = new ArrayList<>();
    v.add(
        new Variant(
            Mistake.PATH_NOT_LOWERCASED,
            r ->
                r.lowercasePath() && !r.rawPath().equals(r.rawPath().toLowerCase(Locale.ROOT))
                    ? one(Recipe::withPathAsSent)
                    : NONE));
    v.add(
        new Variant(
            Mistake.PATH_FULL_URL,
            r ->
                host == null || r.rawPath().contains("://")
                    ? NONE
                    : List.of(
                        x -> x.withRawPath("http://" + host + x.rawPath()),
                        x -> x.withRawPath("https://" + host + x.rawPath()))));
    v.add(
        new Variant(
            Mistake.PATH_MISSING_SITE_PREFIX,
            r -> {
              int at = r.rawPath().toLowerCase(Locale.ROOT).indexOf("/api/v1");
              return at > 0 && !r.rawPath().contains("://")
                  ? one(x -> x.withRawPath(x.rawPath().substring(at)))
                  : NONE;
            }));
    v.add(
        new Variant(
            Mistake.DOUBLE_SLASH,
            r ->
                r.rawPath().replace("://", "").contains("//")
                    ? one(x -> x.withRawPath(collapse(x.rawPath())))
                    : NONE));
    v.add(
        new Variant(
            Mistake.TRAILING_SLASH,
            r ->
                one(
                    x ->
                        x.withRawPath(
                            x.rawPath().endsWith("/") && x.rawPath().length() > 1
                                ? x.rawPath().substring(0, x.rawPath().length() - 1)
                                : x.rawPath() + "/"))));
    v.add(
        new Variant(
            Mistake.QUERY_NOT_SIGNED,
            r -> r.query().isEmpty() ? NONE : one(x -> x.withQuery("").withQueryPrefix(""))));
    v.add(
        new Variant(
            Mistake.QUERY_WITH_QUESTION_MARK,
            r ->
                r.query().isEmpty() || !r.queryPrefix().isEmpty()
                    ? NONE
                    : one(x -> x.withQueryPrefix("?"))));
    v.add(
        new Variant(
            Mistake.QUERY_DECODED,
            r -> {
              String decoded =
                  r.query().isEmpty() ? r.query() : QueryForm.DECODED.signedQuery(r.query());
              return decoded.equals(r.query()) ? NONE : one(x -> x.withQuery(decoded));
            }));
    v.add(
        new Variant(
            Mistake.BODY_NOT_SIGNED,
            r -> r.body().isEmpty() ? NONE : one(x -> x.withBody(ByteString.EMPTY))));
    v.add(
        new Variant(
            Mistake.BODY_RESERIALIZED,
            r -> {
              if (r.body().length() > JsonForms.MAX_BODY) {
                return NONE; // JsonForms has no forms for it: not worth hashing it for the memo
              }
              List<UnaryOperator<Recipe>> out = new ArrayList<>();
              for (ByteString form : forms.computeIfAbsent(r.body(), Diagnoser::otherForms)) {
                out.add(x -> x.withBody(form));
              }
              return out;
            }));
    v.add(
        new Variant(
            Mistake.BODY_LATIN1,
            r ->
                r.body().hasHighByte()
                    ? one(
                        x ->
                            x.withBody(
                                ByteString.utf8(x.body().string(StandardCharsets.ISO_8859_1))))
                    : NONE));
    v.add(
        new Variant(
            Mistake.BODY_TRAILING_NEWLINE,
            r -> {
              ByteString b = r.body();
              if (b.isEmpty()) {
                return NONE;
              }
              if (b.endsWith(LF)) {
                return one(x -> x.withBody(b.substring(0, b.length() - 1)));
              }
              return one(x -> x.withBody(b.concat(LF)));
            }));
    v.add(
        new Variant(
            Mistake.BODY_CRLF,
            r -> {
              ByteString b = r.body();
              if (b.contains(CRLF)) {
                return one(x -> x.withBody(b.replace(CRLF, LF)));
              }
              return b.contains(LF) ? one(x -> x.withBody(b.replace(LF, CRLF))) : NONE;
            }));
    v.add(
        new Variant(
            Mistake.TIMESTAMP_FORMAT,
            r -> {
              String seven;
              try {
                // format refuses instants outside years 0001-9999, which an offset can reach
                // from a timestamp the parser accepts (0001-01-01T00:00:00+00:01)
                seven =
                    IssuetrakTimestamp.format(IssuetrakTimestamp.parse(r.timestamp()).instant());
              } catch (RuntimeException e) {
                return NONE;
              }
              String base = seven.substring(0, 19);
              String fraction = seven.substring(20, 27);
              List<UnaryOperator<Recipe>> out = new ArrayList<>();
              for (String t :
                  new java.util.LinkedHashSet<>(
                      List.of(
                          seven,
                          base + "." + fraction.substring(0, 6) + "Z",
                          base + "." + fraction.substring(0, 3) + "Z",
                          base + "Z",
                          base + "." + fraction + "+00:00"))) {
                if (!t.equals(r.timestamp())) {
                  out.add(x -> x.withTimestamp(t));
                }
              }
              return out;
            }));
    v.add(
        new Variant(
            Mistake.REQUEST_ID_CASE,
            r -> {
              String lower = r.requestId().toLowerCase(Locale.ROOT);
              String other =
                  r.requestId().equals(lower) ? r.requestId().toUpperCase(Locale.ROOT) : lower;
              return other.equals(r.requestId()) ? NONE : one(x -> x.withRequestId(other));
            }));
    v.add(
        new Variant(
            Mistake.VERB_CASE,
            r -> {
              String m = r.method();
              List<UnaryOperator<Recipe>> out = new ArrayList<>();
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
                  out.add(x -> x.withMethod(c));
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
                return decoded.length == 0 ? NONE : one(x -> x.withKey(ByteString.of(decoded)));
              } catch (IllegalArgumentException e) {
                return NONE;
              }
            }));
    v.add(
        new Variant(
            Mistake.KEY_WHITESPACE,
            r ->
                List.of(
                    x -> x.withKey(ByteString.utf8(keyText + "\n")),
                    x -> x.withKey(ByteString.utf8(keyText + "\r\n")),
                    x -> x.withKey(ByteString.utf8(keyText + " ")),
                    x -> x.withKey(ByteString.utf8(" " + keyText)))));
    v.add(new Variant(Mistake.SEPARATOR_CRLF, r -> one(x -> x.withSeparator("\r\n"))));
    v.add(
        new Variant(
            Mistake.TRAILING_NEWLINE_AFTER_BODY,
            r -> r.trailingNewline() ? NONE : one(Recipe::withTrailingNewline)));
    return v;
  }

  private static final ByteString CRLF = ByteString.utf8("\r\n");
  private static final ByteString LF = ByteString.utf8("\n");

  /** The other JSON forms of {@code body} ({@link JsonForms#otherForms}). */
  private static List<ByteString> otherForms(ByteString body) {
    return JsonForms.otherForms(body.toByteArray()).stream().map(ByteString::of).toList();
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

  /**
   * The search under a budget: tries each variant in the plan's order, counts the bytes hashed and
   * the variants tried, and stops before the first variant the budget has no room for. After that
   * it only counts, so that {@link #limit()} can say how much of the plan was left.
   */
  private static final class Search {
    private final List<Candidate> candidates;
    private final DiagnosisBudget budget;
    private final long messageLength;
    private final long maxHashed;
    private final int maxTries;
    long hashed;
    int tried;
    int planned;

    /** Why the search stopped before its end; null while it may go on. */
    String stop;

    /** The causes of the first variant that reproduced the signature; null while none has. */
    List<Cause> found;

    Search(List<Candidate> candidates, DiagnosisBudget budget, long messageLength, int maxTries) {
      this.candidates = candidates;
      this.budget = budget;
      this.messageLength = messageLength;
      this.maxHashed = budget.maxHashedBytes(messageLength);
      this.maxTries = maxTries;
      this.hashed = messageLength; // the check of the received signature
    }

    /**
     * Tries a recipe of {@code mistakes} mistakes with every candidate whose encoding mistakes make
     * the total {@code n}; {@code recipe} is built only when a try is made.
     */
    void attempt(int mistakes, java.util.function.Supplier<Recipe> recipe, int n) {
      Recipe r = null;
      Recipe.Message message = null;
      for (Candidate c : candidates) {
        int count = mistakes + c.encoding().size();
        if (count == 0 || count != n) {
          continue;
        }
        planned++;
        if (stop != null || found != null) {
          continue;
        }
        if (tried >= maxTries) {
          stop = variantsText();
          continue;
        }
        if (r == null) {
          r = recipe.get();
          message = r.message();
        }
        long length = message.length();
        if (length > maxHashed - hashed) {
          stop =
              "the next would pass the budget of "
                  + size(maxHashed)
                  + " hashed ("
                  + size(budget.fixedHashedBytes())
                  + " + "
                  + budget.hashedBytesPerMessageByte()
                  + " x "
                  + size(messageLength)
                  + " of message)";
          continue;
        }
        hashed += length;
        tried++;
        if (MessageDigest.isEqual(message.hmac(r.key(), c.algorithm()), c.digest())) {
          List<Mistake> all = new ArrayList<>(r.mistakes());
          all.addAll(c.encoding());
          all.sort(java.util.Comparator.comparing(Mistake::ordinal));
          found = all.stream().map(Cause::of).toList();
        }
      }
    }

    /** Stops the search unless the {@code tries} of the field orders fit the cap on variants. */
    void reserveOrders(long tries) {
      if (stop == null && found == null && tried + tries > maxTries) {
        stop = variantsText() + ", too few for the " + tries + " field-order variants";
      }
    }

    /** How many tries a recipe of {@code mistakes} mistakes is worth for {@code n}. */
    int tries(int mistakes, int n) {
      int t = 0;
      for (Candidate c : candidates) {
        int count = mistakes + c.encoding().size();
        t += count != 0 && count == n ? 1 : 0;
      }
      return t;
    }

    private String variantsText() {
      return "bodies over " + size(PAIR_BODY_LIMIT) + " get at most " + maxTries + " variants";
    }

    /** One line for a search cut short, e.g. "cut short after 4 of 37 variants: ..."; else null. */
    String limit() {
      return stop == null
          ? null
          : "cut short after " + tried + " of " + planned + " variants: " + stop;
    }
  }

  /** {@code n} bytes for people: 512 B, 64 KiB, 4.1 KiB, 8 MiB, 36.25 MiB. */
  private static String size(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return n % 1024 == 0 ? n / 1024 + " KiB" : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n % (1024 * 1024) == 0) {
      return n / (1024 * 1024) + " MiB";
    }
    return String.format(Locale.ROOT, "%.2f MiB", n / (1024.0 * 1024));
  }

  /**
   * The plan, fewest mistakes first: the encoding alone, each single variant, each field order;
   * then the same with one encoding mistake more, and each pair of variants (small bodies only).
   * Stops at the first variant that reproduces the signature.
   */
  private void search(ReceivedRequest request, Recipe base, boolean large, Search s) {
    if (s.candidates.isEmpty()) {
      return;
    }
    List<Variant> variants = variants(request);
    if (large) {
      variants.sort(
          java.util.Comparator.comparingInt(
              v -> {
                int at = LARGE_BODY_FIRST.indexOf(v.mistake());
                return at < 0 ? LARGE_BODY_FIRST.size() : at;
              }));
    }
    List<List<Pending>> singles = new ArrayList<>();
    for (Variant v : variants) {
      singles.add(v.apply(base));
    }
    List<Pending> orders = new ArrayList<>();
    for (List<Integer> p : permutations()) {
      orders.add(new Pending(base, Mistake.FIELD_ORDER, x -> x.withOrder(p)));
    }
    for (int n = 1; n <= 2; n++) {
      s.attempt(0, () -> base, n);
      if (s.found != null) {
        return;
      }
      for (List<Pending> alts : singles) {
        for (Pending p : alts) {
          s.attempt(p.mistakes(), p::recipe, n);
          if (s.found != null) {
            return;
          }
        }
      }
      if (large) {
        // the 719 field orders of a large body are tried all or not at all
        s.reserveOrders((long) orders.size() * s.tries(1, n));
      }
      for (Pending p : orders) {
        s.attempt(p.mistakes(), p::recipe, n);
        if (s.found != null) {
          return;
        }
      }
      if (n == 2 && !large) {
        for (int i = 0; i < variants.size(); i++) {
          for (Pending first : singles.get(i)) {
            Recipe a = first.recipe();
            for (int j = i + 1; j < variants.size(); j++) {
              for (Pending p : variants.get(j).apply(a)) {
                s.attempt(p.mistakes(), p::recipe, n);
                if (s.found != null) {
                  return;
                }
              }
            }
          }
        }
      }
    }
  }

  private static boolean constantTimeEquals(byte[] a, byte[] b) {
    return b != null && MessageDigest.isEqual(a, b);
  }

  /** The 719 orders of the six fields other than the scheme's. */
  private static List<List<Integer>> permutations() {
    List<List<Integer>> out = new ArrayList<>();
    permute(new int[] {0, 1, 2, 3, 4, 5}, 0, out);
    out.remove(Recipe.SCHEME_ORDER);
    return out;
  }

  private static void permute(int[] a, int k, List<List<Integer>> out) {
    if (k == a.length) {
      out.add(java.util.Arrays.stream(a).boxed().toList());
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
