package dev.itk.fuzz;

import dev.itk.signing.IssuetrakTimestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Shrinks an input that shows a difference to a small one that still shows it: first field by field
 * (each replaced by its simplest value), then unit by unit (chunks of the body's bytes and of the
 * text fields' characters removed, halving the chunk down to one). Candidates go to the adapter in
 * batches; the first that keeps the difference wins. Only inputs the reference signs, with at most
 * one unknown rule, are tried. Bounded by a number of batches.
 */
final class Shrinker {
  /** Whether each candidate still shows the difference being shrunk, in order. */
  interface Oracle {
    List<Boolean> stillDiffers(List<FuzzInput> candidates);
  }

  /** The simplest request ID and timestamp: the scheme's documented examples. */
  static final String SIMPLE_REQUEST_ID = "c3838d04-46f8-43d6-92fd-62b3d0b59f3e";

  static final String SIMPLE_KEY = "k";
  private static final int MAX_CANDIDATES = 64;
  private static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

  private final Oracle oracle;
  private int batchesLeft;
  private int tried;

  Shrinker(Oracle oracle, int maxBatches) {
    this.oracle = oracle;
    this.batchesLeft = maxBatches;
  }

  /** How many candidates were sent. */
  int tried() {
    return tried;
  }

  /** Whether the batch budget ran out before the input was minimal. */
  boolean exhausted() {
    return batchesLeft <= 0;
  }

  FuzzInput shrink(FuzzInput start) {
    FuzzInput cur = start;
    for (int pass = 0; pass < 3 && batchesLeft > 0; pass++) {
      FuzzInput before = cur;
      cur = simplifyFields(cur);
      cur = removeUnits(cur, Field.BODY);
      cur = removeUnits(cur, Field.PATH);
      cur = removeUnits(cur, Field.QUERY);
      // a key or method already at its simplest value stays readable ("k", "GET", not "T")
      if (!cur.key().equals(SIMPLE_KEY)) {
        cur = removeUnits(cur, Field.KEY);
      }
      if (!cur.method().equals("GET")) {
        cur = removeUnits(cur, Field.METHOD);
      }
      if (cur.equals(before)) {
        break;
      }
    }
    return cur;
  }

  /** Each field replaced by its simplest value, as long as one such replacement keeps it. */
  private FuzzInput simplifyFields(FuzzInput cur) {
    while (batchesLeft > 0) {
      List<FuzzInput> candidates = new ArrayList<>();
      for (FuzzInput c :
          List.of(
              cur.withBody(new byte[0]),
              cur.withQuery(""),
              cur.withPath("/"),
              cur.withKey(SIMPLE_KEY),
              cur.withMethod("GET"),
              cur.withTimestamp(IssuetrakTimestamp.EXAMPLE),
              cur.withRequestId(SIMPLE_REQUEST_ID))) {
        if (!c.equals(cur) && signable(c)) {
          candidates.add(c);
        }
      }
      FuzzInput better = firstThatDiffers(candidates);
      if (better == null) {
        return cur;
      }
      cur = better;
    }
    return cur;
  }

  private FuzzInput removeUnits(FuzzInput cur, Field field) {
    int length = field.length(cur);
    int chunk = Math.max(1, length / 2);
    while (batchesLeft > 0 && length > 0) {
      FuzzInput better = null;
      for (int from = 0; from < length && better == null && batchesLeft > 0; ) {
        List<FuzzInput> candidates = new ArrayList<>();
        long bytes = 0;
        while (from < length && candidates.size() < MAX_CANDIDATES && bytes < MAX_BATCH_BYTES) {
          FuzzInput c = field.remove(cur, from, Math.min(length, from + chunk));
          from += chunk;
          if (!c.equals(cur) && signable(c)) {
            candidates.add(c);
            bytes += c.size();
          }
        }
        better = firstThatDiffers(candidates);
      }
      if (better != null) {
        cur = better;
        length = field.length(cur);
        chunk = Math.max(1, Math.min(chunk, length / 2));
      } else if (chunk == 1) {
        return cur;
      } else {
        chunk /= 2;
      }
    }
    return cur;
  }

  private FuzzInput firstThatDiffers(List<FuzzInput> candidates) {
    if (candidates.isEmpty()) {
      return null;
    }
    batchesLeft--;
    tried += candidates.size();
    List<Boolean> verdicts = oracle.stillDiffers(candidates);
    for (int i = 0; i < candidates.size(); i++) {
      if (verdicts.get(i)) {
        return candidates.get(i);
      }
    }
    return null;
  }

  /** Whether the reference signs {@code c} and it rests on one unknown rule at most. */
  static boolean signable(FuzzInput c) {
    if (c.unknownRuleCount() > 1) {
      return false;
    }
    try {
      Reference.sign(c);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A field whose units (bytes of the body, code points of text) can be removed. */
  private enum Field {
    BODY(in -> in.body().length, (in, r) -> in.withBody(cut(in.body(), r[0], r[1]))),
    // the path keeps its leading slash
    PATH(
        in -> in.path().codePointCount(0, in.path().length()) - 1,
        (in, r) -> in.withPath("/" + cut(in.path().substring(1), r[0], r[1]))),
    QUERY(
        in -> in.query().codePointCount(0, in.query().length()),
        (in, r) -> in.withQuery(cut(in.query(), r[0], r[1]))),
    KEY(
        in -> in.key().codePointCount(0, in.key().length()),
        (in, r) -> in.withKey(cut(in.key(), r[0], r[1]))),
    METHOD(in -> in.method().length(), (in, r) -> in.withMethod(cut(in.method(), r[0], r[1])));

    private final Function<FuzzInput, Integer> length;
    private final BiFunction<FuzzInput, int[], FuzzInput> remove;

    Field(Function<FuzzInput, Integer> length, BiFunction<FuzzInput, int[], FuzzInput> remove) {
      this.length = length;
      this.remove = remove;
    }

    int length(FuzzInput in) {
      return length.apply(in);
    }

    /** {@code in} without units {@code [from, to)}. */
    FuzzInput remove(FuzzInput in, int from, int to) {
      return remove.apply(in, new int[] {from, to});
    }

    private static byte[] cut(byte[] b, int from, int to) {
      byte[] out = Arrays.copyOf(b, b.length - (to - from));
      System.arraycopy(b, to, out, from, b.length - to);
      return out;
    }

    /** {@code s} without code points {@code [from, to)}. */
    private static String cut(String s, int from, int to) {
      int a = s.offsetByCodePoints(0, from);
      int b = s.offsetByCodePoints(a, to - from);
      return s.substring(0, a) + s.substring(b);
    }
  }
}
