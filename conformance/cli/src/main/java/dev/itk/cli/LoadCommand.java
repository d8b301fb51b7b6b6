package dev.itk.cli;

import dev.itk.load.LoadFigures;
import dev.itk.load.SoakFigures;
import dev.itk.load.StubLoad;
import dev.itk.load.StubSoak;
import dev.itk.signing.ApiKey;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.internal.DurationText;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk load}: the stub under load on loopback, in this process: a mixed run of valid and
 * invalid signed requests, then a flood of unique request IDs against the replay check; or, with
 * {@code --duration}, a soak of every kind of traffic for that long instead. Exit code 1 when any
 * answer or record is wrong. See {@code docs/security.md#load} and {@code #soak}.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Load-test the signature-verifying stub on 127.0.0.1, in this process.",
      "1. Mixed: CLIENTS concurrent clients send REQUESTS signed requests, a share of them invalid"
          + " (wrong key, tampered path or body, stale timestamp, replay, missing header,"
          + " malformed signature); every answer and every record is checked.",
      "2. Flood: valid requests with unique request IDs against a replay check of CAPACITY IDs;"
          + " the check must refuse (401 replay-cache-full), never forget, once full; the memory"
          + " it holds is measured.",
      "With --duration, a soak runs instead, for DURATION (1s to 24h): one stub as a user runs it"
          + " (bounded record, diagnosis on, system clock, a 60 s window) gets, all at once, signed"
          + " requests from CLIENTS clients (a third invalid), bodies over the size limit, 1-4 MiB"
          + " bodies with a wrong signature, stalled bodies, and admin calls (health, the record,"
          + " calls without the token or from a foreign Host, a hostile clock shift). Every answer"
          + " is checked, the record's count against the answers; the heap after GC, the RSS and"
          + " the record are printed every minute (or tenth of the duration) and progress every"
          + " 10 s on stderr. It takes --clients and --seed only.",
      "Exit code 0 when every answer was as expected, no record was lost and nothing got a 5xx;"
          + " 1 otherwise; 2 for bad input."
    })
final class LoadCommand implements Callable<Integer> {
  private static final ApiKey KEY = ApiKey.of("itk-load-key");

  @Spec CommandSpec spec;

