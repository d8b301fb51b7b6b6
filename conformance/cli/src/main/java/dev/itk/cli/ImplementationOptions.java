package dev.itk.cli;

import dev.itk.conformance.run.Target;
import dev.itk.runner.AdapterManifest;
import dev.itk.runner.Availability;
import dev.itk.runner.ImplementationId;
import dev.itk.runner.Runner;
import dev.itk.runner.RunnerFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Which implementations a command runs, and with which runner: the samples of {@code
 * polyglot-samples/} (or {@code --only} some of them) and each {@code --adapter DIR}. Shared by
 * {@code itk conformance} and {@code itk bench}.
 */
final class ImplementationOptions {
  /** Language names users may give to --only for a sample's language. */
  private static final Map<String, String> ALIASES =
      Map.of("javascript", "node", "js", "node", "csharp", "dotnet", "c#", "dotnet");

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "LANG",
      description =
          "Only these languages (comma-separated), e.g. php,python. Default: every sample.")
  List<String> only;

  @Option(
      names = "--adapter",
      paramLabel = "DIR",
      description = "Also run the implementation in DIR (a folder with an adapter.json).")
  List<Path> adapters = new ArrayList<>();

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "The samples folder. Default: polyglot-samples of this checkout.")
  Path samples;

  /**
   * The runner kinds on the classpath, found through {@link RunnerFactory} ({@code ServiceLoader}),
   * each runner made once, on first use; {@code --runner} picks among them, per implementation for
   * auto.
   */
  static final class Runners {
    private final RunnerFactory.Sinks sinks;
    private final Map<String, RunnerFactory> factories = new LinkedHashMap<>();
    private final Map<String, Runner> made = new LinkedHashMap<>();

    Runners(RunnerFactory.Sinks sinks) {
      this(sinks, RunnerFactory.all());
    }

    /** With {@code found} instead of what {@code ServiceLoader} finds; the first of a kind wins. */
    Runners(RunnerFactory.Sinks sinks, List<RunnerFactory> found) {
      this.sinks = sinks;
      for (RunnerFactory f : found) {
        factories.putIfAbsent(f.kind(), f);
      }
    }

    /** Whether a module on the classpath provides {@code kind}. */
    boolean has(String kind) {
      return factories.containsKey(kind);
    }

    /**
     * The runner of {@code kind}.
     *
     * @throws BadInputException when no module on the classpath provides that kind
     */
    Runner get(String kind) {
      return made.computeIfAbsent(kind, k -> factory(k).create(sinks));
    }

    /** Whether {@code kind} can run anything here; "not on the classpath" when it is absent. */
    Availability readiness(String kind) {
      RunnerFactory f = factories.get(kind);
      return f == null ? Availability.no(missing(kind)) : f.readiness();
    }

    /** Whether {@code kind} is on the classpath and can run the manifest's language at all. */
    boolean supports(String kind, AdapterManifest manifest) {
      RunnerFactory f = factories.get(kind);
      return f != null && f.supports(manifest);
    }

    private RunnerFactory factory(String kind) {
      RunnerFactory f = factories.get(kind);
      if (f == null) {
        throw new BadInputException("--runner " + kind + ": " + missing(kind));
      }
      return f;
    }

    private String missing(String kind) {
      return "no "
          + kind
          + " runner on the classpath (runners here: "
          + String.join(", ", factories.keySet())
          + "); add the itk-runner-"
          + kind
          + " jar"
          + (kind.equals("embedded")
              ? " and GraalVM's jars (in the release archive: lib/embedded/README.md)"
              : "");
    }
  }

  /**
   * The chosen implementations, each with the runner {@code runner} names ({@code process}, {@code
   * container}, {@code embedded}, or {@code auto}, which says on {@code out} what it chose).
   *
   * @throws BadInputException naming an unknown language, a missing folder or a duplicate id
   */
  List<Target> targets(Path root, String runner, Runners runners, PrintWriter out) {
    Path dir = samples != null ? samples : root.resolve("polyglot-samples");
    Map<String, AdapterManifest> found = new LinkedHashMap<>();
    if (Files.isDirectory(dir)) {
      List<Path> folders;
      try {
        folders = AdapterManifest.folders(dir);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("samples folder: " + e.getMessage());
      }
      for (Path child : folders) {
        AdapterManifest m = load(child);
        found.put(m.language(), m);
      }
    } else if (samples != null) {
      throw new BadInputException("samples folder " + dir + " does not exist");
    }
    List<AdapterManifest> chosen = new ArrayList<>();
    if (only != null) {
      Set<String> wanted = new LinkedHashSet<>();
      only.stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(s -> ALIASES.getOrDefault(s.toLowerCase(Locale.ROOT), s))
          .forEach(wanted::add);
      for (String lang : wanted) {
        if (!found.containsKey(lang)) {
          throw new BadInputException(
              "--only: no sample for language \""
                  + lang
                  + "\"; known: "
                  + String.join(", ", found.keySet())
                  + " (javascript is node)");
        }
        chosen.add(found.get(lang));
      }
    } else {
      chosen.addAll(found.values());
    }
    for (Path a : adapters) {
      if (!Files.isDirectory(a)) {
        throw new BadInputException("--adapter " + a + " is not a folder");
      }
      chosen.add(load(a));
    }
    Availability engine = null;
    if (runner.equals("auto") || runner.equals("container")) {
      engine = runners.readiness("container");
    }
    if (runner.equals("auto")) {
      out.printf(
          "--runner auto: %s%n",
          engine.available()
              ? "a container engine answers ("
                  + engine.detail()
                  + "): every language in a container"
              : "no container engine answers: each language with its runtime on PATH, else"
                  + " embedded (Python, JavaScript) when the runtime is missing");
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Target> targets = new ArrayList<>();
    for (AdapterManifest m : chosen) {
      Runner r =
          switch (runner) {
            case "auto" -> auto(m, runners, engine, out);
            default -> runners.get(runner);
          };
      ImplementationId id = new ImplementationId(r.kind(), r.languageOf(m));
      if (!seen.add(id.toString())) {
        throw new BadInputException(
            "two implementations are both " + id + " (" + m.folder() + "); languages must differ");
      }
      targets.add(new Target(id, m, r));
    }
    return targets;
  }

  /** auto: a container if an engine answers; the runtime on PATH; else embedded if it can. */
  private static Runner auto(
      AdapterManifest m, Runners runners, Availability engine, PrintWriter out) {
    if (engine.available()) {
      return runners.get("container");
    }
    Availability onPath = runners.get("process").availability(m);
    if (onPath.available() || !runners.supports("embedded", m)) {
      return runners.get("process");
    }
    out.printf(
        "--runner auto: %s: %s; running it embedded instead%n", m.language(), onPath.detail());
    return runners.get("embedded");
  }

  private static AdapterManifest load(Path folder) {
    try {
      return AdapterManifest.load(folder);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }
}
