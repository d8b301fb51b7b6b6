package dev.itk.conformance.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole conformance run.
 *
 * @param startedAt ISO 8601 UTC
 * @param durationMillis wall time
 * @param vectors the vector directory
 * @param scenarios the scenario file
 * @param requireAll whether a missing runtime failed the run
 * @param implementations in the order run
 * @param kind {@code conformance} or {@code fuzz} ({@code itk fuzz}, where {@code vectors} says
 *     which seed generated the inputs): names the JSON report and titles the others
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunReport(
    String startedAt,
    long durationMillis,
    String vectors,
    String scenarios,
    boolean requireAll,
    List<ImplementationReport> implementations,
    String kind) {
  public RunReport {
    implementations = List.copyOf(implementations);
    // a conformance.json written before fuzz reports existed has no kind
    kind = kind == null ? "conformance" : kind;
    if (!kind.equals("conformance") && !kind.equals("fuzz")) {
      throw new IllegalArgumentException("kind \"" + kind + "\" is not conformance or fuzz");
    }
  }

  /** A conformance run's report. */
  public RunReport(
      String startedAt,
      long durationMillis,
      String vectors,
      String scenarios,
      boolean requireAll,
      List<ImplementationReport> implementations) {
    this(startedAt, durationMillis, vectors, scenarios, requireAll, implementations, "conformance");
  }

  /** The reports' title, e.g. {@code Issuetrak signing conformance}. */
  public String title() {
    return kind.equals("fuzz")
        ? "Issuetrak signing: differential fuzzing"
        : "Issuetrak signing conformance";
  }

  /** The JSON report's file name: {@code conformance.json} or {@code fuzz.json}. */
  public String jsonFileName() {
    return kind + ".json";
  }

  /** Whether the run passes: nothing failed, broke or (with --require-all) went missing. */
  @JsonProperty("passed")
  public boolean passed() {
    return implementations.stream()
        .noneMatch(
            i -> i.status().failsRun() || i.checks().stream().anyMatch(c -> c.status().failsRun()));
  }

  /** Every check name, in first-seen order: the matrix's columns. */
  public List<String> checkNames() {
    Set<String> names = new LinkedHashSet<>();
    implementations.forEach(i -> i.checks().forEach(c -> names.add(c.check())));
    return new ArrayList<>(names);
  }

  /** Counts of implementations by status, e.g. for a summary line. */
  public long count(Status status) {
    return implementations.stream().filter(i -> i.status() == status).count();
  }
}
