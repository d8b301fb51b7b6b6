package dev.itk.check;

import dev.itk.diagnose.Diagnoser;
import dev.itk.diagnose.Diagnosis;
import dev.itk.diagnose.DiagnosisBudget;
import dev.itk.signing.ApiKey;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.QueryForm;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.VerificationError;
import dev.itk.signing.VerificationResult;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One {@code itk check} run: starts the stub, runs the client's command against it, waits for it,
 * stops the stub and judges every request it recorded.
 *
 * <pre>{@code
 * CheckReport r = new Check(settings).run(out, err);
 * r.passed();   // the command exited 0, enough requests arrived, all were accepted
 * }</pre>
 */
public final class Check {
  /** The environment variables the command gets. */
  public static final String BASE_URL = "ITK_BASE_URL";

  public static final String API_KEY = "ITK_API_KEY";
  public static final String HOST = "ITK_HOST";
  public static final String PORT = "ITK_PORT";

  /** How long a stopped command gets to end after SIGTERM before it is killed. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  /**
   * What to run and how.
   *
   * @param command the command and its arguments, run as given (no shell)
   * @param directory the command's working directory
   * @param keyText the accepted key, handed to the command in {@code ITK_API_KEY}; never printed
   * @param freshKey whether {@code keyText} is a fresh random test key
   * @param port the stub's port on 127.0.0.1; 0 for any free one
   * @param basePath the API base path, site folders included, e.g. {@code /Site/api/v1}
   * @param window the clock-skew window either way
   * @param replayCheck whether a request ID may be used once only
   * @param minRequests the fewest requests that must arrive
   */
  public record Settings(
      List<String> command,
      Path directory,
      String keyText,
      boolean freshKey,
      int port,
      String basePath,
      Duration window,
      boolean replayCheck,
      int minRequests) {
    /** Copies the command; every part is required. */
    public Settings {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("no command to run");
      }
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(keyText, "keyText");
      Objects.requireNonNull(basePath, "basePath");
      Objects.requireNonNull(window, "window");
    }

