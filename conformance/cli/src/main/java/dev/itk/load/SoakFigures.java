package dev.itk.load;

import dev.itk.stub.RecordCounts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link StubSoak} run measured: the answers to each kind of traffic and how they compare
 * with the expected ones, whether the stub's record counted every answer once within its bounds,
 * and the heap, RSS and record over time.
 *
 * @param plan what was run
 * @param stub how the soak's stub was configured
 * @param elapsed wall time, from the first request to the last answer
 * @param byTraffic answers by kind of traffic
 * @param answers every answer by status and error code, e.g. {@code 401 bad-signature}
 * @param wrongAnswers answers with another status or code than expected, a 401 to a large body
 *     without its diagnosis, a stalled body the stub never answered nor closed, and a traffic lane
 *     that did not stop
 * @param serverErrors answers with a 5xx status
 * @param transportErrors requests that got no answer (a stalled body whose connection the stub
 *     closed excepted)
 * @param largeBodyDiagnoses the {@code diagnosis.status} of the 401s to large bodies, e.g. {@code
 *     complete}, {@code busy}
 * @param record the record's check
 * @param samples the memory at the start, during the run and at the end, in order
 * @param problems up to ten wrong answers and five transport errors, described, and any failed
 *     record check
 */
public record SoakFigures(
    StubSoak.Plan plan,
    StubLimits stub,
    Duration elapsed,
    Map<SoakTraffic, PerTraffic> byTraffic,
    Map<String, Long> answers,
    long wrongAnswers,
    long serverErrors,
    long transportErrors,
    Map<String, Long> largeBodyDiagnoses,
    RecordCheck record,
    List<MemorySample> samples,
    List<String> problems) {
  public SoakFigures {
    byTraffic = Map.copyOf(byTraffic);
    answers = Map.copyOf(answers);
    largeBodyDiagnoses = Map.copyOf(largeBodyDiagnoses);
    samples = List.copyOf(samples);
    problems = List.copyOf(problems);
  }

  /**
   * The soak stub's settings, as its health route reports them.
   *
   * @param window the clock-skew window
   * @param replayCapacity request IDs the replay check holds at most
   * @param maxRecordedRequests records kept at most
   * @param maxRecordedBytes about the most bytes the kept records hold
   * @param maxBodyBytes the largest body the stub reads
   * @param diagnosis whether a 401 names its likely causes
   */
  public record StubLimits(
      Duration window,
      int replayCapacity,
      long maxRecordedRequests,
      long maxRecordedBytes,
      long maxBodyBytes,
      boolean diagnosis) {}

  /**
   * The answers to one kind of traffic.
   *
   * @param answered requests that got an HTTP answer
   * @param unanswered requests that got none: a stalled body whose connection was closed, or a
   *     transport error
   * @param answers answers by status and error code
   * @param meanLatency mean time from sending to the whole answer read
   * @param maxLatency the slowest answer
   */
  public record PerTraffic(
      long answered,
      long unanswered,
      Map<String, Long> answers,
      Duration meanLatency,
      Duration maxLatency) {
    public PerTraffic {
      answers = Map.copyOf(answers);
    }
  }

  /**
   * The record against the answers: it is bounded, so not every request can be matched; instead its
   * total must equal the requests outside {@code /__itk/} the stub answered (plus at most those
   * whose answer the client never saw), it must stay within its bounds, and each record kept when
   * sampled must carry the status its client got.
   *
   * @param total every request the stub recorded ({@link RecordCounts#total()})
   * @param answeredNonAdmin requests outside {@code /__itk/} that got an answer
   * @param unansweredNonAdmin requests outside {@code /__itk/} that got none
   * @param peakKept the most records kept at a sample
   * @param peakKeptBytes the most bytes kept at a sample
   * @param statusChecks records compared with their request's answer, over all samples
   * @param statusMismatches records whose status differed from the answer
   * @param foreignRecords records that matched no request of the soak
   */
  public record RecordCheck(
      long total,
      long answeredNonAdmin,
      long unansweredNonAdmin,
      long peakKept,
      long peakKeptBytes,
      long statusChecks,
      long statusMismatches,
      long foreignRecords) {
    /** Whether the total matches the answers, the bounds held, and every status matched. */
    public boolean ok(StubLimits limits) {
      return totalMatches()
          && peakKept <= limits.maxRecordedRequests()
          && peakKeptBytes <= limits.maxRecordedBytes()
          && statusMismatches == 0
          && foreignRecords == 0;
    }

    /** Every answered request recorded once, and nothing else but requests that got no answer. */
    public boolean totalMatches() {
      return total >= answeredNonAdmin && total <= answeredNonAdmin + unansweredNonAdmin;
    }
  }

  /**
   * The memory at one moment.
   *
   * @param at time since the soak's start
   * @param heapAfterGc used heap right after a full GC, in bytes (the whole JVM: stub and load)
   * @param rssBytes the process's resident set ({@code VmRSS}), or -1 where there is no {@code
   *     /proc}
   * @param record the record's counts
   * @param rememberedRequestIds request IDs the replay check holds
   */
  public record MemorySample(
      Duration at,
      long heapAfterGc,
      long rssBytes,
      RecordCounts record,
      int rememberedRequestIds) {}

  /** Every request answered as expected, no 5xx, no request unanswered, the record checked. */
  public boolean clean() {
    return wrongAnswers == 0 && serverErrors == 0 && transportErrors == 0 && record.ok(stub);
  }

  /** Answered requests, all kinds. */
  public long answered() {
    return byTraffic.values().stream().mapToLong(PerTraffic::answered).sum();
  }

  /** Answered requests per second of wall time. */
  public double requestsPerSecond() {
    return perSecond(answered());
  }

  private double perSecond(long n) {
    return n / Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  /** The figures as aligned text lines, for the console and the docs. */
  public String render() {
    StringBuilder b = new StringBuilder();
    line(
        b,
        "duration",
        String.format(
            Locale.ROOT,
            "%s planned, %.1f s run",
            clock(plan.duration()),
            elapsed.toMillis() / 1000.0));
    line(
        b,
        "stub",
        String.format(
            Locale.ROOT,
            "window %d s, replay capacity %,d, record at most %,d requests and %s, body at most"
                + " %s, diagnosis %s",
            stub.window().toSeconds(),
            stub.replayCapacity(),
            stub.maxRecordedRequests(),
            mib(stub.maxRecordedBytes()),
            mib(stub.maxBodyBytes()),
            stub.diagnosis() ? "on" : "off"));
    line(
        b,
        "traffic",
        String.format(
            Locale.ROOT,
            "%d signed clients, %d slow clients, 1 oversized-body client, 1 admin client",
            plan.clients(),
            plan.slowClients()));
    long unanswered = byTraffic.values().stream().mapToLong(PerTraffic::unanswered).sum();
    line(
        b,
        "requests answered",
        String.format(
            Locale.ROOT,
            "%,d (%,.1f/s); %,d got no answer",
            answered(),
            requestsPerSecond(),
            unanswered));
    for (SoakTraffic t : SoakTraffic.values()) {
      PerTraffic p = byTraffic.get(t);
      if (p == null) {
        line(b, "  " + t.label(), "0 (never sent)");
        continue;
      }
      StringBuilder answersText = new StringBuilder();
      p.answers().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  answersText
                      .append(answersText.length() == 0 ? "" : ", ")
                      .append(e.getKey())
                      .append(String.format(Locale.ROOT, ": %,d", e.getValue())));
      if (p.unanswered() > 0) {
        answersText
            .append(answersText.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "no answer: %,d", p.unanswered()));
      }
      line(
          b,
          "  " + t.label(),
          String.format(
              Locale.ROOT,
              "%,9d %8.1f/s  mean %7.1f ms  max %7.1f ms  %s",
              p.answered(),
              perSecond(p.answered()),
              p.meanLatency().toNanos() / 1e6,
              p.maxLatency().toNanos() / 1e6,
              answersText));
    }
    line(b, "answers", "");
    answers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> line(b, "  " + e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue())));
    line(b, "wrong answers", Long.toString(wrongAnswers));
    line(b, "5xx answers", Long.toString(serverErrors));
    line(b, "transport errors", Long.toString(transportErrors));
    StringBuilder diagnoses = new StringBuilder();
    largeBodyDiagnoses.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                diagnoses
                    .append(diagnoses.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())));
    line(b, "large-body 401s: diagnosis", diagnoses.length() == 0 ? "none" : diagnoses.toString());
    line(
        b,
        "record: total",
        String.format(
            Locale.ROOT,
            "%,d for %,d requests answered outside /__itk/ (+%,d without an answer): %s",
            record.total(),
            record.answeredNonAdmin(),
            record.unansweredNonAdmin(),
            record.totalMatches() ? "each recorded once" : "MISMATCH"));
    line(
        b,
        "record: kept (peak of samples)",
        String.format(
            Locale.ROOT,
            "%,d of at most %,d requests, %s of at most %s",
            record.peakKept(),
            stub.maxRecordedRequests(),
            mib(record.peakKeptBytes()),
            mib(stub.maxRecordedBytes())));
    line(
        b,
        "record: statuses",
        String.format(
            Locale.ROOT,
            "%,d kept records compared with their answers, %,d differ, %,d match no request",
            record.statusChecks(),
            record.statusMismatches(),
            record.foreignRecords()));
    MemorySample first = samples.get(0);
    MemorySample last = samples.get(samples.size() - 1);
    line(
        b,
        "heap after GC",
        String.format(
            Locale.ROOT, "start %s, end %s", mib(first.heapAfterGc()), mib(last.heapAfterGc())));
    line(b, "RSS", "start " + rss(first.rssBytes()) + ", end " + rss(last.rssBytes()));
    line(b, "memory over time", "");
    b.append(
        String.format(
            Locale.ROOT,
            "  %-8s %13s %12s %9s %11s %12s %11s%n",
            "at",
            "heap (GC'd)",
            "RSS",
            "kept",
            "kept bytes",
            "recorded",
            "request IDs"));
    for (MemorySample s : samples) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-8s %13s %12s %,9d %11s %,12d %,11d%n",
              clock(s.at()),
              mib(s.heapAfterGc()),
              rss(s.rssBytes()),
              s.record().kept(),
              mib(s.record().keptBytes()),
              s.record().total(),
              s.rememberedRequestIds()));
    }
    for (String p : problems) {
      b.append("  ! ").append(p).append('\n');
    }
    return b.toString();
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024));
  }

  private static String rss(long bytes) {
    return bytes < 0 ? "n/a" : mib(bytes);
  }

  private static void line(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "%-34s %s", name, value).stripTrailing()).append('\n');
  }
}
