package dev.itk.cli;

import dev.itk.check.Check;
import dev.itk.check.CheckReport;
import dev.itk.check.CheckReports;
import dev.itk.check.CheckedRequest;
import dev.itk.stub.internal.DurationText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itk check -- COMMAND...}: runs any client, unmodified, against a stub that checks every
 * signature. See {@code docs/debugging.md#itk-check}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Run COMMAND (your client's tests or script, unmodified) against a signature-checking stub"
          + " and fail if any request it sent was refused, naming the cause and its fix.",
      "COMMAND gets ITK_BASE_URL (the API base URL, site folders included), ITK_API_KEY, ITK_HOST"
          + " and ITK_PORT in its environment; its output is shown as it comes.",
      "Exit 0 when COMMAND exited 0, at least --min-requests requests arrived and every one was"
          + " accepted; 1 otherwise; 2 on bad input (COMMAND not found included).",
      "Put -- before COMMAND: itk check -- python3 my_client.py"
    })
final class CheckCommand implements Callable<Integer> {
  /** The bytes of a fresh test key, before base64. */
  private static final int FRESH_KEY_BYTES = 32;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "0",
      description = "The stub's port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "The API key the stub accepts and COMMAND gets (UTF-8, one trailing line break dropped)."
              + " Default: a fresh random test key.")
  Path keyFile;

  @Option(
      names = "--base-path",
      paramLabel = "PATH",
      defaultValue = "/api/v1",
      description =
          "The API base path COMMAND is given, site folders included, e.g. /Site/api/v1."
              + " Default: ${DEFAULT-VALUE}.")
  String basePath;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      defaultValue = "itk-report",
      description =
          "Write check.json, junit.xml, summary.md and report.html into DIR (default:"
              + " ${DEFAULT-VALUE}).")
  Path report;

  @Option(
      names = "--min-requests",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "The fewest requests that must arrive: a client that sent nothing has proven nothing."
              + " Default: ${DEFAULT-VALUE}.")
  int minRequests;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description = "Clock-skew window either way, e.g. 5m, 30s, PT2M. Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(names = "--no-replay-check", description = "Accept a request ID more than once.")
  boolean noReplayCheck;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command and its arguments, after --; run as given, without a shell.")
  List<String> command;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Check.Settings settings = settings();
    CheckReport result;
    try {
      result = new Check(settings).run(out, err);
    } catch (Check.CommandNotStartedException e) {
      throw new BadInputException(e.getMessage());
    }
    List<Path> written = CheckReports.writeAll(result, report);
    synchronized (err) {
      for (CheckedRequest q : result.requests()) {
        if (!q.accepted()) {
          err.println("itk check: " + q.line());
        }
      }
      err.println("itk check: " + CheckReports.verdictLine(result));
      err.println(
          "itk check: reports: "
              + String.join(", ", written.stream().map(Path::toString).toList()));
      err.flush();
    }
    return result.passed() ? 0 : 1;
  }

  private Check.Settings settings() {
    if (command == null || command.isEmpty()) {
      throw new BadInputException(
          "no command to run: give it after --, e.g. itk check -- python3 my_client.py");
    }
    if (port < 0 || port > 65535) {
      throw new BadInputException("--port " + port + " is not a port (0 to 65535)");
    }
    if (minRequests < 0) {
      throw new BadInputException("--min-requests " + minRequests + " must be 0 or more");
    }
    Duration w;
    try {
      w = DurationText.parse(window);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--window: " + e.getMessage());
    }
    if (w.isNegative() || w.isZero()) {
      throw new BadInputException("--window " + window + " must be longer than zero");
    }
    String keyText;
    boolean fresh = keyFile == null;
    if (fresh) {
      byte[] bytes = new byte[FRESH_KEY_BYTES];
      new SecureRandom().nextBytes(bytes);
      keyText = Base64.getEncoder().encodeToString(bytes);
    } else {
      keyText = KeyOptions.readKeyFile(keyFile);
      if (keyText.isEmpty()) {
        throw new BadInputException("key file " + keyFile + " is empty");
      }
    }
    return new Check.Settings(
        command,
        Path.of("").toAbsolutePath(),
        keyText,
        fresh,
        port,
        checkedBasePath(basePath),
        w,
        !noReplayCheck,
        minRequests);
  }

  /**
   * {@code --base-path}: a path of printable ASCII that starts with / and ends with /api/v1, with
   * no empty folder, query or fragment; one trailing / dropped.
   */
  static String checkedBasePath(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '?' || c == '#' || c == '%' || c == '\\') {
        throw new BadInputException(
            "--base-path \""
                + path
                + "\" contains "
                + (c <= 0x20 || c >= 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'")
                + " at index "
                + i
                + "; give site folders as plain path segments, e.g. /Site/api/v1");
      }
    }
    if (!p.startsWith("/")) {
      throw new BadInputException(
          "--base-path \"" + path + "\" must start with /, e.g. /Site/api/v1");
    }
    if (p.contains("//")) {
      throw new BadInputException("--base-path \"" + path + "\" has an empty folder (//)");
    }
    if (!p.toLowerCase(Locale.ROOT).endsWith("/api/v1")) {
      throw new BadInputException(
          "--base-path \""
              + path
              + "\" must end with /api/v1: the stub answers the API under any site folders, e.g."
              + " /Site/api/v1");
    }
    return p;
  }
}
