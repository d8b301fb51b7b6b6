package dev.itk.cli;

import dev.itk.conformance.Mismatch;
import dev.itk.conformance.ReferenceImplementation;
import dev.itk.conformance.VectorCheck;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk conformance}: checks implementations against the fixed vectors. This first version
 * checks the kit's reference Java signer and verifier in-process.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Check implementations against the fixed test vectors and explain every mismatch.",
      "Exit 0 when everything matches, 1 when something does not, 2 on bad input."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--vectors",
      paramLabel = "DIR",
      description = "The vector directory. Default: fixtures/vectors of this checkout.")
  Path vectors;

  @Option(
      names = "--max-mismatches",
      paramLabel = "N",
      defaultValue = "20",
      description = "Explain at most N mismatches in full (default: ${DEFAULT-VALUE}).")
  int maxMismatches;

  @Override
  public Integer call() {
    Path dir = vectors != null ? vectors : VectorSet.defaultDirectory();
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("vector directory " + dir + " does not exist");
    }
    List<VectorFile> files = VectorSet.loadAll(dir);
    if (files.isEmpty()) {
      throw new BadInputException("vector directory " + dir + " holds no *.json vector files");
    }
    PrintWriter out = spec.commandLine().getOut();
    ReferenceImplementation reference = new ReferenceImplementation();
    out.printf("Checking %s against %s%n%n", ReferenceImplementation.ID, dir);
    out.printf("%-12s %8s %8s %8s %8s%n", "family", "valid", "passed", "invalid", "passed");

    List<String> failures = new ArrayList<>();
    int total = 0;
    int passed = 0;
    for (VectorFile file : files) {
      Duration window = Duration.parse(file.verification().window());
      int valid = 0;
      int validOk = 0;
      int invalid = 0;
      int invalidOk = 0;
      for (Vector v : file.vectors()) {
        total++;
        String problem;
        if (v.isValid()) {
          valid++;
          problem = signProblem(reference, v);
          if (problem == null) {
            validOk++;
          }
        } else {
          invalid++;
          String code = reference.verify(v, window);
          problem =
              code.equals(v.expected().error())
                  ? null
                  : "expected the verifier to refuse with "
                      + v.expected().error()
                      + ", it answered "
                      + code;
          if (problem == null) {
            invalidOk++;
          }
        }
        if (problem == null) {
          passed++;
        } else {
          failures.add(v.id() + "\n" + problem.indent(2));
        }
      }
      out.printf("%-12s %8d %8d %8d %8d%n", file.family(), valid, validOk, invalid, invalidOk);
      out.flush();
    }
    out.printf("%n%d of %d vectors passed.%n", passed, total);
    if (!failures.isEmpty()) {
      out.printf("%n%d mismatches", failures.size());
      out.printf(failures.size() > maxMismatches ? " (first %d shown):%n" : ":%n", maxMismatches);
      failures.stream().limit(maxMismatches).forEach(f -> out.println("- " + f));
    }
    out.flush();
    return failures.isEmpty() ? 0 : 1;
  }

  private static String signProblem(ReferenceImplementation reference, Vector v) {
    try {
      List<Mismatch> mismatches = VectorCheck.compare(v, reference.sign(v));
      return mismatches.isEmpty()
          ? null
          : String.join("\n", mismatches.stream().map(Mismatch::toString).toList());
    } catch (IllegalArgumentException e) {
      return "the signer refused the inputs: " + e.getMessage();
    }
  }
}
