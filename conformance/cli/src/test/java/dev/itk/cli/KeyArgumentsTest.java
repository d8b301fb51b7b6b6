package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The API key on the command line: {@code --key} warns that it shows in {@code ps}, and no error
 * message repeats the word after a key option or a word that is not an option.
 */
class KeyArgumentsTest {
  /** A key that occurs nowhere else: any trace of it in an output is a leak. */
  static final String SECRET = "Zm9vYmFyLXNlY3JldC1rZXktdGV4dC0wMTIzNDU2Nzg5";

  static final String WARNING =
      "warning: --key puts the key in the process list (ps) for every local user; use --key-file"
          + " FILE or ITK_API_KEY";

  @TempDir Path temp;

  /** The commands that accept {@code --key}, as the CLI declares them. */
  static List<String> commandsWithKey() {
    return new CommandLine(new Itk())
        .getSubcommands().entrySet().stream()
            .filter(e -> e.getValue().getCommandSpec().findOption("--key") != null)
            .map(e -> e.getKey())
            .toList();
  }

  @Test
  void commandsWithKey_areSignStubAndDiagnose() {
    assertThat(commandsWithKey()).containsExactlyInAnyOrder("sign", "stub", "diagnose");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandsWithKey")
  void keyOption_printsOneWarningLine_namingTheSafeWays(String command) {
    ItkRun run = itk(command, "--key", SECRET, "--help");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err()).isEqualTo("itk " + command + ": " + WARNING + System.lineSeparator());
    assertThat(run.out()).contains("Usage: itk " + command).doesNotContain(SECRET);
  }

  @Test
  void sign_withKey_warnsOnStderr_andSignsAsWithKeyFile() throws IOException {
    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, SECRET + "\n");
    String[] request = {
      "--method",
      "GET",
      "--path",
      "/api/v1/notes/1",
      "--request-id",
      "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
      "--timestamp",
      "2014-09-10T17:28:08.3227351Z"
    };

    ItkRun withKey = itk(concat(new String[] {"sign", "--key", SECRET}, request));
    ItkRun attached = itk(concat(new String[] {"sign", "--key=" + SECRET}, request));
    ItkRun withKeyFile =
        itk(concat(new String[] {"sign", "--key-file", keyFile.toString()}, request));

