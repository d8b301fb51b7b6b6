package dev.itk.cli;

import static dev.itk.cli.ItkRun.itk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorInput;
import dev.itk.conformance.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code itk sign} contract that scripts and CI rely on. */
class SignCommandTest {
  @TempDir Path temp;

  static Stream<Vector> validVectors() {
    return VectorSet.loadAll(VectorSet.defaultDirectory()).stream()
        .flatMap(f -> f.vectors().stream())
        .filter(Vector::isValid);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void signJson_reproducesTheVector(Vector vector) throws IOException {
    VectorInput in = vector.input();
    List<String> args =
        new ArrayList<>(List.of("sign", "--json", "--key", in.key(), "--method", in.method()));
    args.addAll(List.of("--request-id", in.requestId(), "--timestamp", in.timestamp()));
    if (in.url() != null) {
      args.addAll(List.of("--url", in.url()));
    } else {
      args.addAll(List.of("--path", in.path(), "--query", in.query()));
    }
    Path body = temp.resolve("body.bin");
    Files.write(body, in.bodyBytes());
    args.addAll(List.of("--body-file", body.toString()));

    ItkRun run = itk(args.toArray(String[]::new));

    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(Base64.getDecoder().decode(json.get("messageBase64").asText()))
        .as("message bytes")
        .isEqualTo(vector.expected().messageBytes());
    if (vector.expected().message() != null) {
      assertThat(json.get("message").asText()).isEqualTo(vector.expected().message());
    } else {
      assertThat(json.get("message").isNull()).as("message is null when not UTF-8").isTrue();
    }
    assertThat(json.get("rendered").asText()).isEqualTo(vector.expected().rendered());
    assertThat(json.get("signature").asText()).isEqualTo(vector.expected().signature());
    assertThat(new ObjectMapper().convertValue(json.get("headers"), Map.class))
        .isEqualTo(vector.expected().headers());
  }

  @Test
  void signText_showsEveryStage() {
    ItkRun run =
        itk(
            "sign",
            "--key",
            "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=",
            "--method",
            "GET",
            "--url",
            "https://sub.example.com/NestedSite1/NestedSite2/api/v1/issues/false/1",
            "--request-id",
            "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
            "--timestamp",
            "2014-09-10T17:28:08.3227351Z");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("/nestedsite1/nestedsite2/api/v1/issues/false/1\\n\n")
        .contains(
            "X-Issuetrak-API-Authorization: f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ==");
  }

  @Test
  void signWithoutIdAndTimestamp_makesFreshOnes() throws IOException {
    ItkRun run =
        itk("sign", "--json", "--key", "k", "--method", "GET", "--path", "/api/v1/notes/1");

    JsonNode headers = new ObjectMapper().readTree(run.out()).get("headers");
    assertThat(headers.get("X-Issuetrak-API-Request-ID").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(headers.get("X-Issuetrak-API-Timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
  }

  @Test
  void anArgumentStartingWithAt_isTakenAsWritten_neverAsAFileToRead() throws IOException {
    Path file = temp.resolve("private.txt");
    Files.writeString(file, "contents of a private file");

    ItkRun run =
        itk(
            "sign",
            "--json",
            "--key-file",
            file.toString(),
            "--method",
            "POST",
            "--path",
            "/api/v1/notes",
            "--body",
            "@" + file);

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("message").asText()).endsWith("\n@" + file);
    assertThat(run.out()).doesNotContain("contents of a private file");
  }

  @Test
  void keyFile_dropsOneTrailingLineBreak() throws IOException {
    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, "abc\n");
    String[] common = {
      "sign",
      "--json",
      "--method",
      "GET",
      "--path",
      "/a",
      "--request-id",
      "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
      "--timestamp",
      "2014-09-10T17:28:08.3227351Z"
    };
    String fromFile = itk(concat(common, "--key-file", keyFile.toString())).out();
    String fromArg = itk(concat(common, "--key", "abc")).out();

    assertThat(fromFile).isEqualTo(fromArg);
  }

  /** In {@link #badInputs}: a file holding the key {@code k}. */
  private static final String KEY_FILE = "KEY_FILE";

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInput_exits2WithOneLineNamingTheProblem(String name, String[] args, String problem)
      throws IOException {
    Path keyFile = temp.resolve("key");
    Files.writeString(keyFile, "k");
    ItkRun run =
        itk(
            java.util.Arrays.stream(args)
                .map(a -> a.equals(KEY_FILE) ? keyFile.toString() : a)
                .toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).doesNotContain("\n").startsWith("itk sign: ").contains(problem);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> badInputs() {
    String[] base = {"sign", "--key-file", KEY_FILE, "--method", "GET"};
    return Stream.of(
        bad(
            "unknown option",
            concat(base, "--path", "/a", "--colour"),
            "Unknown option: '--colour'"),
        bad(
            "missing method",
            new String[] {"sign", "--key-file", KEY_FILE, "--path", "/a"},
            "--method"),
        bad("missing target", base, "--url"),
        bad(
            "url and path",
            concat(base, "--url", "https://h/a", "--path", "/a"),
            "mutually exclusive"),
        bad(
            "unreadable body file",
            concat(base, "--path", "/a", "--body-file", "/nonexistent/body"),
            "cannot read body file /nonexistent/body: no such file"),
        bad(
            "unreadable key file",
            new String[] {
              "sign", "--key-file", "/nonexistent/key", "--method", "GET", "--path", "/a"
            },
            "cannot read key file"),
        bad(
            "malformed timestamp",
            concat(base, "--path", "/a", "--timestamp", "2014-09-10 17:28"),
            "timestamp \"2014-09-10 17:28\" is malformed"),
        bad(
            "malformed request id",
            concat(base, "--path", "/a", "--request-id", "42"),
            "request ID \"42\" is not a UUID"),
        bad("relative path", concat(base, "--path", "api/v1"), "must start with /"),
        bad("relative url", concat(base, "--url", "/api/v1"), "must be absolute"),
        bad(
            "query twice",
            concat(base, "--url", "https://h/a?x=1", "--query", "x=1"),
            "give the query once"),
        bad(
            "method not a token",
            new String[] {"sign", "--key-file", KEY_FILE, "--method", "GE T", "--path", "/a"},
            "not an HTTP token"),
        bad(
            "empty key",
            new String[] {"sign", "--key-file", "/dev/null", "--method", "GET", "--path", "/a"},
            "API key is empty"));
  }

  private static org.junit.jupiter.params.provider.Arguments bad(
      String name, String[] args, String problem) {
    return org.junit.jupiter.params.provider.Arguments.of(name, args, problem);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
