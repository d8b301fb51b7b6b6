package dev.itk.cli;

import dev.itk.conformance.run.Progress;
import dev.itk.load.LoadFigures;
import dev.itk.load.StubLoad;
import dev.itk.signing.ApiKey;
import dev.itk.stub.IssuetrakStub;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;

/**
 * {@code itk bench}'s stub section: signed GETs per second through the stub as it runs (every
 * signature verified, replay check on) against the same stub with verification off, as a ratio. The
 * two alternate, each on a fresh stub, so both see the same machine; each one's best round counts.
 * Every answer is checked ({@link StubLoad}): a wrong one fails the section.
 */
final class StubThroughputSection implements BenchSection {
  private static final ApiKey KEY = ApiKey.of("itk-bench-key");
  private static final int ROUNDS = 3;

  private final int clients;
  private final int requests;

  /**
   * @param clients concurrent clients
   * @param requests signed GETs per round and stub
   */
  StubThroughputSection(int clients, int requests) {
    this.clients = clients;
    this.requests = requests;
  }

  @Override
  public String heading() {
    return "Stub throughput, verifying and not";
  }

  @Override
  public boolean run(PrintWriter out, Progress progress) {
    double bestVerifying = 0;
    double bestPlain = 0;
    boolean clean = true;
    // A first, unmeasured round warms the JIT for both paths.
    round(true, Math.min(requests, 2_000), progress);
    round(false, Math.min(requests, 2_000), progress);
    for (int r = 1; r <= ROUNDS; r++) {
      LoadFigures verifying = round(true, requests, progress);
      LoadFigures plain = round(false, requests, progress);
      clean &= verifying.clean() && plain.clean();
      bestVerifying = Math.max(bestVerifying, verifying.requestsPerSecond());
      bestPlain = Math.max(bestPlain, plain.requestsPerSecond());
      progress.line(
          "stub",
          String.format(
              Locale.ROOT,
              "round %d: verifying %,.0f/s, not verifying %,.0f/s",
              r,
              verifying.requestsPerSecond(),
              plain.requestsPerSecond()));
    }
    double ratio = bestVerifying / bestPlain;
    out.printf(
        Locale.ROOT,
        "Signed GETs (`/api/v1/issues/false/N`, each with a new request ID) from %d concurrent"
            + " clients on loopback, %,d per round, %d rounds alternating the verifying stub"
            + " (signature, window and replay checked) and the same stub with"
            + " `verifySignatures(false)`; the best round of each counts. Client and stub share"
            + " this JVM and its cores.%n%n",
        clients,
        requests,
        ROUNDS);
    out.println("| stub | ratio to the non-verifying stub | requests/s on this machine |");
    out.println("|---|---:|---:|");
    out.printf(Locale.ROOT, "| verifying | %.2f× | %,.0f |%n", ratio, bestVerifying);
    out.printf(Locale.ROOT, "| not verifying | 1.00× | %,.0f |%n", bestPlain);
    out.println();
    out.printf(
        Locale.ROOT,
        "- Target: the verifying stub at least 0.80× the non-verifying one: %s.%n",
        ratio >= 0.8 ? "met" : "MISSED");
    if (!clean) {
      out.println("- Some answers were not as expected: see the progress lines; the run fails.");
    }
    return clean;
  }

  private LoadFigures round(boolean verify, int count, Progress progress) {
    Clock clock = Clock.systemUTC();
    try (IssuetrakStub stub =
        IssuetrakStub.builder().key(KEY).clock(clock).verifySignatures(verify).build().start()) {
      stub.setClock(clock.instant());
      LoadFigures f =
          StubLoad.run(
              stub, KEY, StubLoad.Plan.flood(clients, count), line -> progress.line("stub", line));
      if (!f.clean()) {
        progress.line("stub", (verify ? "verifying" : "not verifying") + ":\n" + f.render());
      }
      return f;
    }
  }
}
