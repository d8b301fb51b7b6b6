package dev.itk.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignedRequest;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.RecordCounts;
import dev.itk.stub.RecordedRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A soak run: one {@link IssuetrakStub}, configured as a user runs it, under valid, invalid,
 * oversized, stalled and admin traffic for a fixed time with its clock running, every answer
 * checked; the heap, the RSS and the record are sampled so a reader sees whether memory stays flat
 * (docs/security.md#soak).
 *
 * <pre>{@code
 * SoakFigures f = StubSoak.run(key, StubSoak.Plan.of(Duration.ofMinutes(10)), System.err::println);
 * f.clean(); // no wrong answer, no 5xx, every answered request recorded once, record bounded
 * }</pre>
 *
 * <p>Everything goes to 127.0.0.1, to the soak's own stub; nothing else is addressed.
 */
public final class StubSoak {
  /** The shortest soak. */
  public static final Duration SHORTEST = Duration.ofSeconds(1);

  /** The longest soak: a day. */
  public static final Duration LONGEST = Duration.ofHours(24);

  /**
   * The stub's window: a minute, so the request IDs the replay check remembers expire within the
   * run and its memory turns over, as on a stub that serves for hours.
   */
  public static final Duration WINDOW = Duration.ofSeconds(60);

  /**
   * The most valid requests a second the soak sends; beyond that it waits. An accepted request ID
   * is remembered for about the window after its timestamp, so the replay check holds about the
   * valid rate times 60 s: at most 240 000 IDs here (the 10-minute run on 2 cores sent about 2 100
   * a second, and the check held at most 164 000).
   */
  static final int MAX_VALID_PER_SECOND = 4_000;

  /**
   * The replay check's capacity: above the 240 000 IDs the soak can make it hold at once, so it is
   * never full, and a valid request refused with {@code replay-cache-full} is a wrong answer. At
   * about 160 bytes per ID, that is about 45 MiB at most.
   */
  public static final int REPLAY_CAPACITY = 300_000;

  /** Share of invalid requests among the signed ones. */
  static final double INVALID_SHARE = 1.0 / 3;

  /** Body sizes of the large-body requests, in turn. */
  static final int[] LARGE_BODY_SIZES = {1 << 20, 2 << 20, 4 << 20};

  /** How much of a body over the limit is sent before the answer is read. */
  static final int OVER_LIMIT_SENT = 64 * 1024;

  /** The body a stalled client declares; it sends one byte of it. */
  static final int STALLED_BODY_DECLARED = 1_000_000;

  /** How long a client waits for any answer: far above the stub's 4 s I/O timeout. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long a large body's 401 may take: a guard against a hang, not a performance goal. The
   * diagnosis re-signs the body once per catalogued mistake it tries, so a body of 4 MiB costs
   * seconds of hashing where the diagnosis has no budget, more on a busy machine; the figures show
   * how long each took.
   */
  static final Duration LARGE_BODY_TIMEOUT = Duration.ofSeconds(120);

  /**
   * How long the lanes may take to finish after the end: their last request, and the rounds each
   * owes ({@link #MIN_ROUNDS}).
   */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(180);

  /**
   * Each lane sends at least this many rounds, even past the end, so a short soak still sends every
   * kind of traffic a few times: a signed client 50 requests (as drawn from the seed), a slow
   * client 3 stalled bodies, the oversized-body client 3 pairs of a body over the limit and a large
   * body, the admin client 3 times {@link #ADMIN_RECORD_EVERY} calls.
   */
  static final int MIN_ROUNDS = 3;

  static final int MIN_SIGNED_REQUESTS = 50;

  /** The pause between two admin calls (about 50 a second). */
  static final Duration ADMIN_PAUSE = Duration.ofMillis(20);

  /** Every this many admin calls, one reads the whole record ({@code GET /__itk/requests}). */
  static final int ADMIN_RECORD_EVERY = 100;

  static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private static final String ADMIN_TOKEN_HEADER = "X-Itk-Admin-Token";
  private static final String[] FOREIGN_HOSTS = {
    "evil.example", "evil.example:8089", "127.0.0.1.evil.example", "10.0.0.1"
  };
  private static final String[] HOSTILE_SHIFTS = {
    "{\"by\":\"9000000000000h\"}",
    "{\"by\":\"-9000000000000h\"}",
    "{\"by\":\"PT2562047788015215H\"}"
  };

  /** Calls that would change the stub, sent without its token: method, route, body or null. */
  private static final String[][] MUTATIONS = {
    {"POST", "/clock/shift", "{\"by\":\"1h\"}"},
    {"POST", "/replay-cache/clear", null},
    {"DELETE", "/requests", null},
    {"POST", "/reset", null},
  };

  /** Each request's answer status by sequence number, for the kept records (a ring). */
  private static final int RING = 1 << 17;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How long, and how much traffic: {@code clients} concurrent connections sending signed requests
   * (a third of them invalid, the kinds drawn from {@code seed}), {@code slowClients} connections
   * that stall a body, replaced as each ends; one client sending oversized bodies and one calling
   * the admin routes.
   */
  public record Plan(Duration duration, int clients, int slowClients, long seed) {
    public Plan {
      Objects.requireNonNull(duration, "duration");
      if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException(
            "the soak's duration must be 1s to 24h; got " + duration);
      }
      if (clients < 1 || clients > 1024) {
        throw new IllegalArgumentException("clients must be 1 to 1024; got " + clients);
      }
      if (slowClients < 1 || slowClients > 100) {
        throw new IllegalArgumentException("slowClients must be 1 to 100; got " + slowClients);
      }
    }

    /** 64 signed clients and 4 slow ones for {@code duration}. */
    public static Plan of(Duration duration) {
      return new Plan(duration, 64, 4, 20141010L);
    }

    /** A memory sample every minute, or every tenth of the duration when that is shorter. */
    public Duration sampleEvery() {
      Duration tenth = duration.dividedBy(10);
      return tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
    }
  }

  private final IssuetrakStub stub;
  private final ApiKey key;
  private final Plan plan;
  private final Consumer<String> progress;
  private final String origin;
  private final String base;
  private final int port;
  private final SoakFigures.StubLimits limits;
  private final String runTag;

  private final Map<SoakTraffic, Tally> tallies = new EnumMap<>(SoakTraffic.class);
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> diagnoses = new ConcurrentHashMap<>();
  private final LongAdder wrong = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder transportErrors = new LongAdder();
  private final List<String> wrongSamples = new ArrayList<>();
  private final List<String> transportSamples = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final AtomicInteger nextSeq = new AtomicInteger(1);
  private final AtomicLongArray statusBySeq = new AtomicLongArray(RING);
  private final AtomicLong nextValidSlot = new AtomicLong(Long.MIN_VALUE);
  private final AtomicReference<SignedRequest> lastAccepted = new AtomicReference<>();
  private long peakKept;
  private long peakKeptBytes;
  private long statusChecks;
  private long statusMismatches;
  private long foreignRecords;
  private volatile long deadline;

  private StubSoak(IssuetrakStub stub, ApiKey key, Plan plan, Consumer<String> progress) {
    this.stub = stub;
    this.key = key;
    this.plan = plan;
    this.progress = progress;
    this.port = stub.port();
    this.origin = "http://127.0.0.1:" + port;
    this.base = URI.create(stub.baseUrl()).getRawPath();
    this.limits = limits(stub);
    this.runTag = String.format(Locale.ROOT, "%08x", (int) System.nanoTime());
    for (SoakTraffic t : SoakTraffic.values()) {
      tallies.put(t, new Tally());
    }
  }

  /**
   * Starts a stub that accepts {@code key}, with the defaults a user gets (a bounded record,
   * diagnosis on, the HTTP server's limits, the system clock) but a {@link #WINDOW} of a minute and
   * a {@link #REPLAY_CAPACITY} above what the soak can fill, runs {@code plan} against it, and
   * stops it. Progress goes to {@code progress} about every 10 s.
   */
  public static SoakFigures run(ApiKey key, Plan plan, Consumer<String> progress) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(progress, "progress");
    try (IssuetrakStub stub =
        IssuetrakStub.builder()
            .key(key)
            .window(WINDOW)
            .replayCapacity(REPLAY_CAPACITY)
            .build()
            .start()) {
      return new StubSoak(stub, key, plan, progress).run();
    }
  }

  private SoakFigures run() {
    List<SoakFigures.MemorySample> samples = new ArrayList<>();
    long started = System.nanoTime();
    samples.add(sample(Duration.ZERO));
    deadline = started + plan.duration().toNanos();
    List<Thread> lanes = new ArrayList<>();
    for (int c = 0; c < plan.clients(); c++) {
      int client = c;
      lanes.add(lane("itk-soak-signed-" + c, () -> signedLane(client)));
    }
    for (int c = 0; c < plan.slowClients(); c++) {
      lanes.add(lane("itk-soak-stalled-" + c, this::stalledLane));
    }
    lanes.add(lane("itk-soak-oversized", this::oversizedLane));
    lanes.add(lane("itk-soak-admin", this::adminLane));
    lanes.forEach(Thread::start);

    long interval = plan.sampleEvery().toNanos();
    long nextSample = started + interval;
    long nextProgress = started + PROGRESS_EVERY.toNanos();
    for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
      long wake = Math.min(deadline, Math.min(nextSample, nextProgress));
      sleepNanos(wake - now);
      now = System.nanoTime();
      if (now >= nextSample && nextSample < deadline) {
        samples.add(sample(Duration.ofNanos(nextSample - started)));
        nextSample += interval;
      }
      if (now >= nextProgress && now < deadline) {
        progress.accept(progressLine(now - started));
        nextProgress += PROGRESS_EVERY.toNanos();
      }
    }
    long stopBy = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Thread lane : lanes) {
      try {
        lane.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(stopBy - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the soak's clients finished", e);
      }
      if (lane.isAlive()) {
        wrong.increment();
        problem(
            lane.getName()
                + " was still sending "
                + STOP_TIMEOUT.toSeconds()
                + " s after the end (a request that hangs)");
        lane.interrupt();
      }
    }
    long elapsed = System.nanoTime() - started;
    progress.accept(progressLine(elapsed));
    RecordCounts counts = stub.recordCounts();
    samples.add(sample(Duration.ofNanos(elapsed)));
    return figures(Duration.ofNanos(elapsed), counts, samples);
  }

  private Thread lane(String name, Runnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (RuntimeException | Error e) {
                wrong.increment();
                problem(name + " failed: " + e);
              }
            },
            name);
    t.setDaemon(true);
    return t;
  }

  private boolean running() {
    return System.nanoTime() < deadline && !Thread.currentThread().isInterrupted();
  }

  // ---- the lanes: each sends until the end, and at least its minimum ----

  private void signedLane(int client) {
    StubLoad.Driver d =
        new StubLoad.Driver(origin, base, key, Clock.systemUTC(), client, runTag, lastAccepted);
    // Each client its own generator, from the seed and its number: a run can be repeated.
    SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + client);
    int sent = 0;
    do {
      signedRequest(d, StubLoad.draw(random, INVALID_SHARE));
      sent++;
    } while (running() || sent < MIN_SIGNED_REQUESTS);
  }

  private void signedRequest(StubLoad.Driver d, StubLoad.Kind kind) {
    if (kind.valid() || kind == StubLoad.Kind.REPLAY) {
      paceValid();
    }
    int seq = nextSeq.getAndIncrement();
    try {
      StubLoad.Outcome o = d.send(seq, kind);
      answered(SoakTraffic.of(o.kind()), seq, o.status(), o.code(), o.nanos(), null);
    } catch (IOException e) {
      unanswered(SoakTraffic.of(kind), seq, e.toString());
    }
  }

  /**
   * Holds valid requests to {@link #MAX_VALID_PER_SECOND}: each takes the next free slot, at least
   * now; slots missed are not made up later, so no second ever has more.
   */
  private void paceValid() {
    long gap = 1_000_000_000L / MAX_VALID_PER_SECOND;
    long now = System.nanoTime();
    long slot = nextValidSlot.getAndUpdate(s -> Math.max(s, now) + gap);
    sleepNanos(Math.max(slot, now) - now);
  }

  /** The head of an unsigned POST of a note declaring {@code contentLength} body bytes. */
  private String unsignedNoteHead(int seq, long contentLength, boolean close) {
    return "POST "
        + base
        + "/notes HTTP/1.1\r\nHost: 127.0.0.1:"
        + port
        + "\r\nContent-Type: application/json\r\n"
        + StubLoad.SEQUENCE_HEADER
        + ": "
        + seq
        + "\r\nContent-Length: "
        + contentLength
        + (close ? "\r\nConnection: close" : "")
        + "\r\n\r\n";
  }

  private void stalledLane() {
    int rounds = 0;
    do {
      stalledBody();
      rounds++;
    } while (running() || rounds < MIN_ROUNDS);
  }

  /** One connection that declares a body, sends its first byte and stalls until the stub acts. */
  private void stalledBody() {
    int seq = nextSeq.getAndIncrement();
    String head = unsignedNoteHead(seq, STALLED_BODY_DECLARED, false) + "{";
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      RawAnswer a;
      try {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        a = RawAnswer.read(s.getInputStream());
      } catch (SocketTimeoutException e) {
        wrong.increment();
        unanswered(
            SoakTraffic.STALLED_BODY,
            seq,
            "no answer and no close within " + ANSWER_TIMEOUT.toSeconds() + " s");
        return;
      } catch (SocketException closed) {
        a = null; // reset or broken pipe: the stub closed the connection, which is allowed
      }
      if (a == null) {
        closedWithoutAnswer(SoakTraffic.STALLED_BODY);
      } else {
        answered(SoakTraffic.STALLED_BODY, seq, a.status(), a.code(), System.nanoTime() - t0, null);
      }
    } catch (IOException e) {
      unanswered(SoakTraffic.STALLED_BODY, seq, e.toString());
    }
  }

  private void oversizedLane() {
    HttpClient http = httpClient();
    RequestSigner otherKey = RequestSigner.create(ApiKey.of("not-the-soak-key"));
    byte[][] bodies = new byte[LARGE_BODY_SIZES.length][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = largeBody(LARGE_BODY_SIZES[i]);
    }
    int rounds = 0;
    do {
      bodyOverLimit();
      largeBodyBadSignature(http, otherKey, bodies[rounds % bodies.length]);
      rounds++;
    } while (running() || rounds < MIN_ROUNDS);
  }

  /**
   * A {@code Content-Length} one byte over the limit, and the body's first 64 KiB: Jetty hands a
   * request with a body to the stub only once some of it has arrived (or after the 4 s I/O
   * timeout), and a client that sends a large body starts sending it at once.
   */
  private void bodyOverLimit() {
    int seq = nextSeq.getAndIncrement();
    String head = unsignedNoteHead(seq, limits.maxBodyBytes() + 1L, true);
    byte[] start = largeBody(OVER_LIMIT_SENT);
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      try {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(start);
        out.flush();
      } catch (SocketException answeredAlready) {
        // the stub may answer and close before it has all the bytes sent: read its answer
      }
      RawAnswer a = RawAnswer.read(s.getInputStream());
      if (a == null) {
        unanswered(SoakTraffic.BODY_OVER_LIMIT, seq, "the stub closed the connection unanswered");
      } else {
        answered(
            SoakTraffic.BODY_OVER_LIMIT, seq, a.status(), a.code(), System.nanoTime() - t0, null);
      }
    } catch (IOException e) {
      unanswered(SoakTraffic.BODY_OVER_LIMIT, seq, e.toString());
    }
  }

  private void largeBodyBadSignature(HttpClient http, RequestSigner otherKey, byte[] body) {
    int seq = nextSeq.getAndIncrement();
    String route = base + "/notes";
    SignedRequest signed =
        otherKey.sign(
            CanonicalMessage.builder()
                .method("POST")
                .requestId(requestId(seq))
                .timestamp(IssuetrakTimestamp.format(Instant.now()))
                .path(route)
                .body(body)
                .build());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(origin + route))
            .timeout(LARGE_BODY_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header(StubLoad.SEQUENCE_HEADER, Integer.toString(seq))
            .header("Content-Type", "application/json; charset=utf-8")
            .header(SignatureHeaders.REQUEST_ID, signed.headers().requestId())
            .header(SignatureHeaders.TIMESTAMP, signed.headers().timestamp())
            .header(SignatureHeaders.AUTHORIZATION, signed.headers().authorization())
            .build();
    long t0 = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long nanos = System.nanoTime() - t0;
      // Latin-1 maps each byte to one char: a cheap copy of a body of several MiB, and the JSON
      // names searched for are ASCII.
      String text = new String(r.body(), StandardCharsets.ISO_8859_1);
      String diagnosis = diagnosisStatus(text);
      String problem = null;
      if (r.statusCode() == 401) {
        if (diagnosis == null) {
          problem = "its 401 has no \"diagnosis\" object";
        } else {
          diagnoses.computeIfAbsent(diagnosis, k -> new LongAdder()).increment();
        }
      }
      answered(
          SoakTraffic.LARGE_BODY_BAD_SIGNATURE,
          seq,
          r.statusCode(),
          r.statusCode() == 200 ? null : StubLoad.errorCode(r.body()),
          nanos,
          problem);
    } catch (IOException e) {
      unanswered(SoakTraffic.LARGE_BODY_BAD_SIGNATURE, seq, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The {@code status} of the 401 body's {@code diagnosis} object, or null without one. */
  static String diagnosisStatus(String body) {
    String marker = "\"diagnosis\":{\"status\":\"";
    int at = body.lastIndexOf(marker);
    if (at < 0) {
      return null;
    }
    int from = at + marker.length();
    int to = body.indexOf('"', from);
    return to < 0 ? null : body.substring(from, to);
  }

  /** A JSON note of exactly {@code size} bytes. */
  private static byte[] largeBody(int size) {
    byte[] head = "{\"IssueNumber\":1,\"NoteText\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(head, 0, body, 0, head.length);
    body[size - 2] = '"';
    body[size - 1] = '}';
    return body;
  }

  private void adminLane() {
    HttpClient http = httpClient();
    long n = 0;
    do {
      if (n % ADMIN_RECORD_EVERY == 0) {
        adminRecord(http);
      } else {
        switch ((int) (n % 6)) {
          case 0 -> admin(http, SoakTraffic.ADMIN_HEALTH, "GET", "/health", null);
          case 1 -> {
            String[] m = MUTATIONS[(int) (n / 6 % MUTATIONS.length)];
            admin(http, SoakTraffic.ADMIN_WITHOUT_TOKEN, m[0], m[1], m[2]);
          }
          case 2 ->
              admin(
                  http,
                  SoakTraffic.ADMIN_WRONG_TOKEN,
                  "POST",
                  "/replay-cache/clear",
                  null,
                  ADMIN_TOKEN_HEADER,
                  "not-" + stub.adminToken());
          case 3 -> foreignHost("GET /__itk/health", null, n);
          case 4 -> foreignHost("POST /__itk/clock/reset", stub.adminToken(), n);
          default ->
              admin(
                  http,
                  SoakTraffic.ADMIN_HOSTILE_CLOCK_SHIFT,
                  "POST",
                  "/clock/shift",
                  HOSTILE_SHIFTS[(int) (n / 6 % HOSTILE_SHIFTS.length)],
                  ADMIN_TOKEN_HEADER,
                  stub.adminToken(),
                  "Content-Type",
                  "application/json");
        }
      }
      n++;
      sleepNanos(ADMIN_PAUSE.toNanos());
    } while (running() || n < (long) MIN_ROUNDS * ADMIN_RECORD_EVERY);
  }

  private void admin(
      HttpClient http,
      SoakTraffic traffic,
      String method,
      String route,
      String body,
      String... headers) {
    int seq = nextSeq.getAndIncrement();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(stub.adminUrl() + route))
            .timeout(ANSWER_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    long t0 = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      answered(
          traffic,
          seq,
          r.statusCode(),
          r.statusCode() == 200 ? null : StubLoad.errorCode(r.body()),
          System.nanoTime() - t0,
          null);
    } catch (IOException e) {
      unanswered(traffic, seq, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code GET /__itk/requests}: read as it arrives, its first bytes checked, the rest counted. */
  private void adminRecord(HttpClient http) {
    int seq = nextSeq.getAndIncrement();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stub.adminUrl() + "/requests"))
            .timeout(ANSWER_TIMEOUT)
            .GET()
            .build();
    long t0 = System.nanoTime();
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] start;
      try (InputStream in = r.body()) {
        start = in.readNBytes(256);
        in.transferTo(OutputStream.nullOutputStream());
      }
      String problem =
          r.statusCode() == 200
                  && !new String(start, StandardCharsets.UTF_8).contains("itk-stub-record/2")
              ? "the record's JSON does not start with its format"
              : null;
      answered(
          SoakTraffic.ADMIN_RECORD,
          seq,
          r.statusCode(),
          r.statusCode() == 200 ? null : StubLoad.errorCode(start),
          System.nanoTime() - t0,
          problem);
    } catch (IOException e) {
      unanswered(SoakTraffic.ADMIN_RECORD, seq, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * An admin call with a {@code Host} that is not a loopback name, as a page reached through DNS
   * rebinding sends it; with {@code token}, a call that would change the stub (resetting a clock
   * that already runs on the system clock, so a breach would be caught by the answer, not harm).
   */
  private void foreignHost(String requestLine, String token, long n) {
    int seq = nextSeq.getAndIncrement();
    String head =
        requestLine
            + " HTTP/1.1\r\nHost: "
            + FOREIGN_HOSTS[(int) (n % FOREIGN_HOSTS.length)]
            + "\r\n"
            + (token == null ? "" : ADMIN_TOKEN_HEADER + ": " + token + "\r\n")
            + (requestLine.startsWith("POST") ? "Content-Length: 0\r\n" : "")
            + "Connection: close\r\n\r\n";
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      RawAnswer a = RawAnswer.read(s.getInputStream());
      if (a == null) {
        unanswered(
            SoakTraffic.ADMIN_FOREIGN_HOST, seq, "the stub closed the connection unanswered");
      } else {
        answered(
            SoakTraffic.ADMIN_FOREIGN_HOST,
            seq,
            a.status(),
            a.code(),
            System.nanoTime() - t0,
            null);
      }
    } catch (IOException e) {
      unanswered(SoakTraffic.ADMIN_FOREIGN_HOST, seq, e.toString());
    }
  }

  private String requestId(int seq) {
    return runTag + "-50ac-4000-8000-" + String.format(Locale.ROOT, "%012d", seq);
  }

  private static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  // ---- the tally ----

  /** One kind of traffic's answers. */
  private static final class Tally {
    final LongAdder answered = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
    final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  }

  private void answered(
      SoakTraffic traffic, int seq, int status, String code, long nanos, String problem) {
    Tally t = tallies.get(traffic);
    t.answered.increment();
    t.nanos.add(nanos);
    t.maxNanos.accumulate(nanos);
    String answer = status + (code == null ? "" : " " + code);
    t.answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
    answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
    if (status >= 500) {
      serverErrors.increment();
    }
    if (!traffic.admin()) {
      statusBySeq.set(seq & (RING - 1), ((long) seq << 16) | status);
    }
    String why =
        !traffic.expects(status, code)
            ? "answered "
                + answer
                + ", not "
                + traffic.status()
                + (traffic.code() == null ? "" : " " + traffic.code())
            : problem;
    if (why != null) {
      wrong.increment();
      synchronized (wrongSamples) {
        if (wrongSamples.size() < 10) {
          wrongSamples.add("request " + seq + " (" + traffic.label() + ") " + why);
        }
      }
    }
  }

  private void unanswered(SoakTraffic traffic, int seq, String why) {
    tallies.get(traffic).unanswered.increment();
    transportErrors.increment();
    synchronized (transportSamples) {
      if (transportSamples.size() < 5) {
        transportSamples.add("request " + seq + " (" + traffic.label() + ") got no answer: " + why);
      }
    }
  }

  /** A stalled body whose connection the stub closed without answering: allowed, and counted. */
  private void closedWithoutAnswer(SoakTraffic traffic) {
    Tally t = tallies.get(traffic);
    t.unanswered.increment();
    t.answers.computeIfAbsent("closed", k -> new LongAdder()).increment();
  }

  private void problem(String text) {
    synchronized (problems) {
      problems.add(text);
    }
  }

  // ---- samples and the record ----

  private SoakFigures.MemorySample sample(Duration at) {
    checkRecord();
    return new SoakFigures.MemorySample(
        at, usedHeapAfterGc(), rssBytes(), stub.recordCounts(), stub.rememberedRequestIds());
  }

  /**
   * Compares each kept record whose request has been answered with that answer, and the record's
   * size with its bounds.
   */
  private void checkRecord() {
    List<RecordedRequest> kept = stub.requests();
    RecordCounts counts = stub.recordCounts();
    peakKept = Math.max(peakKept, Math.max(kept.size(), counts.kept()));
    peakKeptBytes = Math.max(peakKeptBytes, counts.keptBytes());
    for (RecordedRequest r : kept) {
      Integer seq = r.header(StubLoad.SEQUENCE_HEADER).map(StubSoak::seqOrNull).orElse(null);
      if (seq == null) {
        foreignRecords++;
        continue;
      }
      long entry = statusBySeq.get(seq & (RING - 1));
      if (entry >>> 16 != seq) {
        continue; // not answered yet, or never (a closed connection)
      }
      statusChecks++;
      int status = (int) (entry & 0xFFFF);
      if (status != r.status()) {
        statusMismatches++;
        synchronized (wrongSamples) {
          if (wrongSamples.size() < 10) {
            wrongSamples.add(
                "request " + seq + " was answered " + status + " but recorded " + r.status());
          }
        }
      }
    }
  }

  private static Integer seqOrNull(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** {@code VmRSS} from {@code /proc/self/status}, in bytes; -1 where there is no {@code /proc}. */
  static long rssBytes() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024; // always kB
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private String progressLine(long elapsedNanos) {
    long answered = tallies.values().stream().mapToLong(t -> t.answered.sum()).sum();
    return String.format(
        Locale.ROOT,
        "soak: %s of %s, %,d answered (%,.0f/s), %d wrong, %d 5xx, %d unanswered, heap %,.0f MiB",
        SoakFigures.clock(Duration.ofNanos(elapsedNanos)),
        SoakFigures.clock(plan.duration()),
        answered,
        answered / Math.max(1e-9, elapsedNanos / 1e9),
        wrong.sum(),
        serverErrors.sum(),
        transportErrors.sum(),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024));
  }

  private SoakFigures figures(
      Duration elapsed, RecordCounts counts, List<SoakFigures.MemorySample> samples) {
    long answeredNonAdmin = 0;
    long unansweredNonAdmin = 0;
    Map<SoakTraffic, SoakFigures.PerTraffic> byTraffic = new EnumMap<>(SoakTraffic.class);
    for (Map.Entry<SoakTraffic, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      long n = t.answered.sum();
      if (!e.getKey().admin()) {
        answeredNonAdmin += n;
        unansweredNonAdmin += t.unanswered.sum();
      }
      byTraffic.put(
          e.getKey(),
          new SoakFigures.PerTraffic(
              n,
              t.unanswered.sum(),
              sums(t.answers),
              Duration.ofNanos(n == 0 ? 0 : t.nanos.sum() / n),
              Duration.ofNanos(t.maxNanos.get())));
    }
    SoakFigures.RecordCheck record =
        new SoakFigures.RecordCheck(
            counts.total(),
            answeredNonAdmin,
            unansweredNonAdmin,
            peakKept,
            peakKeptBytes,
            statusChecks,
            statusMismatches,
            foreignRecords);
    List<String> all = new ArrayList<>(problems);
    all.addAll(wrongSamples);
    all.addAll(transportSamples);
    if (!record.totalMatches()) {
      all.add(
          "the record's total is "
              + counts.total()
              + ", but the stub answered "
              + answeredNonAdmin
              + " requests outside /__itk/ and "
              + unansweredNonAdmin
              + " more got no answer: every answered request must be recorded once");
    }
    if (peakKept > limits.maxRecordedRequests() || peakKeptBytes > limits.maxRecordedBytes()) {
      all.add(
          "the record kept "
              + peakKept
              + " requests and "
              + peakKeptBytes
              + " bytes; its bounds are "
              + limits.maxRecordedRequests()
              + " and "
              + limits.maxRecordedBytes());
    }
    return new SoakFigures(
        plan,
        limits,
        elapsed,
        byTraffic,
        sums(answers),
        wrong.sum(),
        serverErrors.sum(),
        transportErrors.sum(),
        sums(diagnoses),
        record,
        samples,
        all);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> adders) {
    Map<String, Long> out = new TreeMap<>();
    adders.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** The stub's settings from its health route, as any client reads them. */
  private static SoakFigures.StubLimits limits(IssuetrakStub stub) {
    try {
      HttpResponse<String> r =
          httpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stub.adminUrl() + "/health"))
                      .timeout(ANSWER_TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "the soak's stub answered its health route with " + r.statusCode() + ": " + r.body());
      }
      JsonNode h = JSON.readTree(r.body());
      return new SoakFigures.StubLimits(
          Duration.parse(h.get("window").asText()),
          REPLAY_CAPACITY,
          h.get("record").get("maxRequests").asLong(),
          h.get("record").get("maxBytes").asLong(),
          h.get("maxBodyBytes").asLong(),
          h.get("diagnosis").asBoolean());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the soak stub's health route", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The status and error code of an answer read from a socket.
   *
   * @param code the error code, or null for a 2xx
   */
  record RawAnswer(int status, String code) {
    /** Reads one answer: head, then as many body bytes as it declares; null if closed first. */
    static RawAnswer read(InputStream raw) throws IOException {
      InputStream in = new BufferedInputStream(raw);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      for (int c; matched < 4; ) {
        c = in.read();
        if (c < 0) {
          return null;
        }
        head.write(c);
        matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : (c == '\r' ? 1 : 0);
        if (head.size() > 64 * 1024) {
          throw new IOException("an answer head over 64 KiB");
        }
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.") || text.length() < 12) {
        throw new IOException("not an HTTP answer: " + text.lines().findFirst().orElse(""));
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int length = 0;
      for (String line : text.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(line.substring(colon + 1).strip());
        }
      }
      byte[] body = in.readNBytes(Math.min(length, 1 << 20));
      return new RawAnswer(status, status / 100 == 2 ? null : StubLoad.errorCode(body));
    }
  }
}
