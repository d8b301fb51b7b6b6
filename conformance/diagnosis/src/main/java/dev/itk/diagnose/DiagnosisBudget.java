package dev.itk.diagnose;

/**
 * How much work one diagnosis may do: it hashes at most {@code fixedHashedBytes} plus {@code
 * hashedBytesPerMessageByte} times the request's canonical message, and tries at most {@code
 * largeBodyVariants} variants of a request whose body is over 64 KiB. A diagnosis that reaches
 * either limit stops and says so ({@link Diagnosis#complete()}, {@link Diagnosis#limit()}).
 *
 * <pre>{@code
 * Diagnosis d = diagnoser.diagnose(request, now, Set.of(), DiagnosisBudget.SERVER);
 * d.limit(); // null, or "cut short after 4 of 37 variants: the next would pass the budget of ..."
 * }</pre>
 *
 * <p>Rule and numbers: docs/debugging.md#the-budget.
 *
 * @param fixedHashedBytes bytes any request may hash, whatever its size
 * @param hashedBytesPerMessageByte bytes more per byte of the canonical message (at least 1: the
 *     diagnosis checks the received signature itself first)
 * @param largeBodyVariants variants tried at most when the body is over 64 KiB
 * @param renderedMessageBytes the most bytes of the server's canonical message rendered into {@link
 *     Diagnosis#serverMessage()}; a longer message shows its first bytes and how many more there
 *     are
 */
public record DiagnosisBudget(
    long fixedHashedBytes,
    int hashedBytesPerMessageByte,
    int largeBodyVariants,
    int renderedMessageBytes) {
  /**
   * No limit: every variant of the catalogue, as {@code itk diagnose} and the tests run it. A 9 MiB
   * body with a wrong signature hashes about 7 GB (some 740 HMACs of the whole body): seconds.
   */
  public static final DiagnosisBudget OFFLINE =
      new DiagnosisBudget(Long.MAX_VALUE, 1, Integer.MAX_VALUE, Integer.MAX_VALUE);

  /**
   * For a server's hot path: 8 MiB plus 4 times the message, and 64 variants of a large body.
   *
   * <p>The 8 MiB are measured: a search that finds nothing tries every single variant, field order
   * and pair, about 1400 HMACs of the message; the cases of fixtures/diagnosis/cases.json need at
   * most 352 KB, a POST with a 4 KiB JSON body and a query 5.75 MiB. So a request with a body up to
   * about 5.5 KiB gets its complete diagnosis, for some tens of milliseconds of one core at most.
   * The 4 times the message are a 9 MiB body's signature check and its likeliest body variants
   * (body-not-signed, body-hash-signed, trailing newline, CRLF), instead of the 758 or so HMACs of
   * the full search. 64 variants are more than the single variants of a large body (39 for a 100
   * KiB POST with a query and site folders, measured), and far fewer than the 719 field orders,
   * which a large body therefore never gets. The server's message is rendered up to its first 64
   * KiB (rendering 9 MiB took longer than hashing it).
   */
  public static final DiagnosisBudget SERVER = new DiagnosisBudget(8L << 20, 4, 64, 64 * 1024);

  public DiagnosisBudget {
    if (fixedHashedBytes < 0) {
      throw new IllegalArgumentException(
          "fixedHashedBytes must be at least 0; got " + fixedHashedBytes);
    }
    if (hashedBytesPerMessageByte < 1) {
      throw new IllegalArgumentException(
          "hashedBytesPerMessageByte must be at least 1 (the diagnosis hashes the message once to"
              + " check the signature); got "
              + hashedBytesPerMessageByte);
    }
    if (largeBodyVariants < 0) {
      throw new IllegalArgumentException(
          "largeBodyVariants must be at least 0; got " + largeBodyVariants);
    }
    if (renderedMessageBytes < 0) {
      throw new IllegalArgumentException(
          "renderedMessageBytes must be at least 0; got " + renderedMessageBytes);
    }
  }

  /**
   * The bytes a diagnosis may hash for a canonical message of {@code messageLength} bytes, e.g.
   * {@code SERVER.maxHashedBytes(1000)} is 8 MiB plus 4000; {@link Long#MAX_VALUE} when that
   * overflows.
   */
  public long maxHashedBytes(long messageLength) {
    try {
      return Math.addExact(
          fixedHashedBytes, Math.multiplyExact((long) hashedBytesPerMessageByte, messageLength));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
