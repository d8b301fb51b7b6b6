package dev.itk.diagnose;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.VerificationError;
import dev.itk.signing.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
   * The most mistakes an explanation has: three when at least one is of the signature's form (hash,
   * encoding, line breaks, scheme word) or read from the request (header names, an epoch
   * timestamp), so that at most two are of the message and the key. Each pair of those is tried
   * with the readings of the signature that leave room for it: a signature read one way (base64, or
   * hex, ...) costs one pass over the pairs, as before.
   */
  static final int MAX_MISTAKES = 3;

  /**
   * The order in which a large body's variants are tried: the body's own mistakes first
   * (body-not-signed and body-hash-signed sign next to nothing), then the rest in catalogue order,
   * field orders last.
   */
  private static final List<Mistake> LARGE_BODY_FIRST =
      List.of(
          Mistake.BODY_NOT_SIGNED,
          Mistake.BODY_HASH_SIGNED,
          Mistake.BODY_TRAILING_NEWLINE,
          Mistake.BODY_CRLF,
          Mistake.BODY_LATIN1,
          Mistake.BODY_RESERIALIZED);

  /**
   * The refusals a re-signed variant may explain: a wrong signature, and the refusals the verifier
   * gives before it compares signatures that a mistake can cause (an encoding it cannot read, a
   * timestamp it judges first).
   */
  private static final Set<VerificationError> SEARCHED =
      Set.of(
          VerificationError.BAD_SIGNATURE,
          VerificationError.STALE_TIMESTAMP,
          VerificationError.MALFORMED_SIGNATURE);

  /** A word and spaces before the signature, e.g. {@code HMAC <signature>}. */
  private static final java.util.regex.Pattern SCHEME_WORD =
      java.util.regex.Pattern.compile(
          "([A-Za-z][A-Za-z0-9-]*) +(\\S.*)", java.util.regex.Pattern.DOTALL);

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
    VerificationResult result = verify(request, now);
    if (result.error().orElse(null) == VerificationError.MISSING_HEADER) {
      // a header the client misnamed, or put in Authorization: diagnosed as if named right, with
      // that mistake counted in every explanation; the code stays the verifier's
      NearMissHeaders.Repair repair = NearMissHeaders.repair(request);
      if (repair != null) {
        Diagnosis d =
            diagnose(
                repair.request(), verify(repair.request(), now), seenRequestIds, budget, repair);
        return new Diagnosis(
            false,
            result.code(),
            d.causes(),
            d.serverMessage(),
            d.complete(),
            d.limit(),
            d.hashedBytes(),
            d.clientMessage());
      }
    }
    return diagnose(request, result, seenRequestIds, budget, null);
  }

  private VerificationResult verify(ReceivedRequest request, Instant now) {
    return SignatureVerifier.builder()
        .key(key)
        .window(window)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .replayProtection(false)
        .build()
        .verify(request);
  }

  /**
   * Diagnoses {@code request} as the verifier judged it; {@code repair}: how it was made from the
   * request received (its header mistakes are in every explanation), null when it is that request.
   */
  private Diagnosis diagnose(
      ReceivedRequest request,
      VerificationResult result,
      Set<String> seenRequestIds,
      DiagnosisBudget budget,
      NearMissHeaders.Repair repair) {
    String rendered =
        result.message().map(m -> render(m, budget.renderedMessageBytes())).orElse(null);
    VerificationError error = result.error().orElse(null); // null: accepted
    String code = result.code();
    String id = first(request, SignatureHeaders.REQUEST_ID);
    String ts = first(request, SignatureHeaders.TIMESTAMP);
    String sig = first(request, SignatureHeaders.AUTHORIZATION);
    // the mistakes read from the request itself (header names, the timestamp's form): one of the
    // mistakes of every explanation the search finds
    List<Mistake> readMistakes = new ArrayList<>(repair == null ? List.of() : repair.mistakes());
    String epoch = error == VerificationError.MALFORMED_TIMESTAMP ? epochInstant(ts) : null;
    if (epoch != null) {
      readMistakes.add(Mistake.TIMESTAMP_EPOCH);
    }
    if (rendered == null && id != null && ts != null) {
      rendered = render(request, id, ts, budget.renderedMessageBytes());
    }
    if (rendered == null && epoch != null && id != null) {
      // the server's message had it taken the timestamp's text as it is
      rendered = render(base(request, id, ts).message(), budget.renderedMessageBytes());
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
        readMistakes.isEmpty()
            && error != VerificationError.BAD_SIGNATURE
            && constantTimeEquals(
                message.hmac(base.key(), "HmacSHA512"), decode(sig, Base64.getDecoder()));
    if (signatureRight) {
      boolean seen = seenRequestIds.stream().anyMatch(x -> x.equalsIgnoreCase(id));
      if (error == VerificationError.STALE_TIMESTAMP && seen) {
        // a retry that re-sent the signed request: its timestamp is the first attempt's, so it is
        // stale because it is old, not because a clock is off
        return new Diagnosis(
            false,
            code,
            List.of(
                Cause.of(
                    Mistake.REPLAYED_REQUEST_ID,
                    "request ID "
                        + id
                        + ", already used; the timestamp is the first attempt's ("
                        + result.clockOffset().map(Duration::toString).orElse("?")
                        + " from the server's clock): the request was re-sent, not signed again")),
            rendered,
            true,
            null,
            checked);
      }
      if (error == VerificationError.STALE_TIMESTAMP) {
        Duration clockOffset = result.clockOffset().orElse(null);
        String offset = clockOffset == null ? "?" : clockOffset.toString();
        Integer hours = clockOffset == null ? null : localTimeHours(clockOffset);
        Cause cause =
            hours == null
                ? Cause.of(Mistake.CLOCK_SKEW, "timestamp minus server clock: " + offset)
                : Cause.of(
                    Mistake.TIMESTAMP_LOCAL_TIME,
                    "timestamp minus server clock: "
                        + offset
                        + ", within the window of "
                        + hours
                        + (Math.abs(hours) == 1 ? " hour" : " hours")
                        + ": the client's local time is UTC"
                        + (hours > 0 ? "+" : "")
                        + hours);
        return new Diagnosis(false, code, List.of(cause), rendered, true, null, checked);
      }
      if (seen) {
        return new Diagnosis(
            false,
            VerificationError.REPLAYED_REQUEST_ID.code(),
            List.of(Cause.of(Mistake.REPLAYED_REQUEST_ID, "request ID " + id)),
            rendered,
            true,
            null,
            checked);
      }
      return new Diagnosis(result.isValid(), code, List.of(), rendered, true, null, checked);
    }
    if (readMistakes.isEmpty() && (error == null || !SEARCHED.contains(error))) {
      return new Diagnosis(false, code, List.of(), rendered, true, null, checked);
    }
    boolean large = base.body().length() > PAIR_BODY_LIMIT;
    Search search =
        new Search(
            candidates(sig, readMistakes),
            budget,
            checked,
            large ? budget.largeBodyVariants() : Integer.MAX_VALUE);
    search(base, new Variant.Context(first(request, "Host"), keyText), large, search);
    List<Cause> causes = search.found == null ? List.of() : search.found;
    if (repair != null && !repair.misspelled().isEmpty()) {
      causes =
          detailed(
              causes,
              Cause.of(Mistake.HEADER_NAME_MISSPELLED, String.join("; ", repair.misspelled())));
    }
    if (epoch != null) {
      causes = detailed(causes, Cause.of(Mistake.TIMESTAMP_EPOCH, ts + " is " + epoch));
    }
    return new Diagnosis(
        false,
        code,
        causes,
        rendered,
        search.stop == null,
        search.limit(),
        search.hashed,
        search.foundMessage == null
            ? null
            : render(search.foundMessage, budget.renderedMessageBytes()));
  }

  /** {@code causes} with {@code named}'s id replaced by {@code named}, which has its details. */
  private static List<Cause> detailed(List<Cause> causes, Cause named) {
    return causes.stream().map(x -> x.id().equals(named.id()) ? named : x).toList();
  }

  /** A timestamp in epoch seconds (a fraction allowed) or milliseconds. */
  private static final java.util.regex.Pattern EPOCH =
      java.util.regex.Pattern.compile("([0-9]{10})(?:\\.([0-9]+))?|([0-9]{13})");

  /**
   * What an epoch timestamp stands for, e.g. {@code epoch seconds: 2023-11-14T22:13:20Z}; null when
   * {@code ts} is not one.
   */
  private static String epochInstant(String ts) {
    java.util.regex.Matcher m = ts == null ? null : EPOCH.matcher(ts);
    if (m == null || !m.matches()) {
      return null;
    }
    if (m.group(3) != null) {
      return "epoch milliseconds: " + Instant.ofEpochMilli(Long.parseLong(m.group(3)));
    }
    return "epoch seconds: " + Instant.ofEpochSecond(Long.parseLong(m.group(1)));
  }

  /**
   * The whole hours (1 to 14, either way) {@code offset} is within the window of, e.g. 2 for 2
   * hours and 3 minutes with a 5-minute window: a local time written with a Z; null when none.
   */
  private Integer localTimeHours(Duration offset) {
    for (int hours = -14; hours <= 14; hours++) {
      if (hours != 0 && offset.minusHours(hours).abs().compareTo(window) <= 0) {
        return hours;
      }
    }
    return null;
  }

  /**
   * Whether the diagnosis of {@code request}, refused with {@code error}, may name a cause, so that
   * a server runs it: a refused signature (bad, malformed, stale, replayed); a missing header found
   * under a near-miss name or, for the signature, in a plain {@code Authorization} header; a
   * timestamp in epoch form. Any other refusal is explained by the verifier's detail alone.
   */
  public static boolean mayNameCause(ReceivedRequest request, VerificationError error) {
    if (error == null) {
      return false;
    }
    return switch (error) {
      case BAD_SIGNATURE, MALFORMED_SIGNATURE, STALE_TIMESTAMP, REPLAYED_REQUEST_ID -> true;
      case MISSING_HEADER -> NearMissHeaders.repair(request) != null;
      case MALFORMED_TIMESTAMP -> epochInstant(first(request, SignatureHeaders.TIMESTAMP)) != null;
      default -> false;
    };
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

  /** The message a variant signs, rendered as {@link #render(CanonicalMessage, int)} does. */
  private static String render(Recipe.Message m, int maxBytes) {
    long length = m.length();
    java.io.ByteArrayOutputStream out =
        new java.io.ByteArrayOutputStream((int) Math.min(length, maxBytes));
    for (ByteString part : m.parts()) {
      int room = maxBytes - out.size();
      if (room <= 0) {
        break;
      }
      ByteString kept = part.length() <= room ? part : part.substring(0, room);
      out.writeBytes(kept.toByteArray());
    }
    byte[] bytes = out.toByteArray();
    String rendered = MessageRendering.render(bytes);
    return length <= maxBytes
        ? rendered
        : rendered + "\n... (" + (length - maxBytes) + " more bytes of the message)";
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

  // ------------------------------------------------------------------ the search

  private record Candidate(byte[] digest, String algorithm, List<Mistake> encoding) {}

  /**
   * The received signature read every way a client may have sent it: as it is and, when a word and
   * a space come first ({@code HMAC <signature>}), without them; each decoded every way a client
   * may have encoded it. {@code readMistakes}: the mistakes read from the request (header names,
   * timestamp).
   */
  private static List<Candidate> candidates(String sig, List<Mistake> readMistakes) {
    List<Candidate> out = new ArrayList<>();
    unwrapped(sig, readMistakes, out);
    java.util.regex.Matcher word = SCHEME_WORD.matcher(sig);
    if (word.matches()) {
      List<Mistake> with = new ArrayList<>(readMistakes);
      with.add(Mistake.SIGNATURE_SCHEME_WORD);
      unwrapped(word.group(2), with, out);
    }
    out.removeIf(c -> c.algorithm() == null);
    return out;
  }

  /**
   * {@code sig}'s decodings and, when it has line breaks (MIME base64 wraps at 76 characters with
   * CRLF), those of {@code sig} without them, with signature-mime-wrapped.
   */
  private static void unwrapped(String sig, List<Mistake> made, List<Candidate> out) {
    decodings(sig, made, out);
    if (sig.indexOf('\n') >= 0 || sig.indexOf('\r') >= 0) {
      List<Mistake> with = new ArrayList<>(made);
      with.add(Mistake.SIGNATURE_MIME_WRAPPED);
      decodings(sig.replace("\r", "").replace("\n", ""), with, out);
    }
  }

  /** {@code sig} decoded as base64, base64url and hex, each with {@code made} mistakes. */
  private static void decodings(String sig, List<Mistake> made, List<Candidate> out) {
    byte[] b64 = decode(sig, Base64.getDecoder());
    if (b64 != null) {
      out.add(candidate(b64, made, null));
    }
    if (sig.indexOf('-') >= 0 || sig.indexOf('_') >= 0 || (b64 == null && !sig.isEmpty())) {
      byte[] url = decode(sig, Base64.getUrlDecoder());
      if (url != null) {
        out.add(candidate(url, made, Mistake.SIGNATURE_BASE64URL));
      }
    }
    if (sig.matches("[0-9a-fA-F]+") && sig.length() % 2 == 0) {
      out.add(
          candidate(
              HexFormat.of().parseHex(sig.toLowerCase(Locale.ROOT)), made, Mistake.SIGNATURE_HEX));
    }
  }

  private static Candidate candidate(byte[] digest, List<Mistake> made, Mistake encoding) {
    List<Mistake> all = new ArrayList<>(made);
    if (encoding != null) {
      all.add(encoding);
    }
    return candidate(digest, all);
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

    /** The message of that variant; null while none has. */
    Recipe.Message foundMessage;

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
          foundMessage = message;
        }
      }
    }

    /**
     * Stops the search unless the {@code tries} of {@code m}'s variants fit the cap on variants.
     */
    void reserve(Mistake m, long tries) {
      if (stop == null && found == null && tried + tries > maxTries) {
        stop = variantsText() + ", too few for the " + tries + " " + m.id() + " variants";
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
   * The plan, fewest mistakes first: the encoding alone, each single variant of the mistakes tried
   * in pairs, then those of the mistakes tried alone (field order); then the same with one encoding
   * mistake more, and each pair of variants (small bodies only); then up to {@link #MAX_MISTAKES}
   * in all, pairs only with a reading of the signature that counts one mistake. An encoding mistake
   * here is any of a reading of the signature, those read from the request included. Stops at the
   * first variant that reproduces the signature.
   */
  private static void search(Recipe base, Variant.Context context, boolean large, Search s) {
    if (s.candidates.isEmpty()) {
      return;
    }
    List<Mistake> paired = new ArrayList<>();
    List<Mistake> alone = new ArrayList<>();
    for (Mistake m : Mistake.values()) {
      (m.triedAlone() ? alone : paired).add(m);
    }
    if (large) {
      paired.sort(
          Comparator.comparingInt(
              m -> {
                int at = LARGE_BODY_FIRST.indexOf(m);
                return at < 0 ? LARGE_BODY_FIRST.size() : at;
              }));
    }
    List<List<Variant>> singles = new ArrayList<>();
    for (Mistake m : paired) {
      singles.add(m.variants(base, context));
    }
    List<List<Variant>> singlesAlone = new ArrayList<>();
    for (Mistake m : alone) {
      singlesAlone.add(m.variants(base, context));
    }
    for (int n = 1; n <= MAX_MISTAKES; n++) {
      s.attempt(0, () -> base, n);
      if (s.found != null) {
        return;
      }
      for (List<Variant> variants : singles) {
        if (attemptAll(variants, n, s)) {
          return;
        }
      }
      for (int i = 0; i < alone.size(); i++) {
        if (large) {
          // a large body gets all of its field orders or none
          s.reserve(alone.get(i), (long) singlesAlone.get(i).size() * s.tries(1, n));
        }
        if (attemptAll(singlesAlone.get(i), n, s)) {
          return;
        }
      }
      // pairs: alone at n = 2; at n = 3 with a mistake of the signature's form or read from the
      // request, when the signature has a reading with exactly one (else nothing to hash)
      if (n >= 2 && !large && s.tries(2, n) > 0) {
        for (int i = 0; i < paired.size(); i++) {
          for (Variant first : singles.get(i)) {
            Recipe a = first.recipe();
            for (int j = i + 1; j < paired.size(); j++) {
              if (attemptAll(paired.get(j).variants(a, context), n, s)) {
                return;
              }
            }
          }
        }
      }
    }
  }

  /**
   * Tries {@code variants} in turn for {@code n} mistakes; whether one reproduced the signature.
   */
  private static boolean attemptAll(List<Variant> variants, int n, Search s) {
    for (Variant v : variants) {
      s.attempt(v.mistakes(), v::recipe, n);
      if (s.found != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean constantTimeEquals(byte[] a, byte[] b) {
    return b != null && MessageDigest.isEqual(a, b);
  }
}
