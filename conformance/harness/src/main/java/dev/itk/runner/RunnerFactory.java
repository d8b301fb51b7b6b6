package dev.itk.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Makes the runners of one kind. Each runner module registers one in {@code
 * META-INF/services/dev.itk.runner.RunnerFactory}, so a program finds the kinds on its classpath
 * without depending on them: the process runner is always there; {@code container} comes with
 * {@code itk-runner-container}, {@code embedded} with {@code itk-runner-embedded}.
 *
 * <pre>{@code
 * Runner container = RunnerFactory.find("container").orElseThrow().create(RunnerFactory.Sinks.NONE);
 * }</pre>
 */
public interface RunnerFactory {
  /** Where a runner writes what it does. */
  record Sinks(Consumer<String> transcript, Consumer<String> progress) {
    /**
     * No transcript: a session given this one does not even build the lines (a fuzz run sends
     * megabytes a second).
     */
    public static final Consumer<String> NO_TRANSCRIPT = line -> {};

    /** Nothing written. */
    public static final Sinks NONE = new Sinks(NO_TRANSCRIPT, line -> {});
  }

  /** The kind, as {@code --runner} names it and as the first part of {@code kind:language}. */
  String kind();

  /**
   * Whether this kind can run anything on this machine at all (the container kind: whether an
   * engine answers). Per implementation, {@link Runner#availability} says more.
   */
  default Availability readiness() {
    return Availability.yes(kind());
  }

  /** Whether this kind can run the implementation's language at all (embedded: Python, Node). */
  default boolean supports(AdapterManifest manifest) {
    return true;
  }

  /** A runner writing its adapter transcript and its progress (image builds) to {@code sinks}. */
  Runner create(Sinks sinks);

  /** Every kind on the classpath, in the order {@link ServiceLoader} finds them. */
  static List<RunnerFactory> all() {
    List<RunnerFactory> out = new ArrayList<>();
    ServiceLoader.load(RunnerFactory.class, RunnerFactory.class.getClassLoader()).forEach(out::add);
    return List.copyOf(out);
  }

  /** The factory of {@code kind}, if a module on the classpath provides it. */
  static Optional<RunnerFactory> find(String kind) {
    return all().stream().filter(f -> f.kind().equals(kind)).findFirst();
  }
}
