package dev.itk.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.diagnose.CapturedRequest;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk capture-to-vector}: turns a captured request into one valid test vector (the format of
 * {@code docs/vectors.md#a-valid-vector}), re-signed with a test key.
 *
 * <p>The method, raw path, raw query, request ID, timestamp and body bytes are kept as captured;
 * the key the request was sent with is never asked for, and its signature is not copied: the vector
 * is signed by core-java's {@link RequestSigner} with {@code --test-key}, so it is a regression
 * case of the request's shape that can be shared.
 */
@Command(
    name = "capture-to-vector",
    mixinStandardHelpOptions = true,
    description = {
      "Turn a captured request (raw HTTP, a stub record, a curl command line or a HAR entry) into"
          + " one valid test vector, re-signed with a test key.",
      "The request's own key is never needed or written: method, path, query, request ID,"
          + " timestamp and body are kept; the signature is made with --test-key."
    })
final class CaptureToVectorCommand implements Callable<Integer> {
  /** A key that is obviously for tests; vectors made with it can be published. */
  static final String DEFAULT_TEST_KEY = "itk-test-key-0000000000000000000000000000000000=";

  /** What the vector's {@code source} says made its expectations. */
  static final String SOURCE = "itk capture-to-vector (core-java signer)";

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  @Spec CommandSpec spec;

  @Mixin CaptureSource capture;

  @Option(
      names = "--test-key",
      paramLabel = "KEY",
      defaultValue = DEFAULT_TEST_KEY,
      description =
          "The key the vector is signed with; it is written into the vector in clear text."
              + " Default: ${DEFAULT-VALUE}")
  String testKey;

  @Option(
      names = "--id",
      paramLabel = "ID",
      defaultValue = "capture-001",
      description = "The vector's id, lowercase words joined by '-'. Default: ${DEFAULT-VALUE}")
  String id;

  @Option(
      names = "--comment",
      paramLabel = "TEXT",
      description = "The vector's comment. Default: the request line and where it was read from.")
  String comment;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the vector to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!ID.matcher(id).matches()) {
      throw new BadInputException(
          "--id \"" + id + "\" must be lowercase letters and digits in words joined by '-'");
    }
    CapturedRequest captured = capture.read();
    String requestId = single(captured, SignatureHeaders.REQUEST_ID);
    String timestamp = single(captured, SignatureHeaders.TIMESTAMP);
    List<String> missing =
        Stream.of(SignatureHeaders.REQUEST_ID, SignatureHeaders.TIMESTAMP)
            .filter(name -> captured.header(name).isEmpty())
            .toList();
    if (!missing.isEmpty()) {
      throw new BadInputException(
          captured.source()
              + ": no "
              + String.join(" and no ", missing)
              + " header; a vector keeps the request's own request ID and timestamp");
    }

    ApiKey key = ApiKey.of(testKey);
    CanonicalMessage message;
    try {
      message =
          CanonicalMessage.builder()
              .method(captured.method())
              .requestId(requestId)
              .timestamp(timestamp)
              .path(captured.rawPath())
              .query(captured.rawQuery().orElse(""))
              .body(captured.body())
              .build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(captured.source() + ": " + e.getMessage(), e);
    }
    SignedRequest signed = RequestSigner.create(key).sign(message);
    refuseTheRealKey(captured, signed);

    String json = toJson(vector(captured, signed));
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(json);
      out.flush();
    } else {
      try {
        Files.writeString(output, json, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BadInputException(
            "cannot write --output " + output + ": " + KeyOptions.describe(e));
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        spec.qualifiedName()
            + ": the request's key was replaced by the test key "
            + key.fingerprint()
            + (testKey.equals(DEFAULT_TEST_KEY) ? " (the default)" : " (--test-key)")
            + "; the vector's signature is not the captured one");
    err.flush();
    return 0;
  }

  private static String single(CapturedRequest captured, String name) {
    List<String> values = captured.headerValues(name);
    if (values.size() > 1) {
      throw new BadInputException(
          captured.source()
              + ": header "
              + name
              + " appears "
              + values.size()
              + " times; a signed request has it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * A vector holds its key in clear text. If the test key reproduces the captured signature, it is
   * the key the request was really signed with, so it must not be written (the default test key is
   * public and exempt).
   */
  private void refuseTheRealKey(CapturedRequest captured, SignedRequest signed) {
    if (testKey.equals(DEFAULT_TEST_KEY)) {
      return;
    }
    for (String sent : captured.headerValues(SignatureHeaders.AUTHORIZATION)) {
      if (MessageDigest.isEqual(
          sent.getBytes(StandardCharsets.ISO_8859_1),
          signed.signature().getBytes(StandardCharsets.ISO_8859_1))) {
        throw new BadInputException(
            "--test-key reproduces the captured signature, so it is the key the request was sent"
                + " with, and a vector holds its key in clear text; give a key made up for tests");
      }
    }
  }

  private Map<String, Object> vector(CapturedRequest captured, SignedRequest signed) {
    CanonicalMessage m = signed.message();
    byte[] body = m.body();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("key", testKey);
    input.put("method", m.method());
    input.put("requestId", m.requestId());
    input.put("timestamp", m.timestamp());
    input.put("path", captured.rawPath());
    input.put("query", m.query());
    if (MessageRendering.isWellFormedUtf8(body)) {
      input.put("body", new String(body, StandardCharsets.UTF_8));
    } else {
      input.put("bodyBase64", Base64.getEncoder().encodeToString(body));
    }

    byte[] messageBytes = m.toBytes();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("path", m.path());
    expected.put(
        "timestampInstant",
        IssuetrakTimestamp.format(IssuetrakTimestamp.parse(m.timestamp()).instant()));
    if (MessageRendering.isWellFormedUtf8(messageBytes)) {
      expected.put("message", new String(messageBytes, StandardCharsets.UTF_8));
    } else {
      expected.put("messageBase64", Base64.getEncoder().encodeToString(messageBytes));
    }
    expected.put("rendered", m.render());
    expected.put("signature", signed.signature());
    expected.put("headers", signed.headers().asMap());

    Map<String, Object> vector = new LinkedHashMap<>();
    vector.put("id", id);
    vector.put(
        "comment",
        comment != null
            ? comment
            : "Captured "
                + m.method()
                + " "
                + captured.rawPath()
                + captured.rawQuery().map(q -> "?" + q).orElse("")
                + " from "
                + captured.source()
                + ", re-signed with a test key.");
    vector.put("result", "valid");
    vector.put("flags", List.of("captured"));
    vector.put("input", input);
    vector.put("expected", expected);
    vector.put("source", SOURCE);
    return vector;
  }

  /** Two-space indentation, {@code "name": value}, one array item a line: as the fixtures. */
  static String toJson(Object value) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return new ObjectMapper().writer(printer).writeValueAsString(value) + "\n";
  }
}
