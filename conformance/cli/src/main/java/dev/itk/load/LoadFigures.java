package dev.itk.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link StubLoad} run measured: how many requests of each kind were answered, how the
 * answers compare with the expected ones, whether the record holds each request once, and how fast.
 *
 * @param answered requests that got an HTTP answer
 * @param transportErrors requests that got none (connection refused or reset, timeout)
 * @param sentByKind answered requests by kind
 * @param answers answered requests by status and error code, e.g. {@code 401 bad-signature}
 * @param wrongAccepts invalid requests answered 200
 * @param wrongRejects valid requests refused
 * @param wrongCodes invalid requests refused with another error code than expected
 * @param cacheFullRefusals valid requests of a unique-ID flood refused with {@code
 *     replay-cache-full} because the replay check was full (expected there, and nowhere else)
 * @param serverErrors answers with a 5xx status
 * @param lostRecords answered requests missing from the stub's record
 * @param extraRecords records made twice, or matching no request of the run
 * @param recordStatusMismatches records whose status differs from the answer the client got
 * @param elapsed wall time of the run
 * @param p50 median latency, request sent to answer read
 * @param p99 99th percentile latency
 * @param max slowest answer
 * @param peakRememberedIds the most request IDs the replay check held at once (sampled)
 * @param samples up to ten wrong answers and five transport errors, described
 */
public record LoadFigures(
    StubLoad.Plan plan,
    long answered,
    long transportErrors,
    Map<StubLoad.Kind, Integer> sentByKind,
    Map<String, Integer> answers,
    long wrongAccepts,
    long wrongRejects,
    long wrongCodes,
    long cacheFullRefusals,
    long serverErrors,
    long lostRecords,
    long extraRecords,
    long recordStatusMismatches,
    Duration elapsed,
    Duration p50,
    Duration p99,
    Duration max,
    int peakRememberedIds,
    List<String> samples) {
  public LoadFigures {
    sentByKind = Map.copyOf(sentByKind);
    answers = Map.copyOf(answers);
    samples = List.copyOf(samples);
  }

  /** Every request answered as expected and recorded once, nothing lost, no 5xx. */
  public boolean clean() {
    return answered == plan.requests()
        && transportErrors == 0
        && wrongAccepts == 0
        && wrongRejects == 0
        && wrongCodes == 0
        && serverErrors == 0
        && lostRecords == 0
        && extraRecords == 0
        && recordStatusMismatches == 0;
  }

  /** Answered requests per second of wall time. */
  public double requestsPerSecond() {
    return answered / Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  /** The figures as aligned text lines, for the console and the docs. */
  public String render() {
    StringBuilder b = new StringBuilder();
    line(b, "clients", String.format(Locale.ROOT, "%d", plan.clients()));
    line(
        b,
        "requests",
        String.format(
            Locale.ROOT,
            "%,d answered of %,d planned (%,d got no answer)",
            answered,
            plan.requests(),
            transportErrors));
    sentByKind.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                line(
                    b,
                    "  " + e.getKey().name().toLowerCase(Locale.ROOT),
                    String.format(Locale.ROOT, "%,d", e.getValue())));
    answers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                line(
                    b,
                    "  answered " + e.getKey(),
                    String.format(Locale.ROOT, "%,d", e.getValue())));
    line(b, "wrong accepts", Long.toString(wrongAccepts));
    line(b, "wrong rejects", Long.toString(wrongRejects));
    line(b, "wrong error codes", Long.toString(wrongCodes));
    if (plan.uniqueIdFlood()) {
      line(b, "refused: replay cache full", String.format(Locale.ROOT, "%,d", cacheFullRefusals));
    }
    line(b, "5xx answers", Long.toString(serverErrors));
    line(b, "lost records", Long.toString(lostRecords));
    line(b, "extra records", Long.toString(extraRecords));
    line(b, "record/answer status mismatches", Long.toString(recordStatusMismatches));
    line(
        b,
        "wall time",
        String.format(
            Locale.ROOT,
            "%.1f s (%,.0f requests/s)",
            elapsed.toMillis() / 1000.0,
            requestsPerSecond()));
    line(
        b,
        "latency",
        String.format(
            Locale.ROOT,
            "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
            p50.toNanos() / 1e6,
            p99.toNanos() / 1e6,
            max.toNanos() / 1e6));
    line(b, "request IDs remembered (peak)", String.format(Locale.ROOT, "%,d", peakRememberedIds));
    for (String s : samples) {
      b.append("  ! ").append(s).append('\n');
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "%-34s %s%n", name, value));
  }
}