    /** No key text, ever. */
    @Override
    public String toString() {
      return "Settings[command=" + command + ", port=" + port + ", basePath=" + basePath + "]";
    }
  }

  private final Settings settings;

  public Check(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs the check: the command's output goes to {@code out} and {@code err} as it comes, the kit's
   * own lines (prefixed {@code itk check:}) to {@code err}.
   *
   * @throws CommandNotStartedException when the command cannot be started (not found, not
   *     executable)
   */
  public CheckReport run(PrintWriter out, PrintWriter err) {
    Instant started = Instant.now();
    ApiKey key = ApiKey.of(settings.keyText());
    // The whole body of a refused request is kept, not the stub's usual prefix, so that every
    // refusal can be diagnosed afterwards; the record stays bounded by its own limits.
    IssuetrakStub.Builder builder =
        IssuetrakStub.builder()
            .key(key)
            .port(settings.port())
            .window(settings.window())
            .replayCheck(settings.replayCheck())
            .refusedBodyPrefixBytes(IssuetrakStub.Builder.DEFAULT_MAX_BODY_BYTES)
            .onRequest(
                r -> {
                  if (!accepted(r)) {
                    synchronized (err) {
                      err.println(
                          "itk check: refused "
                              + r.method()
                              + " "
                              + target(r)
                              + ": "
                              + r.status()
                              + " "
                              + r.verdict());
                      err.flush();
                    }
                  }
                });
    int exitCode;
    List<RecordedRequest> recorded;
    long dropped;
    String baseUrl;
    try (IssuetrakStub stub = builder.build().start()) {
      baseUrl = "http://127.0.0.1:" + stub.port() + settings.basePath();
      synchronized (err) {
        err.println(
            "itk check: stub on "
                + baseUrl
                + " (key "
                + key.fingerprint()
                + (settings.freshKey() ? ", a fresh test key" : "")
                + "); running: "
                + String.join(" ", settings.command()));
        err.println(
            "itk check: inspector on "
                + stub.inspectorUrl()
                + " while the command runs (the requests as they come, and why any was refused)");
        err.flush();
      }
      exitCode = runCommand(baseUrl, stub.port(), out, err);
      recorded = stub.requests();
      dropped = stub.recordCounts().dropped();
    }
    List<CheckedRequest> judged = judge(recorded, key);
    return new CheckReport(
        started.toString(),
        Duration.between(started, Instant.now()).toMillis(),
        settings.command(),
        exitCode,
        baseUrl,
        key.fingerprint(),
        settings.freshKey(),
        settings.minRequests(),
        judged,
        dropped);
  }

  private int runCommand(String baseUrl, int port, PrintWriter out, PrintWriter err) {
    ProcessBuilder pb =
        new ProcessBuilder(settings.command())
            .directory(settings.directory().toFile())
            .redirectInput(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = pb.environment();
    env.put(BASE_URL, baseUrl);
    env.put(API_KEY, settings.keyText());
    env.put(HOST, "127.0.0.1");
    env.put(PORT, Integer.toString(port));
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new CommandNotStartedException(
          "cannot run "
              + settings.command().get(0)
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    // Ctrl-C reaches the command directly (same process group); a signal to this JVM alone stops
    // the command here, so it never outlives the stub.
    Thread stopper = new Thread(() -> stop(process), "itk-check-stop-command");
    Runtime.getRuntime().addShutdownHook(stopper);
    Thread o = pump(process.getInputStream(), out, "stdout");
    Thread e = pump(process.getErrorStream(), err, "stderr");
    try {
      int code = process.waitFor();
      o.join();
      e.join();
      return code;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      stop(process);
      return -1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies the command's output line by line as it comes. */
  private static Thread pump(InputStream from, PrintWriter to, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (to) {
                    to.println(line);
                    to.flush();
                  }
                }
              } catch (IOException ignored) {
                // the command closed its output
              }
            },
            "itk-check-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Every recorded request with its verdict; a refused one with its diagnosed causes. */
  List<CheckedRequest> judge(List<RecordedRequest> recorded, ApiKey key) {
    Diagnoser diagnoser = new Diagnoser(key, settings.window());
    Set<String> acceptedIds = new HashSet<>();
    List<CheckedRequest> out = new ArrayList<>();
    for (RecordedRequest r : recorded) {
      boolean ok = accepted(r);
      Diagnosis d = null;
      String diagnosis;
      if (ok) {
        diagnosis = "not needed";
      } else if (!isVerifierError(r.verdict())) {
        diagnosis = "not run: the signature was not checked (" + r.verdict() + ")";
      } else if (r.bodyIsPrefix() || r.bodyTruncated()) {
        diagnosis = "not run: the stub kept only the first " + r.body().length + " body bytes";
      } else {
        d =
            diagnoser.diagnose(
                r.toReceivedRequest(QueryForm.RAW),
                r.time(),
                Set.copyOf(acceptedIds),
                DiagnosisBudget.OFFLINE);
        diagnosis = d.complete() ? "complete" : d.limit();
      }
      if (ok) {
        r.header(SignatureHeaders.REQUEST_ID).ifPresent(acceptedIds::add);
      }
      out.add(
          new CheckedRequest(
              r.sequence(),
              r.time().toString(),
              r.method(),
              target(r),
              r.status(),
              r.verdict(),
              ok,
              r.verification().filter(v -> !v.isValid()).map(VerificationResult::detail).orElse(""),
              d == null ? List.of() : d.causes(),
              diagnosis,
              r.verification()
                  .flatMap(VerificationResult::message)
                  .map(m -> MessageRendering.render(m.toBytes()))
                  .orElse(null)));
    }
    return out;
  }

  private static boolean accepted(RecordedRequest r) {
    return r.verdict().equals("valid");
  }

  private static boolean isVerifierError(String verdict) {
    for (VerificationError e : VerificationError.values()) {
      if (e.code().equals(verdict)) {
        return true;
      }
    }
    return false;
  }

  private static String target(RecordedRequest r) {
    return r.path() + r.query().map(q -> "?" + q).orElse("");
  }

  /** The command could not be started: bad input, not a failed check. */
  public static final class CommandNotStartedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandNotStartedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
