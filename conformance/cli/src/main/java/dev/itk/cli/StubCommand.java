package dev.itk.cli;

import dev.itk.signing.ApiKey;
import dev.itk.signing.QueryForm;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.RecordedRequest;
import dev.itk.stub.internal.BindAddress;
import dev.itk.stub.internal.DurationText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk stub}: runs the signature-verifying Issuetrak stub on 127.0.0.1 (or the {@code --bind}
 * address) until Ctrl-C or SIGTERM, then writes the record. See {@code docs/stub.md#itk-stub}.
 */
@Command(
    name = "stub",
    mixinStandardHelpOptions = true,
    description = {
      "Run a signature-verifying Issuetrak API v1 stub on 127.0.0.1 (or --bind) until Ctrl-C.",
      "Prints its URL and the accepted keys' fingerprints, then one line per request:"
          + " method, path, verdict, status."
    })
final class StubCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8089",
      description = "The port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "The IP address to listen on, e.g. 0.0.0.0 (every interface) in a container whose port"
              + " is published. Anything that can reach a non-loopback address can send the stub"
              + " requests. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description =
          "An accepted API key text, used verbatim; repeatable. Discouraged: every local user sees"
              + " it in the process list (ps); use --key-file or ITK_API_KEY.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "Read an accepted key from FILE (UTF-8, one trailing line break dropped);"
              + " repeatable. Without --key or --key-file: the ITK_API_KEY variable.")
  List<Path> keyFiles = new ArrayList<>();

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description =
          "Stream every request to FILE as JSON Lines while the stub runs, one line per request"
              + " as it is answered (docs/stub.md#the-record-file).")
  Path record;

  @Option(
      names = "--record-max-requests",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "The most requests the in-memory record (GET /__itk/requests) keeps; the oldest are"
              + " dropped first. Default: ${DEFAULT-VALUE}.")
  int recordMaxRequests;

  @Option(
      names = "--record-max-bytes",
      paramLabel = "N",
      defaultValue = "134217728",
      description =
          "About the most bytes of memory the in-memory record holds. Default: ${DEFAULT-VALUE}"
              + " (128 MiB).")
  long recordMaxBytes;

  @Option(
      names = "--no-diagnosis",
      description =
          "Do not name the likely causes in a refused request's 401 (each 401 then costs about one"
              + " signature check).")
  boolean noDiagnosis;

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "Read the admin token (for POST and DELETE under /__itk/) from FILE; default: a random"
              + " one, printed at start.")
  Path adminTokenFile;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description = "Clock-skew window either way, e.g. 5m, 30s, PT2M. Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(names = "--no-replay-check", description = "Accept a request ID more than once.")
  boolean noReplayCheck;

  @Option(
      names = "--replay-capacity",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Request IDs the replay check remembers within the window; when full, new requests get"
              + " 401 replay-cache-full until IDs expire. Default: ${DEFAULT-VALUE}.")
  int replayCapacity;

  @Option(
      names = "--query-form",
      paramLabel = "FORM",
      defaultValue = "raw",
      description =
          "How the query is signed: raw, with-?, decoded or empty. Default: ${DEFAULT-VALUE}.")
  String queryForm;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      defaultValue = "10485760",
      description = "The largest body read; larger ones get 413. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes;

  @Option(
      names = "--strict-forms",
      description = "Accept only lowercase request IDs and 7-digit timestamps ending in Z.")
  boolean strictForms;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IssuetrakStub.Builder builder =
        IssuetrakStub.builder()
            .port(checkedPort())
            .bindAddress(checkedBind())
            .window(checkedWindow())
            .replayCheck(!noReplayCheck)
            .replayCapacity(checkedReplayCapacity())
            .queryForm(QueryForm.ofLabel(queryForm))
            .maxBodyBytes(checkedMaxBody())
            .strictForms(strictForms)
            .maxRecordedRequests(checkedRecordMaxRequests())
            .maxRecordedBytes(checkedRecordMaxBytes())
            .diagnosis(!noDiagnosis)
            .onRequest(r -> out.println(logLine(r)));
    resolveKeys().forEach(builder::key);
    if (adminTokenFile != null) {
      try {
        builder.adminToken(KeyOptions.readSecretFile(adminTokenFile, "admin token"));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--admin-token-file " + adminTokenFile + ": " + e.getMessage());
      }
    }
    checkRecordFile();
    if (record != null) {
      builder.recordFile(record);
    }

    IssuetrakStub stub = builder.build();
    try {
      stub.start();
    } catch (java.io.UncheckedIOException e) {
      throw new BadInputException("--record: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new BadInputException(
          "cannot listen on " + bindAddress().urlHost() + ":" + port + ": " + rootMessage(e), e);
    }
    if (!bindAddress().isLoopback()) {
      err.println(
          "itk stub: warning: --bind "
              + bind
              + " listens beyond this machine: anything that reaches it on port "
              + stub.port()
              + " can send the stub requests and read its record (/__itk/ refuses a non-loopback"
              + " Host, which stops browsers, not other programs; changes still need the admin"
              + " token; docs/stub.md#admin-routes)");
      err.flush();
    }
    out.println("itk stub: listening on " + stub.baseUrl());
    out.println("  port:          " + stub.port());
    out.println("  bind:          " + stub.bindAddress());
    out.println("  accepted keys: " + String.join(", ", stub.keyFingerprints()));
    out.println(
        "  settings:      window "
            + DurationText.parse(window)
            + ", replay check "
            + (noReplayCheck ? "off" : "on")
            + ", query form "
            + QueryForm.ofLabel(queryForm).label());
    out.println(
        "  diagnosis:     "
            + (noDiagnosis ? "off" : "on (causes named in each 401, within a budget)"));
    out.println("  admin:         " + stub.adminUrl() + "/health (unsigned)");
    out.println(
        "  inspector:     "
            + stub.inspectorUrl()
            + " (open in a browser: the requests as they come, their diagnosis, a paste box)");
    out.println(
        "  admin token:   "
            + (adminTokenFile == null ? stub.adminToken() : "from " + adminTokenFile)
            + " (send as X-Itk-Admin-Token on POST and DELETE under /__itk/)");
    if (record != null) {
      out.println("  record:        " + record + " (JSON Lines, one line per request as it comes)");
    }
    out.println("Ctrl-C stops.");
    out.flush();

    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> shutDown(stub, out, err), "itk-stub-shutdown"));
    new CountDownLatch(1).await(); // until the JVM stops; the hook does the rest
    return 0;
  }

  private void shutDown(IssuetrakStub stub, PrintWriter out, PrintWriter err) {
    stub.close();
    long count = stub.recordCounts().total();
    var written = stub.recordFileResult();
    if (written.isPresent()) {
      IssuetrakStub.RecordFileResult r = written.get();
      r.failure()
          .ifPresent(
              e ->
                  err.println(
                      "itk stub: writing the record to "
                          + r.path()
                          + " failed after "
                          + r.requests()
                          + " requests: "
                          + e));
      out.println(
          "itk stub: stopped; "
              + count
              + " requests served, "
              + r.requests()
              + " recorded in "
              + r.path());
    } else {
      out.println("itk stub: stopped; " + count + " requests served");
    }
    out.flush();
    err.flush();
  }

  static String logLine(RecordedRequest r) {
    return r.method()
        + " "
        + r.path()
        + r.query().map(q -> "?" + q).orElse("")
        + "  "
        + r.verdict()
        + "  "
        + r.status();
  }

  private int checkedPort() {
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port must be 0 to 65535; got " + port);
    }
    return port;
  }

  private String checkedBind() {
    bindAddress(); // throws BadInputException naming the value
    return bind;
  }

  private BindAddress bindAddress() {
    try {
      return BindAddress.of(bind);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--bind: " + e.getMessage());
    }
  }

  private Duration checkedWindow() {
    Duration d;
    try {
      d = DurationText.parse(window);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--window: " + e.getMessage());
    }
    if (d.isNegative()) {
      throw new BadInputException("--window must be zero or positive; got " + window);
    }
    if (d.compareTo(dev.itk.signing.SignatureVerifier.Builder.MAX_WINDOW) > 0) {
      throw new BadInputException(
          "--window must be at most "
              + dev.itk.signing.SignatureVerifier.Builder.MAX_WINDOW.toDays()
              + " days (10 000 years); got "
              + window);
    }
    return d;
  }

  private int checkedReplayCapacity() {
    if (replayCapacity < 1) {
      throw new BadInputException("--replay-capacity must be at least 1; got " + replayCapacity);
    }
    return replayCapacity;
  }

  private int checkedRecordMaxRequests() {
    if (recordMaxRequests < 1) {
      throw new BadInputException(
          "--record-max-requests must be at least 1; got " + recordMaxRequests);
    }
    return recordMaxRequests;
  }

  private long checkedRecordMaxBytes() {
    if (recordMaxBytes < 1) {
      throw new BadInputException("--record-max-bytes must be at least 1; got " + recordMaxBytes);
    }
    return recordMaxBytes;
  }

  private int checkedMaxBody() {
    if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
      throw new BadInputException("--max-body-bytes must be 0 or more; got " + maxBodyBytes);
    }
    return maxBodyBytes;
  }

  private List<ApiKey> resolveKeys() {
    Set<ApiKey> resolved = new LinkedHashSet<>();
    for (String k : keys) {
      resolved.add(ApiKey.of(k));
    }
    for (Path f : keyFiles) {
      resolved.add(ApiKey.of(KeyOptions.readKeyFile(f)));
    }
    if (resolved.isEmpty()) {
      String env = System.getenv("ITK_API_KEY");
      if (env == null) {
        throw new BadInputException(
            "no API key: give --key-file FILE (repeatable) or set ITK_API_KEY (--key KEY works"
                + " too, but every local user sees it in ps)");
      }
      resolved.add(ApiKey.of(env));
    }
    return List.copyOf(resolved);
  }

  private void checkRecordFile() {
    if (record == null) {
      return;
    }
    Path parent = record.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new BadInputException("--record: the folder of " + record + " does not exist");
    }
    if (Files.isDirectory(record)) {
      throw new BadInputException("--record: " + record + " is a folder; give a file name");
    }
    if (!Files.isWritable(parent) || (Files.exists(record) && !Files.isWritable(record))) {
      throw new BadInputException("--record: cannot write " + record);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