  @Option(
      names = "--clients",
      paramLabel = "CLIENTS",
      defaultValue = "64",
      description = "Concurrent clients, each with its own connection. Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(
      names = "--requests",
      paramLabel = "REQUESTS",
      defaultValue = "50000",
      description = "Requests in the mixed run. Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(
      names = "--invalid-share",
      paramLabel = "SHARE",
      defaultValue = "0.333",
      description =
          "Share of invalid requests in the mixed run, 0 to 1. Default: ${DEFAULT-VALUE}.")
  double invalidShare;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "20141010",
      description = "Seed that draws the kinds of request. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--replay-capacity",
      paramLabel = "CAPACITY",
      defaultValue = "20000",
      description = "Request IDs the flood's replay check holds. Default: ${DEFAULT-VALUE}.")
  int replayCapacity;

  @Option(
      names = "--flood",
      paramLabel = "N",
      defaultValue = "40000",
      description = "Unique-ID requests in the flood; 0 skips it. Default: ${DEFAULT-VALUE}.")
  int flood;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description =
          "Run the soak instead of the mixed run and the flood, for DURATION: 30s, 10m, 2h or"
              + " ISO 8601 (PT10M); 1s to 24h.")
  String duration;

  /** The options of the mixed run and the flood, which the soak does not take. */
  private static final List<String> NOT_FOR_THE_SOAK =
      List.of("--requests", "--invalid-share", "--replay-capacity", "--flood");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (duration != null) {
      return soak(out, err);
    }
    StubLoad.Plan mixed =
        plan(() -> new StubLoad.Plan(clients, requests, invalidShare, seed, false));
    if (replayCapacity < 1) {
      throw new BadInputException("--replay-capacity must be at least 1; got " + replayCapacity);
    }
    if (flood < 0) {
      throw new BadInputException("--flood must be 0 or more; got " + flood);
    }
    Clock clock = Clock.systemUTC();
    boolean clean;
    try (IssuetrakStub stub =
        IssuetrakStub.builder()
            .key(KEY)
            .clock(clock)
            .maxRecordedRequests(Math.max(requests, 1))
            .build()
            .start()) {
      stub.setClock(clock.instant()); // stands still: every request is signed at this instant
      out.printf(
          Locale.ROOT,
          "itk load: mixed run, %,d requests from %d clients against %s%n",
          requests,
          clients,
          stub.baseUrl());
      out.flush();
      LoadFigures f = StubLoad.run(stub, KEY, mixed, progress(err));
      out.print(f.render());
      out.println(f.clean() ? "mixed run: clean" : "mixed run: FAILED (see the ! lines)");
      clean = f.clean();
    }
    if (flood > 0) {
      try (IssuetrakStub stub =
          IssuetrakStub.builder()
              .key(KEY)
              .clock(clock)
              .replayCapacity(replayCapacity)
              .maxRecordedRequests(Math.max(flood, 1))
              .build()
              .start()) {
        stub.setClock(clock.instant());
        out.printf(
            Locale.ROOT,
            "%nitk load: flood, %,d unique request IDs from %d clients, replay capacity %,d%n",
            flood,
            clients,
            replayCapacity);
        out.flush();
        LoadFigures f =
            StubLoad.run(stub, KEY, plan(() -> StubLoad.Plan.flood(clients, flood)), progress(err));
        out.print(f.render());
        int remembered = stub.rememberedRequestIds();
        boolean bounded = remembered <= replayCapacity && f.peakRememberedIds() <= replayCapacity;
        out.printf(
            Locale.ROOT,
            "%-34s %,d of %,d (%s)%n",
            "request IDs remembered at the end",
            remembered,
            replayCapacity,
            bounded ? "bounded" : "OVER CAPACITY");
        long bytes = replayCacheBytes(stub);
        out.printf(
            Locale.ROOT,
            "%-34s %,.1f MiB for %,d IDs, about %,d bytes per ID (heap after GC, approximate)%n",
            "replay check's memory",
            bytes / (1024.0 * 1024),
            remembered,
            remembered == 0 ? 0 : bytes / remembered);
        boolean floodClean = f.clean() && bounded;
        out.println(floodClean ? "flood: clean" : "flood: FAILED");
        clean &= floodClean;
      }
    }
    out.flush();
    return clean ? 0 : 1;
  }

  private int soak(PrintWriter out, PrintWriter err) {
    for (String option : NOT_FOR_THE_SOAK) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new BadInputException(
            option
                + " is for the mixed run and the flood; --duration runs the soak instead, which"
                + " takes --clients and --seed only");
      }
    }
    Duration d;
    try {
      d = DurationText.parse(duration);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--" + e.getMessage()); // "duration \"x\" is not like 5m, ..."
    }
    if (d.compareTo(StubSoak.SHORTEST) < 0 || d.compareTo(StubSoak.LONGEST) > 0) {
      throw new BadInputException("--duration must be 1s to 24h; got " + duration);
    }
    StubSoak.Plan plan;
    try {
      plan = new StubSoak.Plan(d, clients, StubSoak.Plan.of(d).slowClients(), seed);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage().replace("clients ", "--clients "));
    }
    out.printf(
        Locale.ROOT,
        "itk load: soak for %s on 127.0.0.1: %d signed clients, %d slow clients, 1 oversized-body"
            + " client, 1 admin client%n",
        duration.strip(),
        plan.clients(),
        plan.slowClients());
    out.flush();
    SoakFigures f = StubSoak.run(KEY, plan, progress(err));
    out.print(f.render());
    out.println(f.clean() ? "soak: clean" : "soak: FAILED (see the ! lines)");
    out.flush();
    return f.clean() ? 0 : 1;
  }

  /**
   * The heap the replay check holds: used heap after GC with its IDs, minus after forgetting them.
   * The record is cleared first so only the check's entries differ between the two.
   */
  private static long replayCacheBytes(IssuetrakStub stub) {
    stub.clearRequests();
    long with = usedHeapAfterGc();
    stub.clearReplayCache();
    long without = usedHeapAfterGc();
    return Math.max(0, with - without);
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static StubLoad.Plan plan(java.util.function.Supplier<StubLoad.Plan> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          e.getMessage()
              .replace("clients ", "--clients ")
              .replace("requests ", "--requests ")
              .replace("invalidShare ", "--invalid-share "));
    }
  }

  private static java.util.function.Consumer<String> progress(PrintWriter err) {
    return line -> {
      err.println(line);
      err.flush();
    };
  }
}
