package dev.itk.cli;

import dev.itk.conformance.vectors.VectorSet;
import dev.itk.conformance.vectors.VectorsVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code itk} command line: {@code ./itk sign ...}. Exit codes: 0 success, 1 a check failed, 2
 * bad input (one line on stderr names the problem).
 */
@Command(
    name = "itk",
    mixinStandardHelpOptions = true,
    versionProvider = Itk.Version.class,
    description =
        "Issuetrak API v1 interop kit: sign, verify and check HMAC-SHA512 requests, and run a"
            + " signature-checking stub server.",
    subcommands = {
      SignCommand.class,
      ConformanceCommand.class,
      FuzzCommand.class,
      BenchCommand.class,
      StubCommand.class,
      DiagnoseCommand.class,
      CaptureToVectorCommand.class,
      CheckCommand.class,
      LoadCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Itk {
  /** Exit code for bad input. */
  public static final int BAD_INPUT = 2;

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the CLI with the given streams; returns the exit code. For tests and embedding. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Itk());
    cli.setOut(out);
    cli.setErr(err);
    // picocli would replace any argument that starts with @ by the contents of that file, so a
    // pasted value like --curl '@/etc/shadow' (or a body, or a path) would read a file nobody
    // asked for; the options that read files say so (--key-file, --body-file, --allow-files).
    cli.setExpandAtFiles(false);
    // picocli's messages repeat the command line's words; a key must not be one of them.
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          err.println(
              prefix(e.getCommandLine()) + oneLine(KeyArguments.errorMessage(e, List.of(args))));
          err.flush();
          return BAD_INPUT;
        });
    cli.setExecutionStrategy(
        parsed -> {
          KeyArguments.warnIfKeyGiven(parsed, err);
          return new CommandLine.RunLast().execute(parsed);
        });
    cli.setExecutionExceptionHandler(
        (e, command, ignored) -> {
          if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
            err.println(prefix(command) + oneLine(e.getMessage()));
            err.flush();
            return BAD_INPUT;
          }
          throw e;
        });
    return cli.execute(args);
  }

  private static String prefix(CommandLine command) {
    return command.getCommandSpec().qualifiedName() + ": ";
  }

  private static String oneLine(String message) {
    return message == null ? "failed" : message.replace("\r", "").replace('\n', ' ').strip();
  }

  /**
   * Three lines: the kit's version from the build ({@code dev/itk/cli/version.properties}, which
   * Maven fills in, so it is right from a jar and from {@code target/classes} alike), then the
   * bundled vectors' content and format version and their manifest's digest.
   */
  static final class Version implements CommandLine.IVersionProvider {
    private static final String RESOURCE = "/dev/itk/cli/version.properties";

    @Override
    public String[] getVersion() {
      VectorsVersion vectors = VectorSet.bundledVersion();
      return new String[] {
        "itk " + kitVersion(),
        "vectors " + vectors.content() + " (format " + vectors.format() + ")",
        "vectors manifest sha256:" + vectors.manifestSha256()
      };
    }

    private static String kitVersion() {
      Properties build = new Properties();
      try (InputStream in = Itk.class.getResourceAsStream(RESOURCE)) {
        if (in != null) {
          build.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      String version = build.getProperty("version", "");
      // Unfiltered (compiled by something other than Maven): say so rather than print "${...}".
      return version.isBlank() || version.contains("${") ? "(development build)" : version;
    }
  }
}
