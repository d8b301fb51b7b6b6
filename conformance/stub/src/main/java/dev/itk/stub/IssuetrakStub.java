package dev.itk.stub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.itk.signing.ApiKey;
import dev.itk.signing.QueryForm;
import dev.itk.signing.SignatureVerifier;
import dev.itk.stub.internal.BindAddress;
import dev.itk.stub.internal.IssuetrakData;
import dev.itk.stub.internal.RecordFile;
import dev.itk.stub.internal.RequestLog;
import dev.itk.stub.internal.StubServer;
import dev.itk.stub.internal.StubSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A signature-verifying Issuetrak API v1 stub server on 127.0.0.1 (by default), for testing clients
 * in any language: it checks every request's HMAC-SHA512 signature with core-java's verifier,
 * answers the routes of the wire contract from in-memory data, and records every request byte for
 * byte.
 *
 * <pre>{@code
 * try (IssuetrakStub stub = IssuetrakStub.builder().key(ApiKey.of(keyText)).build().start()) {
 *   String base = stub.baseUrl();                 // http://127.0.0.1:PORT/api/v1
 *   // ... point the client under test at base, run it ...
 *   RecordedRequest r = stub.requests().get(0);   // exact method, raw path, headers, body bytes
 *   r.verdict();                                  // "valid", or the verifier's error code
 * }
 * }</pre>
 *
 * <p>Thread-safe. Rules and formats: {@code docs/stub.md}.
 */
public final class IssuetrakStub implements AutoCloseable {
  private final StubServer server;
  private volatile RecordFile lastRecordFile;

  private static final ObjectMapper PRETTY =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private IssuetrakStub(StubSettings settings) {
    this.server = new StubServer(settings);
  }

  /** A builder; at least one key is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving; returns this stub.
   *
   * @throws IllegalStateException if it is already running
   */
  public IssuetrakStub start() {
    if (server.isRunning()) {
      throw new IllegalStateException("the stub is already running on port " + server.port());
    }
    server.start();
    return this;
  }

  /** Whether it is serving. */
  public boolean isRunning() {
    return server.isRunning();
  }

  /** The port it listens on. */
  public int port() {
    requireRunning();
    return server.port();
  }

  /**
   * The API base URL to give a client: {@code http://127.0.0.1:PORT/api/v1}, no trailing slash (the
   * {@link Builder#bindAddress bind address} instead of 127.0.0.1 when it is a single one).
   */
  public String baseUrl() {
    requireRunning();
    return server.baseUrl();
  }

  /** The URL of a route, e.g. {@code url("/issues/false/1")}. */
  public String url(String route) {
    return baseUrl() + (route.startsWith("/") ? route : "/" + route);
  }

  /**
   * The admin base URL, {@code http://127.0.0.1:PORT/__itk} (unsigned; its routes that change
   * something need {@link #adminToken()} in {@code X-Itk-Admin-Token}; see docs/stub.md).
   */
  public String adminUrl() {
    requireRunning();
    return server.origin() + "/__itk";
  }

  /**
   * The inspector's page, {@code http://127.0.0.1:PORT/__itk/ui}: the requests as they come, each
   * with its canonical message and diagnosis, and a paste box (docs/stub.md#the-inspector).
   */
  public String inspectorUrl() {
    return adminUrl() + "/ui";
  }

  /** The token the admin routes that change something require, in {@code X-Itk-Admin-Token}. */
  public String adminToken() {
    return server.settings().adminToken();
  }

  /**
   * The address it listens on, as given to {@link Builder#bindAddress}: {@code 127.0.0.1} by
   * default.
   */
  public String bindAddress() {
    return server.settings().bindAddress().text();
  }

  /** The fingerprints of the accepted keys, in the order given ({@link ApiKey#fingerprint()}). */
  public List<String> keyFingerprints() {
    return server.settings().keys().stream().map(ApiKey::fingerprint).toList();
  }

  /**
   * The requests recorded and kept (admin routes excepted), in order of arrival. Immutable. The
   * record keeps the newest requests up to its bounds ({@link Builder#maxRecordedRequests}, {@link
   * Builder#maxRecordedBytes}); {@link #recordCounts()} says how many it dropped.
   */
  public List<RecordedRequest> requests() {
    return server.log().all();
  }

  /** How many requests the record keeps, and how many it dropped to stay within its bounds. */
  public RecordCounts recordCounts() {
    return server.log().counts();
  }

  /** The last request recorded. */
  public RecordedRequest lastRequest() {
    List<RecordedRequest> all = requests();
    if (all.isEmpty()) {
      throw new IllegalStateException("the stub has recorded no request");
    }
    return all.get(all.size() - 1);
  }

  /** Forgets the recorded requests; sequence numbers keep counting. */
  public void clearRequests() {
    server.log().clear();
  }

