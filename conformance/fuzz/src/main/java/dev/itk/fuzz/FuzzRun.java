package dev.itk.fuzz;

import dev.itk.conformance.run.Status;
import dev.itk.conformance.run.Target;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.Availability;
import dev.itk.runner.BrokenHarnessException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A differential fuzz run: every implementation signs the same generated inputs through its
 * adapter, one session each, all at once; the reference signs them too; every kind of difference is
 * shrunk and written as a vector.
 *
 * <pre>{@code
 * FuzzResult r = FuzzRun.run(targets, FuzzSettings.of(42, 0, Duration.ofSeconds(60), out, gen),
 *     true, System.out::println);
 * }</pre>
 */
public final class FuzzRun {
  /** A batch's inputs beyond which a batch is cut (so one batch stays a few MiB). */
  private static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

  /** How many batches ahead of the slowest language the shared batches are kept. */
  private static final int WINDOW = 32;

  private final FuzzSettings settings;
  private final Consumer<String> progress;
  private final InputGenerator generator;
  private final Map<Long, FutureTask<Batch>> batches = new ConcurrentHashMap<>();
  private final List<Worker> workers = new ArrayList<>();
  private volatile long deadline;
  private CountDownLatch fuzzed;
  private final AtomicBoolean stop;

  private FuzzRun(FuzzSettings settings, Consumer<String> progress, AtomicBoolean stop) {
    this.settings = settings;
    this.progress = progress;
    this.stop = stop;
    this.generator = new InputGenerator(settings.seed());
  }

  /**
   * Runs every target.
   *
   * @param requireAll whether an implementation whose runtime is missing fails the run
   * @param progress receives progress lines (the seed first)
   */
  public static FuzzResult run(
      List<Target> targets, FuzzSettings settings, boolean requireAll, Consumer<String> progress) {
    return run(targets, settings, requireAll, progress, new AtomicBoolean());
  }

  /**
   * Runs every target until its limit or until {@code stop} is set (e.g. by Ctrl-C): then each
   * implementation finishes its batch in flight, and what was found is shrunk, checked and written
   * as usual, so an interrupted run loses nothing it found.
   */
  public static FuzzResult run(
      List<Target> targets,
      FuzzSettings settings,
      boolean requireAll,
      Consumer<String> progress,
      AtomicBoolean stop) {
    return new FuzzRun(settings, progress, stop).go(targets, requireAll);
  }

