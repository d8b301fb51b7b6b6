package dev.itk.runner.embedded;

import dev.itk.runner.AdapterManifest;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Availability;
import dev.itk.runner.BrokenHarnessException;
import dev.itk.runner.Runner;
import dev.itk.runner.internal.LineProtocolSession;
import dev.itk.runner.internal.StderrTail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code embedded:python} and {@code embedded:javascript}: the samples' own code, in the harness's
 * JVM, on GraalVM Polyglot (GraalPy, GraalJS). One shared {@link Engine}; one {@link Context} per
 * language per run, on a thread of its own that speaks the same runner protocol through in-memory
 * pipes, so timeouts and broken adapters are handled exactly as for a process.
 *
 * <ul>
 *   <li><b>Python</b>: the sample's own {@code adapter.py}, {@code issuetrak_signer.py} and {@code
 *       issuetrak_client.py}, loaded from the sample folder into GraalPy, whose {@code hmac},
 *       {@code hashlib} and {@code http.client} work: every check runs (signing and scenarios). The
 *       Context gets host socket access (for the scenarios' HTTP to 127.0.0.1) and nothing else: no
 *       host files, no host classes, no processes, no environment variables.
 *   <li><b>JavaScript</b>: the Node sample's {@code lib/canonical.js}, which uses no Node API,
 *       under a small harness glue. GraalJS has no {@code crypto} and no {@code http}: the embedded
 *       run checks the canonical message bytes and the timestamp formatter; the HMAC step (Node's
 *       {@code crypto}) and the scenarios are checked by the process and container runners. The
 *       Context gets no access at all.
 * </ul>
 */
public final class EmbeddedRunner implements Runner {
  /** What each embedded language checks, for the report. */
  public static final Map<String, String> CHECKS =
      Map.of(
          "python",
          "in-process (GraalPy): the sample's own adapter.py and signer: message bytes, signature,"
              + " headers, timestamp formatting, and its scenarios over HTTP",
          "javascript",
          "in-process (GraalJS): the sample's own lib/canonical.js: message bytes and timestamp"
              + " formatting only; GraalJS has no crypto or http, so the signature, headers and"
              + " scenarios are not checked here (the process and container runs check them)");

  private static final String GLUE = "/dev/itk/runner/embedded/embedded-javascript-adapter.js";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final LineProtocolSession.Limits limits;
  private final Consumer<String> transcript;

  public EmbeddedRunner(Consumer<String> transcript) {
    this(embeddedLimits(), transcript);
  }

  EmbeddedRunner(LineProtocolSession.Limits limits, Consumer<String> transcript) {
    this.limits = limits;
    this.transcript = transcript;
  }

  /** Context start is slow in the interpreter (GraalPy's first import takes seconds). */
  private static LineProtocolSession.Limits embeddedLimits() {
    LineProtocolSession.Limits d = LineProtocolSession.Limits.DEFAULT;
    return new LineProtocolSession.Limits(
        Duration.ofSeconds(120), d.sign(), d.scenario(), d.stop());
  }

  @Override
  public String kind() {
    return "embedded";
  }

  /** The embedded language of a sample: {@code python}, or {@code javascript} for the Node one. */
  @Override
  public String languageOf(AdapterManifest manifest) {
    return manifest.language().equals("node") ? "javascript" : manifest.language();
  }

  /** Whether the sample is one this runner can embed. */
  public static boolean supports(AdapterManifest manifest) {
    return Set.of("python", "node").contains(manifest.language());
  }

  @Override
  public Availability availability(AdapterManifest manifest) {
    if (!supports(manifest)) {
      return Availability.no(
          "the embedded runner runs Python and JavaScript only, not " + manifest.language());
    }
    String lang = languageOf(manifest);
    return Availability.yes(
        (lang.equals("python") ? "GraalPy " : "GraalJS ") + version() + ", in the harness JVM");
  }

  /** GraalVM Polyglot's version, from its jar's manifest (the Engine says "Development Build"). */
  public static String version() {
    try {
      var source = Engine.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        try (var jar = new java.util.jar.JarFile(new java.io.File(source.getLocation().toURI()))) {
          String v = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
          if (v != null) {
            return v;
          }
        }
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      // fall back to what the Engine says
    }
    return SharedEngine.get().getVersion();
  }

  /** One Engine for every Context of the JVM: code caches are shared between runs. */
  private static final class SharedEngine {
    private static Engine engine;

    static synchronized Engine get() {
      if (engine == null) {
        engine =
            Engine.newBuilder()
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
      }
      return engine;
    }
  }

  @Override
  public AdapterSession open(AdapterManifest manifest) {
    if (!supports(manifest)) {
      throw new BrokenHarnessException(
          "embedded:" + manifest.language() + ": not a language the embedded runner runs", "");
    }
    String lang = languageOf(manifest);
    String name = kind() + ":" + lang;
    StderrTail stderr = StderrTail.collecting();
    PipedOutputStream toAdapter = new PipedOutputStream();
    PipedInputStream fromAdapter = new PipedInputStream(1 << 20);
    BufferedReader commands;
    PipedOutputStream answers;
    try {
      commands =
          new BufferedReader(
              new InputStreamReader(
                  new PipedInputStream(toAdapter, 1 << 20), StandardCharsets.UTF_8));
      answers = new PipedOutputStream(fromAdapter);
    } catch (IOException e) {
      throw new BrokenHarnessException(name + ": cannot create pipes: " + e.getMessage(), "");
    }
    Context[] context = new Context[1];
    Object lock = new Object();
    Thread thread =
        new Thread(
            () -> {
              try (answers) {
                Context c = lang.equals("python") ? python(stderr) : javascript(stderr);
                synchronized (lock) {
                  context[0] = c;
                }
                try (c) {
                  if (lang.equals("python")) {
                    runPython(c, manifest.folder(), commands, answers, stderr);
                  } else {
                    runJavascript(c, manifest.folder(), commands, answers);
                  }
                }
              } catch (PolyglotException e) {
                if (!e.isCancelled()) {
                  stderr.append(e + "\n" + guestTrace(e));
                }
              } catch (IOException | RuntimeException e) {
                stderr.append(e + "\n");
              }
            },
            "itk-" + name);
    thread.setDaemon(true);
    thread.start();
    LineProtocolSession session =
        LineProtocolSession.open(
            name,
            lang,
            "in the harness JVM ("
                + (lang.equals("python") ? "GraalPy " : "GraalJS ")
                + version()
                + ", interpreter)",
            toAdapter,
            fromAdapter,
            stderr::text,
            new LineProtocolSession.Peer() {
              @Override
              public boolean awaitExit(Duration limit) {
                try {
                  thread.join(limit.toMillis());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return !thread.isAlive();
              }

              @Override
              public void kill() {
                try {
                  toAdapter.close();
                } catch (IOException ignored) {
                  // closing anyway
                }
                if (thread.isAlive()) {
                  synchronized (lock) {
                    if (context[0] != null) {
                      context[0].close(true);
                    }
                  }
                }
              }
            },
            limits,
            transcript);
    return lang.equals("python")
        ? session.partial(AdapterSession.ALL_SIGN_PARTS, CHECKS.get(lang))
        : session.partial(Set.of("message", "formattedTimestamp"), CHECKS.get(lang));
  }

  private static String guestTrace(PolyglotException e) {
    StringBuilder out = new StringBuilder();
    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
      if (f.isGuestFrame()) {
        out.append("  at ").append(f).append('\n');
      }
    }
    return out.toString();
  }

  // No environment (GraalVM's default, said out loud): the guest must not see ITK_API_KEY, the key
  // the itk CLI reads, nor anything else of the harness's environment (docs/security.md#secrets).
  private Context python(StderrTail stderr) {
    return Context.newBuilder("python")
        .engine(SharedEngine.get())
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowIO(IOAccess.newBuilder().allowHostSocketAccess(true).build())
        .out(new TailStream(stderr))
        .err(new TailStream(stderr))
        .build();
  }

  private Context javascript(StderrTail stderr) {
    return Context.newBuilder("js")
        .engine(SharedEngine.get())
        // eval of the Node sample's ES module returns its exports (runJavascript)
        .option("js.esm-eval-returns-exports", "true")
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowIO(IOAccess.NONE)
        .out(new TailStream(stderr))
        .err(new TailStream(stderr))
        .build();
  }

  /**
   * Loads the sample's modules from their files (read here, so the Context needs no file access)
   * and runs the sample's own {@code adapter.main} on the pipes.
   */
  private static void runPython(
      Context c, Path folder, BufferedReader commands, OutputStream answers, StderrTail stderr)
      throws IOException {
    Value load =
        c.eval(
            "python",
            """
            import sys, types
            def load(name, path, text):
                module = types.ModuleType(name)
                module.__file__ = path
                sys.modules[name] = module
                exec(compile(text, path, "exec"), module.__dict__)
                return module
            load
            """);
    for (String module : new String[] {"issuetrak_signer", "issuetrak_client", "adapter"}) {
      Path file = folder.resolve(module + ".py");
      load.execute(module, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
    Value run =
        c.eval(
            "python",
            """
            import adapter
            class Lines:
                def __init__(self, next_line): self.next_line = next_line
                def __iter__(self): return self
                def __next__(self):
                    line = self.next_line()
                    if line is None: raise StopIteration
                    return line.encode("utf-8")
            class Out:
                def __init__(self, emit): self.emit = emit
                def write(self, data):
                    self.emit(data.decode("utf-8") if isinstance(data, bytes) else data)
                    return len(data)
                def flush(self): pass
            def run(next_line, emit, log):
                return adapter.main(Lines(next_line), Out(emit), Out(log))
            run
            """);
    run.execute(
        (ProxyExecutable) args -> readLine(commands),
        (ProxyExecutable) args -> write(answers, args[0].asString()),
        (ProxyExecutable)
            args -> {
              stderr.append(args[0].asString());
              return null;
            });
  }

  /**
   * The kit's glue around the Node sample's lib/canonical.js, answering line by line. The glue runs
   * first and supplies what GraalJS lacks (a {@code TextEncoder}); the sample's file is then
   * evaluated as the ES module it is, and its exports (the module namespace, which {@code eval}
   * returns with {@code js.esm-eval-returns-exports}) are handed to the glue.
   */
  private static void runJavascript(
      Context c, Path folder, BufferedReader commands, OutputStream answers) throws IOException {
    String glue;
    try (var in = EmbeddedRunner.class.getResourceAsStream(GLUE)) {
      glue = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    c.getBindings("js").putMember("itkPolyglotVersion", version());
    Value install = c.eval(Source.newBuilder("js", glue, "embedded-javascript-adapter.js").build());
    Path canonical = folder.resolve("lib").resolve("canonical.js");
    Value exports =
        c.eval(
            Source.newBuilder(
                    "js", Files.readString(canonical, StandardCharsets.UTF_8), canonical.toString())
                .mimeType("application/javascript+module")
                .build());
    Value handle = install.execute(exports);
    String line;
    while ((line = commands.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String answer = handle.execute(line).asString();
      write(answers, answer + "\n");
      if ("stop".equals(JSON.readTree(line).path("cmd").asText())) {
        return;
      }
    }
  }

  private static Object readLine(BufferedReader commands) {
    try {
      return commands.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static Object write(OutputStream answers, String text) {
    try {
      answers.write(text.getBytes(StandardCharsets.UTF_8));
      answers.flush();
    } catch (IOException e) {
      throw new IllegalStateException("the harness closed the answer pipe", e);
    }
    return null;
  }

  /** A guest's stdout and stderr: into the report's tail, never onto the protocol stream. */
  private static final class TailStream extends OutputStream {
    private final StderrTail tail;

    TailStream(StderrTail tail) {
      this.tail = tail;
    }

    @Override
    public void write(int b) {
      tail.append(new String(new byte[] {(byte) b}, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      tail.append(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