    assertThat(withKey.exitCode()).isZero();
    assertThat(withKey.err()).isEqualTo("itk sign: " + WARNING + System.lineSeparator());
    assertThat(attached.err()).isEqualTo(withKey.err());
    assertThat(withKeyFile.exitCode()).isZero();
    assertThat(withKeyFile.err()).as("no warning with --key-file").isEmpty();
    assertThat(withKey.out())
        .contains("X-Issuetrak-API-Authorization: ")
        .isEqualTo(withKeyFile.out());
  }

  @Test
  void diagnose_withKey_warnsBeforeItReadsTheRequest() {
    ItkRun run = itk("diagnose", "--key", SECRET, "--request-file", "/nonexistent/r.http");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            "itk diagnose: " + WARNING,
            "itk diagnose: cannot read /nonexistent/r.http: no such file");
  }

  @Test
  void badCommandLine_withKey_doesNotWarn_theErrorIsTheOneLine() {
    ItkRun run = itk("sign", "--key", SECRET, "--path", "/a");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly("itk sign: Missing required option: '--method=VERB'");
  }

  static Stream<Arguments> commandLinesWithAKey() {
    return Stream.of(
        shape(
            "misspelled key option before the key",
            "itk stub: Unknown option: '--kye'; 1 other argument not shown (an argument that is not"
                + " an option is never repeated, as it could be a key)",
            "stub",
            "--kye",
            SECRET),
        shape(
            "misspelled key option with the key attached",
            "itk sign: Unknown option: '--kye=...'",
            "sign",
            "--kye=" + SECRET,
            "--method",
            "GET",
            "--path",
            "/a"),
        shape(
            "abbreviated key option",
            "itk sign: Unknown option: '--ke'; 1 other argument not shown",
            "sign",
            "--method",
            "GET",
            "--path",
            "/a",
            "--ke",
            SECRET),
        shape(
            "key that looks like an option after a misspelled key option",
            "itk stub: Unknown option: '--kye'; 1 other argument not shown",
            "stub",
            "--kye",
            "--" + SECRET),
        shape(
            "short option with the key attached",
            "itk stub: Unknown option: '-k...'",
            "stub",
            "-k" + SECRET),
        shape(
            "--key=KEY to a command without --key",
            "itk load: Unknown option: '--key=...'",
            "load",
            "--key=" + SECRET),
        shape(
            "--key KEY to a command without --key",
            "itk conformance: Unknown option: '--key'; 1 other argument not shown",
            "conformance",
            "--key",
            SECRET),
        shape(
            "unknown subcommand followed by the key",
            "itk: unknown command (not shown: an argument that is not an option is never repeated,"
                + " as it could be a key); the commands are sign, conformance,",
            "stbu",
            "--key",
            SECRET),
        shape("the key as the first word", "itk: unknown command (not shown:", SECRET),
        shape(
            "the key as a stray word after --key-file",
            "itk sign: 1 unmatched argument not shown",
            "sign",
            "--key-file",
            "/dev/null",
            SECRET,
            "--method",
            "GET",
            "--path",
            "/a"),
        shape(
            "key option at the end, without its value",
            "itk sign: Missing required parameter for option '--key' (KEY)",
            "sign",
            SECRET,
            "--method",
            "GET",
            "--path",
            "/a",
            "--key"),
        shape(
            "key option followed by another option",
            "itk sign: Expected parameter for option '--key' but found '...'",
            "sign",
            "--method",
            "GET",
            "--path",
            "/a",
            "--key",
            "--json",
            SECRET),
        shape(
            "key given twice",
            "itk sign: option '--key' (KEY) should be specified only once",
            "sign",
            "--key",
            SECRET,
            "--key",
            SECRET + "2",
            "--method",
            "GET",
            "--path",
            "/a"),
        shape(
            "help for a command named like the key",
            "itk: Unknown subcommand '...'.",
            "help",
            SECRET),
        shape(
            "test key followed by an unknown option",
            "itk capture-to-vector: Unknown option: '--bogus'",
            "capture-to-vector",
            "--test-key",
            SECRET,
            "--bogus"));
  }

  private static Arguments shape(String name, String message, String... args) {
    return Arguments.of(name, message, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLinesWithAKey")
  void parameterError_neverRepeatsTheKey(String shape, String message, String[] args) {
    ItkRun run = itk(args);

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(message).doesNotContain(SECRET.substring(0, 12));
    assertThat(run.err().strip()).doesNotContain("\n");
  }

  @Test
  void parameterError_whosePicocliMessageHasTheKeyUnquoted_fallsBackToAPlainMessage() {
    CommandLine cli = new CommandLine(new Itk());
    CommandLine.ParameterException e =
        new CommandLine.ParameterException(cli, "values {--key=x, " + SECRET + "} do not match");

    String message = KeyArguments.errorMessage(e, List.of("sign", "--key", SECRET));

    assertThat(message)
        .isEqualTo(
            "the command line is not valid near a key option (the details would repeat the word"
                + " after it, so they are not shown); see --help");
  }

  @Test
  void parameterError_keepsTheValueOfAnOptionThatIsNotKeyLike() {
    ItkRun run = itk("stub", "--key-file", "/dev/null", "--port", "eighty");

    assertThat(run.err())
        .isEqualTo(
            "itk stub: Invalid value for option '--port': 'eighty' is not an int"
                + System.lineSeparator());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "--key, true",
    "--key=x, true",
    "--KEY, true",
    "--kye, true",
    "--ky, true",
    "--k, true",
    "--kee, true",
    "--key-fle, true",
    "--keyfile, true",
    "--api-key, true",
    "--test-key, true",
    "-k, true",
    "-x, true",
    "--id, false",
    "--har, false",
    "--url, false",
    "--body-file, false",
    "--help, false",
    "key, false",
    "-, false",
    "--, false",
  })
  void isKeyLike_followsTheDocumentedRule(String word, boolean keyLike) {
    assertThat(KeyArguments.isKeyLike(word)).isEqualTo(keyLike);
  }

  @Test
  void isKeyLike_noLongOptionOfItk_butTheKeyOptions() {
    CommandLine itk = new CommandLine(new Itk());
    List<String> keyLike =
        Stream.concat(
                Stream.of(itk.getCommandSpec()),
                itk.getSubcommands().values().stream().map(CommandLine::getCommandSpec))
            .map(CommandSpec::options)
            .flatMap(List::stream)
            .map(OptionSpec::longestName)
            .filter(name -> name.startsWith("--"))
            .filter(KeyArguments::isKeyLike)
            .distinct()
            .sorted()
            .toList();

    assertThat(keyLike).containsExactly("--key", "--key-file", "--test-key");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
