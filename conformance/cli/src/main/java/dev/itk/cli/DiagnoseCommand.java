package dev.itk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.diagnose.CapturedRequest;
import dev.itk.diagnose.Cause;
import dev.itk.diagnose.Diagnoser;
import dev.itk.diagnose.Diagnosis;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.MalformedTimestampException;
import dev.itk.signing.ReceivedRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itk diagnose}: why the server refuses a request's signature. Reads the request (raw HTTP,
 * a curl command line, a HAR file or a stub record), verifies it with the key, and names the
 * client's mistake from the catalogue, or shows the server's canonical message field by field.
 */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Say why a request's signature is refused: the catalogued client mistake(s) that reproduce"
          + " the received signature, with the fix; or the canonical message the server computes.",
      "Exit 0 when the request is valid, 1 when it is not, 2 on bad input."
    })
final class DiagnoseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KeyOptions keyOptions;

  @Mixin CaptureSource capture;

  @Option(
      names = "--now",
      paramLabel = "TS",
      description =
          "The server's clock, e.g. 2014-09-10T17:28:08Z. Default: the request's timestamp.")
  String now;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      defaultValue = "PT5M",
      description = "The server's clock-skew window, ISO 8601 (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    CapturedRequest captured = capture.read();
    ReceivedRequest request = captured.toReceivedRequest();
    Instant clock = clock(captured);
    Diagnosis d = new Diagnoser(keyOptions.resolve(), window).diagnose(request, clock, Set.of());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(d));
    } else {
      print(d, captured, out);
    }
    out.flush();
    return d.valid() ? 0 : 1;
  }

  private Instant clock(CapturedRequest r) {
    String text = now != null ? now : r.header("X-Issuetrak-API-Timestamp").orElse(null);
    if (text == null) {
      return Instant.now();
    }
    try {
      return IssuetrakTimestamp.parse(text).instant();
    } catch (MalformedTimestampException e) {
      if (now != null) {
        throw new BadInputException("--now: " + e.getMessage());
      }
      return Instant.now();
    }
  }

  static String toJson(Diagnosis d) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = mapper.createObjectNode();
    o.put("valid", d.valid());
    o.put("code", d.code());
    ArrayNode causes = o.putArray("causes");
    for (Cause c : d.causes()) {
      causes.addObject().put("id", c.id()).put("explanation", c.explanation()).put("fix", c.fix());
    }
    o.put("serverMessage", d.serverMessage());
    o.put("complete", d.complete());
    o.put("limit", d.limit());
    try {
      return mapper.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void print(Diagnosis d, CapturedRequest r, PrintWriter out) {
    out.printf(
        "%s %s%s: %s%n",
        r.method(),
        r.rawPath(),
        r.rawQuery().map(q -> "?" + q).orElse(""),
        d.valid() ? "valid" : "refused (" + d.code() + ")");
    if (!d.causes().isEmpty()) {
      out.println(d.causes().size() == 1 ? "Cause:" : "Causes (together):");
      for (Cause c : d.causes()) {
        out.printf("- %s: %s%n  fix: %s%n", c.id(), c.explanation(), c.fix());
      }
    } else if (!d.valid() && d.complete()) {
      out.println(
          "No catalogued mistake reproduces the signature: each alone, every pair, and three"
              + " with one in the signature's form or the header names were all ruled out. The key"
              + " may differ, or the mistake is a new one. Compare the message the server computes,"
              + " field by field, with the one your client signed.");
    } else if (!d.valid()) {
      out.println("No catalogued mistake among those tried reproduces the signature.");
    }
    if (!d.complete()) {
      out.println("Search " + d.limit());
    }
    if (d.serverMessage() != null) {
      out.println("The server's canonical message:");
      out.println(d.serverMessage().indent(2).stripTrailing());
    }
  }
}