  /** The record as JSON ({@code docs/stub.md#the-record}), pretty-printed. */
  public String requestsAsJson() {
    try {
      return PRETTY.writeValueAsString(server.log().toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@link #requestsAsJson()} to {@code file} as UTF-8, streamed. */
  public void writeRequests(Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      PRETTY.writeValue(out, server.log().toJson());
      out.write('\n');
    }
  }

  /**
   * The record file ({@link Builder#recordFile}) after {@link #close()}: how many requests were
   * written to it, and the first write error if there was one. Empty before the stub is closed or
   * when it has no record file.
   */
  public Optional<RecordFileResult> recordFileResult() {
    RecordFile f = lastRecordFile;
    return f == null
        ? Optional.empty()
        : Optional.of(
            new RecordFileResult(f.path(), f.written(), Optional.ofNullable(f.failure())));
  }

  /**
   * What was written to the record file.
   *
   * @param path the file
   * @param requests how many requests it holds (this run)
   * @param failure the first write error; after one, nothing more was written
   */
  public record RecordFileResult(Path path, long requests, Optional<IOException> failure) {}

  /** The stub's clock now. */
  public Instant now() {
    return server.clock().instant();
  }

  /**
   * Stops the stub's clock at {@code instant}.
   *
   * @throws IllegalArgumentException if {@code instant} is outside the years 0001-9999
   */
  public void setClock(Instant instant) {
    server.clock().freezeAt(instant);
  }

  /**
   * Moves the stub's clock by {@code by}; negative moves it back.
   *
   * @throws IllegalArgumentException if the clock would leave the years 0001-9999
   */
  public void shiftClock(Duration by) {
    server.clock().shift(by);
  }

  /** Puts the stub's clock back to the builder's clock, unshifted. */
  public void resetClock() {
    server.clock().reset();
  }

  /** How many request IDs the replay check remembers now (at most the replay capacity). */
  public int rememberedRequestIds() {
    return server.rememberedRequestIds();
  }

  /** Forgets every request ID seen, so a request can be replayed on purpose. */
  public void clearReplayCache() {
    server.forgetRequestIds();
  }

  /** Restores the seed data: issues 1 to 3, notes 1 and 2, the lookups. */
  public void resetData() {
    server.resetData();
  }

  /** Stops serving, then ends the record file if there is one. The record stays readable. */
  @Override
  public void close() {
    if (server.isRunning()) {
      RecordFile f = server.stop();
      if (f != null) {
        lastRecordFile = f;
      }
    }
  }

  private void requireRunning() {
    if (!server.isRunning()) {
      throw new IllegalStateException("the stub is not running; call start()");
    }
  }

  @Override
  public String toString() {
    return "IssuetrakStub[" + (server.isRunning() ? server.baseUrl() : "stopped") + "]";
  }

  /** Configures an {@link IssuetrakStub}. */
  public static final class Builder {
    /** The default largest body: 10 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

    /**
     * The default bound on diagnoses running at once: half the cores, at least 1, so refused
     * requests never take every core from the requests being served.
     */
    public static final int DEFAULT_MAX_CONCURRENT_DIAGNOSES =
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private int port = 0;
    private BindAddress bindAddress = BindAddress.LOOPBACK;
    private final List<ApiKey> keys = new ArrayList<>();
    private Duration window = SignatureVerifier.Builder.DEFAULT_WINDOW;
    private boolean replayCheck = true;
    private int replayCapacity = SignatureVerifier.Builder.DEFAULT_REPLAY_CAPACITY;
    private boolean verifySignatures = true;
    private QueryForm queryForm = QueryForm.RAW;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private boolean strictForms = false;
    private Clock clock = Clock.systemUTC();
    private Consumer<RecordedRequest> listener = r -> {};
    private String adminToken;
    private int maxRecordedRequests = RequestLog.RecordLimits.DEFAULT.maxRequests();
    private long maxRecordedBytes = RequestLog.RecordLimits.DEFAULT.maxBytes();
    private int refusedBodyPrefixBytes = RequestLog.RecordLimits.DEFAULT.refusedBodyPrefixBytes();
    private Path recordFile;
    private boolean diagnosis = true;
    private int maxCreatedItems = IssuetrakData.DataLimits.DEFAULT.maxCreated();
    private long maxCreatedBytes = IssuetrakData.DataLimits.DEFAULT.maxCreatedBytes();
    private int maxConcurrentDiagnoses = DEFAULT_MAX_CONCURRENT_DIAGNOSES;

    private Builder() {}

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The address to listen on, an IP address literal: {@code 127.0.0.1} by default, which no other
     * machine can reach. {@code 0.0.0.0} (every interface) is for a stub inside a container whose
     * port is published, e.g. a CI service container; anything that reaches it can then send it
     * requests and read its record: the admin routes' loopback {@code Host} check stops browsers,
     * not other programs, and only changes need the admin token (docs/stub.md#admin-routes).
     *
     * @throws IllegalArgumentException naming the value when it is not an IP address literal (a
     *     host name such as {@code localhost} is refused, so no DNS is asked)
     */
    public Builder bindAddress(String address) {
      this.bindAddress = BindAddress.of(address);
      return this;
    }

    /** Accepts signatures made with this key; call again for one key per client under test. */
    public Builder key(ApiKey key) {
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** The clock-skew window, either way, edges included; 5 minutes by default. */
    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Whether a request ID is refused the second time within the window; on by default. */
    public Builder replayCheck(boolean enabled) {
      this.replayCheck = enabled;
      return this;
    }

    /**
     * How many request IDs the replay check remembers within the window, 100 000 by default. When
     * full, a new request is refused with {@code replay-cache-full} (401) until IDs expire, so the
     * memory stays bounded (about 160 bytes per ID; see docs/security.md).
     */
    public Builder replayCapacity(int capacity) {
      this.replayCapacity = capacity;
      return this;
    }

    /**
     * Whether signatures are checked; on by default. Off, every request reaches the routes and is
     * recorded as {@code not-checked}: only for measuring what verification costs
     * (docs/performance.md).
     */
    public Builder verifySignatures(boolean enabled) {
      this.verifySignatures = enabled;
      return this;
    }

    /** How the raw query becomes the signed query field; {@link QueryForm#RAW} by default. */
    public Builder queryForm(QueryForm form) {
      this.queryForm = Objects.requireNonNull(form, "queryForm");
      return this;
    }

    /** The largest body the stub reads (a larger one gets 413); 10 MiB by default. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Accept only canonical request IDs and timestamps (the verifier's strict forms). */
    public Builder strictForms(boolean strict) {
      this.strictForms = strict;
      return this;
    }

    /** The clock the stub's clock starts from; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Called with each recorded request, on the server's thread, before the answer is sent. */
    public Builder onRequest(Consumer<RecordedRequest> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The token the admin routes that change something ({@code POST}, {@code DELETE} under {@code
     * /__itk/}) require in {@code X-Itk-Admin-Token}: 16 to 256 visible ASCII characters. By
     * default a fresh random one ({@link IssuetrakStub#adminToken()}).
     */
    public Builder adminToken(String token) {
      StubSettings.checkAdminToken(token);
      this.adminToken = token;
      return this;
    }

    /** The most requests the record keeps; the oldest are dropped first. 10 000 by default. */
    public Builder maxRecordedRequests(int max) {
      this.maxRecordedRequests = max;
      return this;
    }

    /**
     * About the most bytes of memory the record holds (bodies kept, headers, a fixed overhead per
     * request); the oldest requests are dropped first. 128 MiB by default.
     */
    public Builder maxRecordedBytes(long max) {
      this.maxRecordedBytes = max;
      return this;
    }

    /**
     * How much of the body of a request whose signature was refused the record keeps, with the
     * SHA-256 of the whole body; 64 KiB by default. Accepted requests keep their whole body.
     */
    public Builder refusedBodyPrefixBytes(int bytes) {
      this.refusedBodyPrefixBytes = bytes;
      return this;
    }

    /**
     * Streams the record to {@code file} as JSON Lines while the stub runs, one line per request
     * flushed as it is recorded ({@code docs/stub.md#the-record-file}); the file is created (or
     * emptied) at {@link IssuetrakStub#start()} and ended at {@link IssuetrakStub#close()}.
     */
    public Builder recordFile(Path file) {
      this.recordFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Whether a refused request's 401 names its likely causes (the diagnosis of {@code itk
     * diagnose}, within a budget); on by default. Off, every 401 costs about one signature check.
     */
    public Builder diagnosis(boolean enabled) {
      this.diagnosis = enabled;
      return this;
    }

    /**
     * How many refused requests are diagnosed at once, at most; half the cores by default ({@link
     * #DEFAULT_MAX_CONCURRENT_DIAGNOSES}). A refused request that finds them all busy gets its 401
     * without causes, saying so.
     */
    public Builder maxConcurrentDiagnoses(int max) {
      this.maxConcurrentDiagnoses = max;
      return this;
    }

    /**
     * How many issues and notes clients may create (POST) before the oldest they created are
     * dropped; 10 000 by default. The seed data is never dropped. A dropped issue or note then
     * reads as unknown (400), as one that never existed.
     */
    public Builder maxCreatedItems(int max) {
      this.maxCreatedItems = max;
      return this;
    }

    /**
     * About the most memory the issues and notes clients created may hold before the oldest are
     * dropped; 64 MiB by default.
     */
    public Builder maxCreatedBytes(long max) {
      this.maxCreatedBytes = max;
      return this;
    }

    /**
     * The stub, not started.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public IssuetrakStub build() {
      return new IssuetrakStub(
          new StubSettings(
              port,
              bindAddress,
              keys,
              window,
              replayCheck,
              replayCapacity,
              queryForm,
              maxBodyBytes,
              strictForms,
              verifySignatures,
              clock,
              listener,
              adminToken == null ? StubSettings.randomAdminToken() : adminToken,
              new RequestLog.RecordLimits(
                  maxRecordedRequests, maxRecordedBytes, refusedBodyPrefixBytes),
              recordFile,
              diagnosis,
              maxConcurrentDiagnoses,
              new IssuetrakData.DataLimits(maxCreatedItems, maxCreatedBytes)));
    }
  }
}
