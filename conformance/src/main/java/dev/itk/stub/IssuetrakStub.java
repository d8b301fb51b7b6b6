package dev.itk.stub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.itk.signing.ApiKey;
import dev.itk.signing.QueryForm;
import dev.itk.signing.SignatureVerifier;
import dev.itk.stub.internal.RequestLog;
import dev.itk.stub.internal.StubServer;
import dev.itk.stub.internal.StubSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A signature-verifying Issuetrak API v1 stub server on 127.0.0.1, for testing clients in any
 * language: it checks every request's HMAC-SHA512 signature with core-java's verifier, answers the
 * routes of the wire contract from in-memory data, and records every request byte for byte.
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

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    requireRunning();
    return server.port();
  }

  /** The API base URL to give a client: {@code http://127.0.0.1:PORT/api/v1}, no trailing slash. */
  public String baseUrl() {
    requireRunning();
    return server.baseUrl();
  }

  /** The URL of a route, e.g. {@code url("/issues/false/1")}. */
  public String url(String route) {
    return baseUrl() + (route.startsWith("/") ? route : "/" + route);
  }

  /** The admin base URL, {@code http://127.0.0.1:PORT/__itk} (unsigned; see docs/stub.md). */
  public String adminUrl() {
    requireRunning();
    return "http://" + StubServer.HOST + ":" + server.port() + "/__itk";
  }

  /** The fingerprints of the accepted keys, in the order given ({@link ApiKey#fingerprint()}). */
  public List<String> keyFingerprints() {
    return server.settings().keys().stream().map(ApiKey::fingerprint).toList();
  }

  /** Every request recorded so far (admin routes excepted), in order of arrival. Immutable. */
  public List<RecordedRequest> requests() {
    return server.log().all();
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
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(RequestLog.toJson(requests()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@link #requestsAsJson()} to {@code file} as UTF-8. */
  public void writeRequests(Path file) throws IOException {
    Files.writeString(file, requestsAsJson() + "\n");
  }

  /** The stub's clock now. */
  public Instant now() {
    return server.clock().instant();
  }

  /** Stops the stub's clock at {@code instant}. */
  public void setClock(Instant instant) {
    server.clock().freezeAt(instant);
  }

  /** Moves the stub's clock by {@code by}; negative moves it back. */
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

  /** Stops serving. The record stays readable. */
  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
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

    private int port = 0;
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

    private Builder() {}

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
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
     * The stub, not started.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public IssuetrakStub build() {
      return new IssuetrakStub(
          new StubSettings(
              port,
              keys,
              window,
              replayCheck,
              replayCapacity,
              queryForm,
              maxBodyBytes,
              strictForms,
              verifySignatures,
              clock,
              listener));
    }
  }
}