  private FuzzResult go(List<Target> targets, boolean requireAll) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    progress.accept(
        "itk fuzz: seed "
            + settings.seed()
            + " (reproduce with --seed "
            + settings.seed()
            + "); "
            + settings.limit()
            + " per implementation; "
            + targets.size()
            + " implementations");
    List<LanguageResult> early = new ArrayList<>();
    for (Target t : targets) {
      Optional<LanguageResult> notRun = open(t, requireAll);
      notRun.ifPresent(early::add);
    }
    deadline =
        settings.time().isZero() ? Long.MAX_VALUE : System.nanoTime() + settings.time().toNanos();
    fuzzed = new CountDownLatch(workers.size());
    List<Thread> threads = new ArrayList<>();
    for (Worker w : workers) {
      Thread th = new Thread(w, "itk-fuzz-" + w.id);
      th.setDaemon(true);
      threads.add(th);
      th.start();
    }
    Thread ticker = new Thread(this::tick, "itk-fuzz-progress");
    ticker.setDaemon(true);
    ticker.start();
    try {
      fuzzed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.set(true);
    }
    ticker.interrupt();
    progress.accept(line());
    // Every shrunk input goes back to every implementation, each from its own thread (an embedded
    // adapter's pipes break when another thread writes to them), and each closes its session.
    List<FuzzInput> shrunk = new ArrayList<>();
    for (Worker w : workers) {
      for (Pending p : w.pending.values()) {
        if (!shrunk.contains(p.shrunk())) {
          shrunk.add(p.shrunk());
        }
      }
    }
    workers.forEach(w -> w.toCheck.complete(List.copyOf(shrunk)));
    Map<String, List<Boolean>> verdicts = new LinkedHashMap<>();
    for (Worker w : workers) {
      verdicts.put(w.id, w.checked.join());
    }
    for (Thread th : threads) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<FuzzFinding> findings =
        new ArrayList<>(new Findings(settings, workers, shrunk, verdicts, progress).write());
    List<LanguageResult> languages = new ArrayList<>(early);
    for (Worker w : workers) {
      languages.add(w.result());
    }
    return new FuzzResult(
        settings.seed(),
        settings.limit(),
        started.toString(),
        (System.nanoTime() - t0) / 1_000_000,
        languages,
        findings,
        workers.stream().mapToLong(w -> w.unsignable).max().orElse(0));
  }

  /** Opens the target's session and adds its worker; a result when it cannot run. */
  private Optional<LanguageResult> open(Target t, boolean requireAll) {
    String id = t.id().toString();
    String folder = t.manifest().folder().toString();
    Availability a = t.runner().availability(t.manifest());
    if (!a.available()) {
      progress.accept("[" + id + "] " + (requireAll ? "MISSING: " : "skipped: ") + a.detail());
      return Optional.of(
          notRun(t, requireAll ? Status.MISSING : Status.SKIPPED, "not available", a.detail(), ""));
    }
    progress.accept("[" + id + "] runtime " + a.detail() + "; starting the adapter");
    try {
      AdapterSession s = t.runner().open(t.manifest());
      workers.add(new Worker(t, s));
      return Optional.empty();
    } catch (BrokenHarnessException e) {
      progress.accept("[" + id + "] BROKEN: " + e.getMessage());
      return Optional.of(notRun(t, Status.BROKEN, a.detail(), e.getMessage(), e.stderr()));
    }
  }

  private static LanguageResult notRun(
      Target t, Status status, String runtime, String detail, String stderr) {
    return new LanguageResult(
        t.id().toString(),
        t.manifest().language(),
        t.manifest().displayName(),
        t.runner().kind(),
        runtime,
        "",
        t.manifest().folder().toString(),
        status,
        detail,
        "",
        0,
        0,
        0,
        0,
        List.of(),
        "",
        stderr);
  }

  private void tick() {
    long every = settings.progressEvery().toMillis();
    try {
      while (true) {
        Thread.sleep(every);
        progress.accept(line());
      }
    } catch (InterruptedException e) {
      // the run is over
    }
  }

  private String line() {
    StringBuilder b = new StringBuilder("[fuzz] ");
    long findings = 0;
    for (Worker w : workers) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s %,d (%,.0f/s)%s  ",
              w.language,
              w.tried.get(),
              w.rate(),
              w.broken != null ? " BROKEN" : ""));
      findings += w.kinds.size();
    }
    return b.append("| kinds of difference so far: ").append(findings).toString();
  }

  // ------------------------------------------------------------------------------ the batches

  /**
   * Inputs {@code from..} and the reference's signing of each (null where the reference refuses
   * one: the grammar should make none), shared by every language.
   */
  record Batch(
      long from,
      List<FuzzInput> inputs,
      List<Reference.Signed> refs,
      List<AdapterSession.SignItem> items) {
    /** The inputs the reference refused (not sent). */
    long unsignable() {
      return refs.stream().filter(Objects::isNull).count();
    }
  }

  /**
   * The batch that starts at input {@code from}, made once (the first worker to ask makes it, the
   * others wait for it) and shared while some worker still needs it. A worker far ahead of the
   * slowest makes its own, unshared, so that memory stays bounded.
   */
  private Batch batch(long from) {
    long slowest = workers.stream().mapToLong(w -> w.next).min().orElse(0);
    batches.keySet().removeIf(k -> k < slowest);
    FutureTask<Batch> task = batches.get(from);
    if (task == null) {
      if (from > slowest + (long) WINDOW * settings.batchSize()) {
        return makeBatch(from);
      }
      FutureTask<Batch> mine = new FutureTask<>(() -> makeBatch(from));
      task = batches.putIfAbsent(from, mine);
      if (task == null) {
        task = mine;
        mine.run();
      }
    }
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("making batch " + from + " failed: " + e.getCause(), e);
    }
  }

  /**
   * Inputs {@code from, from + 1, ...}: up to the batch size, fewer when their bodies pass a few
   * MiB (the next batch starts where this one ends, so every input is tried, in order).
   */
  private Batch makeBatch(long from) {
    int size = settings.batchSize();
    List<FuzzInput> inputs = new ArrayList<>(size);
    List<Reference.Signed> refs = new ArrayList<>(size);
    List<AdapterSession.SignItem> items = new ArrayList<>(size);
    long bytes = 0;
    for (long i = from; i < from + size && bytes <= MAX_BATCH_BYTES; i++) {
      if (settings.cases() > 0 && i >= settings.cases()) {
        break;
      }
      FuzzInput in = generator.input(i);
      try {
        refs.add(Reference.sign(in));
      } catch (IllegalArgumentException e) {
        refs.add(null);
      }
      inputs.add(in);
      items.add(new AdapterSession.SignItem("fuzz-" + i, in.toSignInput()));
      bytes += in.size();
    }
    return new Batch(from, inputs, refs, items);
  }

  // ---------------------------------------------------------------------------- one language

  /** Fuzzes one implementation in its own thread. */
  final class Worker implements Runnable {
    final Target target;
    final AdapterSession session;
    final String id;
    final String language;
    final AtomicLong tried = new AtomicLong();
    final Map<String, long[]> kinds = new ConcurrentHashMap<>();
    final Map<String, Pending> pending = new LinkedHashMap<>();
    volatile long next;
    final CompletableFuture<List<FuzzInput>> toCheck = new CompletableFuture<>();
    final CompletableFuture<List<Boolean>> checked = new CompletableFuture<>();
    volatile BrokenHarnessException broken;
    long refusedAcceptable;
    long unsignable;
    long differed;
    volatile long startNanos;
    volatile long endNanos;
    long shrinkNanos;
    String firstRefusal = "";

    Worker(Target target, AdapterSession session) {
      this.target = target;
      this.session = session;
      this.id = target.id().toString();
      this.language = target.manifest().language();
    }

    /** Inputs per second of wall time, shrinking not counted. */
    double rate() {
      long start = startNanos;
      if (start == 0) {
        return 0;
      }
      long end = endNanos != 0 ? endNanos : System.nanoTime();
      long n = end - start - shrinkNanos;
      return n <= 0 ? 0 : tried.get() / (n / 1e9);
    }

    @Override
    public void run() {
      startNanos = System.nanoTime();
      try {
        while (!stop.get() && System.nanoTime() < deadline) {
          Batch b = batch(next);
          if (b.inputs().isEmpty()) {
            break; // --cases reached
          }
          List<AdapterSession.SignItem> items = new ArrayList<>();
          List<Integer> sent = new ArrayList<>();
          for (int i = 0; i < b.inputs().size(); i++) {
            if (b.refs().get(i) != null) {
              items.add(b.items().get(i));
              sent.add(i);
            }
          }
          // the batch's own list when every input is sent: its JSON is then made once for all
          List<Answer> answers =
              session.signBatch(items.size() == b.items().size() ? b.items() : items);
          List<Integer> differing = new ArrayList<>();
          List<Difference> diffs = new ArrayList<>();
          for (int k = 0; k < sent.size(); k++) {
            int i = sent.get(k);
            FuzzInput in = b.inputs().get(i);
            Answer a = answers.get(k);
            if (a instanceof Answer.Errored e && in.isAcceptable() && !e.message().isBlank()) {
              refusedAcceptable++;
              if (firstRefusal.isEmpty()) {
                firstRefusal = e.message();
              }
            }
            Optional<Difference> d = Differ.compare(in, b.refs().get(i), a, session.signParts());
            if (d.isPresent()) {
              differing.add(i);
              diffs.add(d.get());
            }
          }
          tried.addAndGet(sent.size());
          unsignable += b.unsignable();
          next = b.from() + b.inputs().size();
          for (int k = 0; k < differing.size(); k++) {
            noteDifference(
                b.from() + differing.get(k), b.inputs().get(differing.get(k)), diffs.get(k));
          }
          if (settings.cases() > 0 && next >= settings.cases()) {
            break;
          }
        }
      } catch (BrokenHarnessException e) {
        broken = e;
        progress.accept("[" + id + "] BROKEN: " + e.getMessage());
      } catch (RuntimeException e) {
        broken = new BrokenHarnessException(id + ": the fuzzer failed: " + e, session.stderr());
        progress.accept("[" + id + "] BROKEN: " + broken.getMessage());
      } finally {
        endNanos = System.nanoTime();
        next = Long.MAX_VALUE; // no longer holds shared batches back
        fuzzed.countDown();
      }
      List<Boolean> verdicts = new ArrayList<>();
      try {
        for (FuzzInput in : toCheck.join()) {
          verdicts.add(differs(in).isPresent());
        }
      } finally {
        checked.complete(verdicts);
        session.close();
      }
    }

    private void noteDifference(long index, FuzzInput in, Difference d) {
      differed++;
      long[] seen = kinds.computeIfAbsent(d.kind(), k -> new long[] {0, index});
      seen[0]++;
      if (seen[0] > 1 || pending.size() >= settings.maxShrinksPerLanguage()) {
        return;
      }
      progress.accept(
          "["
              + id
              + "] difference "
              + d.kind()
              + " at input "
              + index
              + "; shrinking it (first line: "
              + d.detail().lines().findFirst().orElse("")
              + ")");
      long shrinkStart = System.nanoTime();
      Shrinker shrinker =
          new Shrinker(candidates -> stillDiffers(candidates, d.kind()), settings.shrinkBatches());
      FuzzInput small = shrinker.shrink(in);
      Difference after = differences(List.of(small)).get(0).orElse(d);
      progress.accept(
          String.format(
              Locale.ROOT,
              "[%s] shrunk %s from %,d to %,d bytes of input (%d candidates%s)",
              id,
              d.kind(),
              in.size(),
              small.size(),
              shrinker.tried(),
              shrinker.exhausted() ? ", shrink budget used up" : ""));
      pending.put(
          d.kind(), new Pending(d.kind(), index, in, small, after.detail(), shrinker.tried()));
    }

    private List<Boolean> stillDiffers(List<FuzzInput> candidates, String kind) {
      return differences(candidates).stream()
          .map(d -> d.map(x -> x.kind().equals(kind)).orElse(false))
          .toList();
    }

    /** Whether the implementation differs on {@code in} (for the findings' language lists). */
    Optional<Difference> differs(FuzzInput in) {
      if (broken != null) {
        return Optional.empty();
      }
      try {
        return differences(List.of(in)).get(0);
      } catch (BrokenHarnessException e) {
        broken = e;
        return Optional.empty();
      }
    }

    /**
     * How the implementation's answer to each input differs from the reference's, one {@code
     * signBatch} for all (inputs the reference signs: shrink candidates, shrunk inputs).
     */
    private List<Optional<Difference>> differences(List<FuzzInput> inputs) {
      List<AdapterSession.SignItem> items = new ArrayList<>();
      for (FuzzInput in : inputs) {
        items.add(new AdapterSession.SignItem("check", in.toSignInput()));
      }
      List<Answer> answers = session.signBatch(items);
      List<Optional<Difference>> out = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        FuzzInput in = inputs.get(i);
        out.add(Differ.compare(in, Reference.sign(in), answers.get(i), session.signParts()));
      }
      return out;
    }

    LanguageResult result() {
      List<LanguageResult.KindCount> counts = new ArrayList<>();
      kinds.forEach((k, v) -> counts.add(new LanguageResult.KindCount(k, v[0], v[1])));
      counts.sort(java.util.Comparator.comparingLong(LanguageResult.KindCount::firstCase));
      Status status = broken != null ? Status.BROKEN : differed > 0 ? Status.FAILED : Status.PASSED;
      return new LanguageResult(
          id,
          language,
          target.manifest().displayName(),
          target.runner().kind(),
          session.info().runtime(),
          session.environment(),
          session.info().implementation().isEmpty()
              ? target.manifest().folder().toString()
              : session.info().implementation(),
          status,
          broken != null ? broken.getMessage() : "",
          session.scope(),
          tried.get(),
          refusedAcceptable,
          differed,
          rate(),
          counts,
          firstRefusal,
          status == Status.PASSED ? "" : broken != null ? broken.stderr() : session.stderr());
    }
  }

  /** A shrunk difference of one worker, before it is written. */
  record Pending(
      String kind,
      long firstCase,
      FuzzInput original,
      FuzzInput shrunk,
      String detail,
      int tried) {}
}
