package dev.itk.stub.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignatureVerifier;
import dev.itk.stub.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The stub's engine: WireMock with the capture filter, the signature check, the routes and the
 * recorder, around one state. {@code dev.itk.stub.IssuetrakStub} is its public face.
 */
public final class StubServer {
  /**
   * The loopback address: the stub's default bind address, and the host of its URLs when it listens
   * on every interface.
   */
  public static final String HOST = "127.0.0.1";

  private final StubSettings settings;
  private final StubClock clock;
  private final SignatureVerifier verifier;
  private final IssuetrakData data;
  private final RequestLog log;
  private final WireMockServer wireMock;
  private volatile boolean startedBefore;

  public StubServer(StubSettings settings) {
    this.settings = settings;
    this.clock = new StubClock(settings.baseClock());
    SignatureVerifier.Builder vb =
        SignatureVerifier.builder()
            .clock(clock)
            .window(settings.window())
            .replayProtection(settings.replayCheck())
            .replayCapacity(settings.replayCapacity())
            .strictForms(settings.strictForms());
    settings.keys().forEach(vb::key);
    this.verifier = vb.build();
    this.data = new IssuetrakData(clock, settings.dataLimits());
    this.log =
        new RequestLog(settings.recordLimits(), settings.verifySignatures(), settings.listener());

    WireMockConfiguration config =
        WireMockConfiguration.options()
            .port(settings.port())
            .bindAddress(settings.bindAddress().text())
            .http2PlainDisabled(true) // HTTP/2 lowercases header names; keep HTTP/1.1 exact
            .gzipDisabled(true)
            .disableRequestJournal() // the stub keeps its own exact record
            .stubRequestLoggingDisabled(true)
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
            .threadPoolFactory(o -> StubHttpServerFactory.threadPool())
            .jettyIdleTimeout(StubHttpServerFactory.IDLE_TIMEOUT.toMillis())
            .jettyStopTimeout(StubHttpServerFactory.STOP_TIMEOUT.toMillis())
            .templatingEnabled(false)
            .extensionScanningEnabled(false)
            .mappingSource(new NoMappings())
            .notifier(new SilentNotifier())
            .httpServerFactory(
                new StubHttpServerFactory(new CaptureFilter(clock, log, settings.maxBodyBytes())))
            .extensions(
                new SignatureCheckFilter(
                    verifier,
                    settings.verifySignatures(),
                    settings.queryForm(),
                    settings.maxBodyBytes(),
                    new FailureDiagnosis(
                        settings.keys(),
                        settings.window(),
                        clock,
                        settings.diagnosis(),
                        settings.maxConcurrentDiagnoses(),
                        id -> acceptedBefore(log, id))),
                new RouteTransformer(new IssuetrakRoutes(data), new AdminRoutes(this)),
                new RecordingListener(log));
    this.wireMock = new WireMockServer(config);
  }

  /** Whether the record holds an accepted request with this request ID (either case). */
  private static boolean acceptedBefore(RequestLog log, String id) {
    for (RecordedRequest r : log.all()) {
      if (r.status() < 400
          && r.header(SignatureHeaders.REQUEST_ID).map(id::equalsIgnoreCase).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts serving; with a record file, opens it first (a new file the first time, a new run
   * appended after a stop).
   *
   * @throws UncheckedIOException naming the record file when it cannot be written
   */
  public void start() {
    Path file = settings.recordFile();
    if (file != null) {
      try {
        log.openFile(file, startedBefore);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the record file " + file + ": " + e, e);
      }
    }
    startedBefore = true;
    wireMock.start();
    wireMock.stubFor(any(anyUrl()).willReturn(aResponse()));
  }

  /** Stops serving, then ends the record file; returns it (closed), or null when there is none. */
  public RecordFile stop() {
    wireMock.stop();
    return log.closeFile();
  }

  public boolean isRunning() {
    return wireMock.isRunning();
  }

  public int port() {
    return wireMock.port();
  }

  public String baseUrl() {
    return origin() + "/api/v1";
  }

  /** {@code http://HOST:PORT}, HOST from {@link BindAddress#urlHost()}. */
  public String origin() {
    return "http://" + settings.bindAddress().urlHost() + ":" + port();
  }

  public StubSettings settings() {
    return settings;
  }

  public StubClock clock() {
    return clock;
  }

  public RequestLog log() {
    return log;
  }

  SignatureVerifier verifier() {
    return verifier;
  }

  IssuetrakData data() {
    return data;
  }

  /** Restores the seed data. */
  public void resetData() {
    data.reset();
  }

  /** How many request IDs the replay check remembers now. */
  public int rememberedRequestIds() {
    return verifier.rememberedRequestIds();
  }

  /** Forgets the request IDs seen; returns how many. */
  public int forgetRequestIds() {
    int n = verifier.rememberedRequestIds();
    verifier.forgetRequestIds();
    return n;
  }

  /** No stub mappings from files: the stub has exactly one, made in code. */
  @SuppressWarnings("removal")
  private static final class NoMappings implements MappingsSource {
    @Override
    public void loadMappingsInto(StubMappings stubMappings) {}

    @Override
    public void save(List<StubMapping> stubMappings) {}

    @Override
    public void save(StubMapping stubMapping) {}

    @Override
    public void remove(StubMapping stubMapping) {}

    @Override
    public void removeAll() {}
  }

  /** The stub reports in its answers and its record, not through WireMock's notifier. */
  private static final class SilentNotifier implements Notifier {
    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {}

    @Override
    public void error(String message, Throwable t) {}
  }
}
