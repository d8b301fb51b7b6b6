package dev.itk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.RequestTarget;
import dev.itk.signing.SignedRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itk sign}: prints the canonical message, the signature and the headers for a request. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign one request the way the Issuetrak API v1 expects, and show every stage.",
      "Without --request-id and --timestamp, fresh ones are made."
    })
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeyOptions keyOptions;

  @Option(
      names = "--method",
      required = true,
      paramLabel = "VERB",
      description = "The HTTP method, signed as given (no case change).")
  String method;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--url",
        paramLabel = "URL",
        description = "An absolute URL; its path is signed, and its query unless --query is given.")
    String url;

    @Option(names = "--path", paramLabel = "PATH", description = "The raw URL path as sent.")
    String path;
  }

  @Option(
      names = "--query",
      paramLabel = "Q",
      description = "The query field, signed verbatim (usually without '?'). Default: empty.")
  String query;

  @ArgGroup(multiplicity = "0..1")
  Body body;

  static final class Body {
    @Option(names = "--body", paramLabel = "TEXT", description = "The body, sent as UTF-8.")
    String text;

    @Option(
        names = "--body-file",
        paramLabel = "FILE",
        description = "Read the body's exact bytes from FILE ('-' for standard input).")
    Path file;
  }

  @Option(
      names = "--request-id",
      paramLabel = "ID",
      description = "The request ID to sign (a UUID). Default: a fresh random one.")
  String requestId;

  @Option(
      names = "--timestamp",
      paramLabel = "TS",
      description =
          "The timestamp to sign, verbatim, e.g. 2014-09-10T17:28:08.3227351Z. Default: now.")
  String timestamp;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ApiKey key = keyOptions.resolve();
    String path;
    String signedQuery = query == null ? "" : query;
    if (target.url != null) {
      RequestTarget fromUrl = RequestTarget.fromUrl(target.url);
      path = fromUrl.path();
      if (!fromUrl.query().isEmpty()) {
        if (query != null) {
          throw new BadInputException(
              "give the query once: --url already has the query \""
                  + fromUrl.query()
                  + "\", and --query was given too");
        }
        signedQuery = fromUrl.query();
      }
    } else {
      path = target.path;
    }

    CanonicalMessage message =
        CanonicalMessage.builder()
            .method(method)
            .requestId(
                requestId != null ? requestId : RequestIdSource.randomUuids().nextRequestId())
            .timestamp(
                timestamp != null
                    ? timestamp
                    : IssuetrakTimestamp.format(Clock.systemUTC().instant()))
            .path(path)
            .query(signedQuery)
            .body(bodyBytes())
            .build();
    SignedRequest signed = RequestSigner.create(key).sign(message);

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(signed));
    } else {
      out.print(toText(signed));
    }
    out.flush();
    return 0;
  }

  private byte[] bodyBytes() throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.text != null) {
      return body.text.getBytes(StandardCharsets.UTF_8);
    }
    if (body.file.toString().equals("-")) {
      return System.in.readAllBytes();
    }
    try {
      return Files.readAllBytes(body.file);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot read body file " + body.file + ": " + KeyOptions.describe(e));
    }
  }

  static String toJson(SignedRequest signed) throws IOException {
    byte[] bytes = signed.message().toBytes();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "message",
        MessageRendering.isWellFormedUtf8(bytes)
            ? new String(bytes, StandardCharsets.UTF_8)
            : null);
    out.put("messageBase64", Base64.getEncoder().encodeToString(bytes));
    out.put("rendered", signed.message().render());
    out.put("signature", signed.signature());
    out.put("headers", signed.headers().asMap());
    return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
  }

  static String toText(SignedRequest signed) {
    StringBuilder out = new StringBuilder();
    out.append("Canonical message (")
        .append(signed.message().length())
        .append(" bytes; \\n marks each line feed):\n");
    out.append(signed.message().render()).append('\n');
    out.append("\nSignature:\n  ").append(signed.signature()).append('\n');
    out.append("\nHeaders:\n");
    signed
        .headers()
        .asMap()
        .forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
    return out.toString();
  }
}
