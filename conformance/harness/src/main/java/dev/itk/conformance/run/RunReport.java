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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunReport(
    String startedAt,
    long durationMillis,
    String vectors,
    String scenarios,
    boolean requireAll,
    List<ImplementationReport> implementations) {
  public RunReport {
    implementations = List.copyOf(implementations);
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
