package dev.itk.load;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignedRequest;
import dev.itk.signing.VerificationError;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Drives a running {@link IssuetrakStub} on loopback with many concurrent signed requests, valid
 * and invalid, each with its expected outcome known before it is sent, and checks every answer and
 * the stub's record against it (docs/security.md#load).
 *
 * <pre>{@code
 * LoadFigures f = StubLoad.run(stub, key, StubLoad.Plan.mixed(64, 50_000), System.err::println);
 * f.clean(); // no wrong accept or reject, no 5xx, no lost record
 * }</pre>
 *
 * <p>Every request carries a unique request ID (except the deliberate replays) and the header
 * {@value #SEQUENCE_HEADER}, unsigned, so each record can be matched to the request that made it.
 */
public final class StubLoad {
  /** The unsigned header that numbers each request, so records match requests one to one. */
  public static final String SEQUENCE_HEADER = "X-Itk-Load-Seq";

  private static final String NOTE_BODY =
      "{\"IssueNumber\":1,\"CreatedBy\":\"zo\u00eb\",\"NoteText\":\"load %d \u2013 r\u00e9sum\u00e9"
          + " \u2713\",\"IsPrivate\":false,\"IsRichText\":false,"
          + "\"ShouldSuppressEmailForCreateOperation\":true}";

  /** What a request is, and what the stub must answer to it. */
  public enum Kind {
    /** A signed GET of an issue. */
    VALID_GET(200, null),
    /** A signed POST of a note with a non-ASCII JSON body. */
    VALID_POST(200, null),
    /** Signed with a key the stub does not accept. */
    WRONG_KEY(401, VerificationError.BAD_SIGNATURE),
    /** A path other than the one signed. */
    TAMPERED_PATH(401, VerificationError.BAD_SIGNATURE),
    /** One body byte changed after signing. */
    TAMPERED_BODY(401, VerificationError.BAD_SIGNATURE),
    /** Signed ten minutes before the stub's clock. */
    STALE_TIMESTAMP(401, VerificationError.STALE_TIMESTAMP),
    /** The exact bytes of a request the stub accepted, sent again by the same client. */
    REPLAY(401, VerificationError.REPLAYED_REQUEST_ID),
    /** The authorization header left out. */
    MISSING_HEADER(401, VerificationError.MISSING_HEADER),
    /** A signature that is not base64. */
    MALFORMED_SIGNATURE(401, VerificationError.MALFORMED_SIGNATURE);

    private final int status;
    private final VerificationError error;

    Kind(int status, VerificationError error) {
      this.status = status;
      this.error = error;
    }

    /** The status the stub must answer. */
    public int status() {
      return status;
    }

    /** The verifier's error the stub must answer with, or null for an accepted request. */
    public VerificationError error() {
      return error;
    }

    /** The error code the stub must answer, or null for an accepted request. */
    public String code() {
      return error == null ? null : error.code();
    }

    boolean valid() {
      return status == 200;
    }
  }

  /**
   * How much load: {@code clients} concurrent connections sending {@code requests} in all, a share
   * {@code invalidShare} of them invalid (spread over the invalid kinds), the kinds drawn from
   * {@code seed} so a run can be repeated; with {@code uniqueIdFlood}, every request is a valid GET
   * with a fresh request ID (the replay cache's worst case).
   */
  public record Plan(
      int clients, int requests, double invalidShare, long seed, boolean uniqueIdFlood) {
    public Plan {
      if (clients < 1 || clients > 1024) {
        throw new IllegalArgumentException("clients must be 1 to 1024; got " + clients);
      }
      if (requests < 1) {
        throw new IllegalArgumentException("requests must be at least 1; got " + requests);
      }
      if (!(invalidShare >= 0 && invalidShare <= 1)) {
        throw new IllegalArgumentException("invalidShare must be 0 to 1; got " + invalidShare);
      }
    }

    /** Valid and invalid requests, a third of them invalid. */
    public static Plan mixed(int clients, int requests) {
      return new Plan(clients, requests, 1.0 / 3, 20141010L, false);
    }

    /** Only valid GETs, each with a new request ID. */
    public static Plan flood(int clients, int requests) {
      return new Plan(clients, requests, 0, 20141010L, true);
    }
  }

  private static final AtomicInteger RUNS = new AtomicInteger();

  /** One request's answer: the kind sent (a replay may go out as the valid GET it replays). */
  record Outcome(int seq, Kind kind, int status, String code, long nanos) {}

  /** The invalid kinds a mixed run draws from, equally often. */
  private static final Kind[] INVALID = {
    Kind.WRONG_KEY,
    Kind.TAMPERED_PATH,
    Kind.TAMPERED_BODY,
    Kind.STALE_TIMESTAMP,
    Kind.REPLAY,
    Kind.MISSING_HEADER,
    Kind.MALFORMED_SIGNATURE
  };

  private StubLoad() {}

  /**
   * Runs {@code plan} against {@code stub}, whose clock must stand still (every request is signed
   * at the stub's clock at the start) and whose record is checked afterwards, so it must keep every
   * request of the run ({@code maxRecordedRequests} at least the plan's requests). Progress goes to
   * {@code progress} about once a second.
   *
   * @param key a key the stub accepts
   */
  public static LoadFigures run(
      IssuetrakStub stub, ApiKey key, Plan plan, Consumer<String> progress) {
    Objects.requireNonNull(progress, "progress");
    Instant now = stub.now();
    String origin = "http://127.0.0.1:" + stub.port();
    String base = URI.create(stub.baseUrl()).getRawPath();
    List<RecordedRequest> before = stub.requests();
    long lastSeqBefore = before.isEmpty() ? 0 : before.get(before.size() - 1).sequence();
    long droppedBefore = stub.recordCounts().dropped();
    long started = System.nanoTime();
    Kind[] kinds = kinds(plan);
    // One HTTP/1.1 client per simulated client: its own connection, like separate processes.
    AtomicInteger next = new AtomicInteger();
    Outcome[] outcomes = new Outcome[plan.requests()];
    AtomicLong transportErrors = new AtomicLong();
    List<String> transportSamples = new ArrayList<>();
    AtomicInteger peakRemembered = new AtomicInteger();
    AtomicReference<SignedRequest> lastAccepted = new AtomicReference<>();
    // Request IDs unique across runs on the same stub: its replay check must not see old ones.
    String runTag = String.format(Locale.ROOT, "%08x", RUNS.incrementAndGet() ^ (int) started);
    ExecutorService pool = Executors.newFixedThreadPool(plan.clients(), daemonThreads());
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < plan.clients(); c++) {
        int client = c;
        clients.add(
            pool.submit(
                () -> {
                  Driver d =
                      new Driver(
                          origin,
                          base,
                          key,
                          Clock.fixed(now, ZoneOffset.UTC),
                          client,
                          runTag,
                          lastAccepted);
                  for (int seq = next.getAndIncrement();
                      seq < kinds.length;
                      seq = next.getAndIncrement()) {
                    try {
                      outcomes[seq] = d.send(seq, kinds[seq]);
                    } catch (IOException e) {
                      transportErrors.incrementAndGet();
                      synchronized (transportSamples) {
                        if (transportSamples.size() < 5) {
                          transportSamples.add(seq + " " + kinds[seq] + ": " + e);
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      watch(clients, next, kinds.length, stub, peakRemembered, progress, started);
    } finally {
      pool.shutdownNow();
    }
    long elapsed = System.nanoTime() - started;
    long dropped = stub.recordCounts().dropped() - droppedBefore;
    if (dropped > 0) {
      synchronized (transportSamples) {
        transportSamples.add(
            "the stub's record dropped "
                + dropped
                + " requests to stay within its bounds (give it maxRecordedRequests of at least"
                + " the run's requests): they count as lost");
      }
    }
    return figures(
        plan,
        outcomes,
        transportErrors.get(),
        transportSamples,
        stub.requests().stream().filter(r -> r.sequence() > lastSeqBefore).toList(),
        elapsed,
        peakRemembered.get());
  }

  private static void watch(
      List<Future<?>> clients,
      AtomicInteger next,
      int total,
      IssuetrakStub stub,
      AtomicInteger peakRemembered,
      Consumer<String> progress,
      long started) {
    long lastReport = System.nanoTime();
    for (Future<?> f : clients) {
      while (true) {
        try {
          f.get(100, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          peakRemembered.accumulateAndGet(stub.rememberedRequestIds(), Math::max);
          if (System.nanoTime() - lastReport > 1_000_000_000L) {
            lastReport = System.nanoTime();
            int sent = Math.min(next.get(), total);
            progress.accept(
                String.format(
                    Locale.ROOT,
                    "load: %,d of %,d requests sent (%.0f s)",
                    sent,
                    total,
                    (lastReport - started) / 1e9));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the load ran", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
        }
      }
    }
    peakRemembered.accumulateAndGet(stub.rememberedRequestIds(), Math::max);
  }

  /** The kind of each request, by sequence number; a replay follows its original in one client. */
  private static Kind[] kinds(Plan plan) {
    Kind[] kinds = new Kind[plan.requests()];
    if (plan.uniqueIdFlood()) {
      Arrays.fill(kinds, Kind.VALID_GET);
      return kinds;
    }
    SplittableRandom random = new SplittableRandom(plan.seed());
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = draw(random, plan.invalidShare());
    }
    return kinds;
  }

  /** One kind: invalid with probability {@code invalidShare}, else a valid GET or POST. */
  static Kind draw(SplittableRandom random, double invalidShare) {
    return random.nextDouble() < invalidShare
        ? INVALID[random.nextInt(INVALID.length)]
        : (random.nextBoolean() ? Kind.VALID_GET : Kind.VALID_POST);
  }

  private static LoadFigures figures(
      Plan plan,
      Outcome[] outcomes,
      long transportErrors,
      List<String> transportSamples,
      List<RecordedRequest> records,
      long elapsedNanos,
      int peakRemembered) {
    Map<Kind, Integer> sentByKind = new EnumMap<>(Kind.class);
    Map<String, Integer> answers = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    long wrongAccepts = 0;
    long wrongRejects = 0;
    long wrongCodes = 0;
    long serverErrors = 0;
    long cacheFullRefusals = 0;
    long answered = 0;
    long[] latencies = new long[outcomes.length];
    Map<Integer, Outcome> bySeq = new HashMap<>();
    for (Outcome o : outcomes) {
      if (o == null) {
        continue;
      }
      latencies[(int) answered++] = o.nanos();
      bySeq.put(o.seq(), o);
      sentByKind.merge(o.kind(), 1, Integer::sum);
      answers.merge(o.status() + (o.code() == null ? "" : " " + o.code()), 1, Integer::sum);
      boolean accepted = o.status() == 200;
      if (o.status() >= 500) {
        serverErrors++;
      }
      String problem = null;
      if (accepted && !o.kind().valid()) {
        wrongAccepts++;
        problem = "accepted";
      } else if (!accepted
          && o.kind().valid()
          && plan.uniqueIdFlood()
          && VerificationError.REPLAY_CACHE_FULL.code().equals(o.code())) {
        cacheFullRefusals++; // the flood's point: refused, not forgotten, once the cache is full
      } else if (!accepted && o.kind().valid()) {
        wrongRejects++;
        problem = "refused with " + o.status() + " " + o.code();
      } else if (!o.kind().valid() && !Objects.equals(o.kind().code(), o.code())) {
        wrongCodes++;
        problem = "answered " + o.status() + " " + o.code() + ", not " + o.kind().code();
      }
      if (problem != null && wrong.size() < 10) {
        wrong.add("request " + o.seq() + " (" + o.kind() + ") " + problem);
      }
    }
    // Each answered request must be in the record once, with the status the client saw.
    Map<Integer, Integer> recorded = new HashMap<>();
    long unmatchedRecords = 0;
    long statusMismatches = 0;
    for (RecordedRequest r : records) {
      Integer seq = r.header(SEQUENCE_HEADER).map(Integer::valueOf).orElse(null);
      if (seq == null) {
        unmatchedRecords++;
        continue;
      }
      recorded.merge(seq, 1, Integer::sum);
      Outcome o = bySeq.get(seq);
      if (o != null && o.status() != r.status()) {
        statusMismatches++;
        if (wrong.size() < 10) {
          wrong.add("request " + seq + " answered " + o.status() + " but recorded " + r.status());
        }
      }
    }
    long lost = bySeq.keySet().stream().filter(s -> !recorded.containsKey(s)).count();
    long duplicated = recorded.values().stream().filter(n -> n > 1).count();
    long[] sorted = Arrays.copyOf(latencies, (int) answered);
    Arrays.sort(sorted);
    List<String> samples = new ArrayList<>(wrong);
    samples.addAll(transportSamples);
    return new LoadFigures(
        plan,
        answered,
        transportErrors,
        sentByKind,
        answers,
        wrongAccepts,
        wrongRejects,
        wrongCodes,
        cacheFullRefusals,
        serverErrors,
        lost,
        duplicated + unmatchedRecords,
        statusMismatches,
        Duration.ofNanos(elapsedNanos),
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? Duration.ZERO : Duration.ofNanos(sorted[sorted.length - 1]),
        peakRemembered,
        List.copyOf(samples));
  }

  private static Duration percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(
        sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "itk-load-client-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * One simulated client: its own HTTP connection, signers and request IDs. Each request is signed
   * at {@code clock}'s instant when it is sent: a fixed clock for the mixed run, the system clock
   * for the soak.
   */
  static final class Driver {
    /**
     * A replay is of a request accepted at most this long ago by the client's clock, so it is still
     * inside any window the stub has and must be refused as a replay, not as stale.
     */
    static final Duration MAX_REPLAY_AGE = Duration.ofSeconds(10);

    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String origin;
    private final String base;
    private final RequestSigner signer;
    private final RequestSigner otherKeySigner;
    private final Clock clock;
    private final AtomicReference<SignedRequest> lastAccepted;
    private final String runTag;

    Driver(
        String origin,
        String base,
        ApiKey key,
        Clock clock,
        int client,
        String runTag,
        AtomicReference<SignedRequest> lastAccepted) {
      this.origin = origin;
      this.base = base;
      this.clock = clock;
      this.runTag = runTag;
      this.lastAccepted = lastAccepted;
      // The request ID sources are not used: each message is built with its own ID below.
      this.signer = RequestSigner.create(key, clock, () -> "");
      this.otherKeySigner =
          RequestSigner.create(ApiKey.of("not-the-stub-key-" + client), clock, () -> "");
    }

    /**
     * Sends request {@code seq} of {@code kind}; a replay when no request was accepted in the last
     * {@link #MAX_REPLAY_AGE} is sent as the valid GET it would have replayed, and reported so.
     */
    Outcome send(int seq, Kind planned) throws IOException {
      Instant now = clock.instant();
      SignedRequest replayOf = lastAccepted.get();
      boolean canReplay =
          replayOf != null
              && !IssuetrakTimestamp.parse(replayOf.message().timestamp())
                  .instant()
                  .isBefore(now.minus(MAX_REPLAY_AGE));
      Kind kind = planned == Kind.REPLAY && !canReplay ? Kind.VALID_GET : planned;
      String id = runTag + "-10ad-4000-8000-" + String.format(Locale.ROOT, "%012d", seq);
      boolean post = kind == Kind.VALID_POST || kind == Kind.TAMPERED_BODY;
      String route = post ? base + "/notes" : base + "/issues/false/" + (1 + seq % 3);
      byte[] body =
          post
              ? String.format(Locale.ROOT, NOTE_BODY, seq).getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      Instant at = kind == Kind.STALE_TIMESTAMP ? now.minus(Duration.ofMinutes(10)) : now;
      SignedRequest signed;
      if (kind == Kind.REPLAY) {
        signed = replayOf;
        route = signed.message().path();
        body = signed.message().body();
        post = body.length > 0;
      } else {
        CanonicalMessage message =
            CanonicalMessage.builder()
                .method(post ? "POST" : "GET")
                .requestId(id)
                .timestamp(IssuetrakTimestamp.format(at))
                .path(route)
                .body(body)
                .build();
        signed = (kind == Kind.WRONG_KEY ? otherKeySigner : signer).sign(message);
      }
      String sentRoute = kind == Kind.TAMPERED_PATH ? base + "/issues/false/9" : route;
      byte[] sentBody = body;
      if (kind == Kind.TAMPERED_BODY) {
        sentBody = body.clone();
        sentBody[sentBody.length - 2] ^= 0x01; // "true}" becomes "trud}": one byte off
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(origin + sentRoute))
              .timeout(Duration.ofSeconds(30))
              .method(
                  post ? "POST" : "GET",
                  post
                      ? HttpRequest.BodyPublishers.ofByteArray(sentBody)
                      : HttpRequest.BodyPublishers.noBody())
              .header(SEQUENCE_HEADER, Integer.toString(seq))
              .header("Accept", "application/json");
      if (post) {
        b.header("Content-Type", "application/json; charset=utf-8");
      }
      SignatureHeaders h = signed.headers();
      b.header(SignatureHeaders.REQUEST_ID, h.requestId());
      b.header(SignatureHeaders.TIMESTAMP, h.timestamp());
      if (kind == Kind.MALFORMED_SIGNATURE) {
        b.header(SignatureHeaders.AUTHORIZATION, "not base64 at all!");
      } else if (kind != Kind.MISSING_HEADER) {
        b.header(SignatureHeaders.AUTHORIZATION, h.authorization());
      }
      long t0 = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      long nanos = System.nanoTime() - t0;
      String code = response.statusCode() == 200 ? null : errorCode(response.body());
      if (response.statusCode() == 200 && kind.valid()) {
        lastAccepted.set(signed);
      }
      return new Outcome(seq, kind, response.statusCode(), code, nanos);
    }
  }

  /** The {@code error} code of the kit's JSON error body, without a JSON parser per answer. */
  static String errorCode(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int key = text.indexOf("\"error\"");
    if (key < 0) {
      return "(no code)";
    }
    int open = text.indexOf('"', text.indexOf(':', key) + 1);
    int close = text.indexOf('"', open + 1);
    return open < 0 || close < 0 ? "(no code)" : text.substring(open + 1, close);
  }
}
