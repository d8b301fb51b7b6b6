package dev.itk.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.VectorSet;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.ReceivedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cases of {@code fixtures/diagnosis/cases.json}: requests signed with known mistakes by the
 * independent Python generator, with the causes a correct diagnosis names.
 */
public final class DiagnosisCases {
  private DiagnosisCases() {}

  /** One case; {@code toString} is its id, for test names. */
  public record Case(
      String id,
      String comment,
      List<String> mistakes,
      boolean valid,
      String code,
      Set<String> causes,
      String key,
      Instant now,
      Set<String> seenRequestIds,
      String method,
      String path,
      String query,
      List<String[]> headers,
      byte[] body) {
    @Override
    public String toString() {
      return id;
    }

    /** The request as a server receives it (the raw query, "" without '?'). */
    public ReceivedRequest received() {
      return received(method, path, query, headers, body);
    }

    /** A request made of these parts, as {@link #received()} makes this case's. */
    public static ReceivedRequest received(
        String method, String path, String query, List<String[]> headers, byte[] body) {
      ReceivedRequest.Builder b =
          ReceivedRequest.builder()
              .method(method)
              .path(path)
              .query(query == null ? "" : query)
              .body(body);
      headers.forEach(h -> b.header(h[0], h[1]));
      return b.build();
    }
  }

  public static Path file() {
    return VectorSet.repositoryRoot().resolve("fixtures/diagnosis/cases.json");
  }

  public static Duration window() {
    return Duration.parse(root().path("window").asText("PT5M"));
  }

  private static JsonNode root() {
    try {
      return new ObjectMapper().readTree(file().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(), e);
    }
  }

  public static List<Case> all() {
    List<Case> out = new ArrayList<>();
    for (JsonNode c : root().path("cases")) {
      JsonNode req = c.path("request");
      List<String[]> headers = new ArrayList<>();
      req.path("headers")
          .forEach(h -> headers.add(new String[] {h.get(0).asText(), h.get(1).asText()}));
      byte[] body =
          req.hasNonNull("bodyBase64")
              ? Base64.getDecoder().decode(req.get("bodyBase64").asText())
              : req.path("body").asText("").getBytes(StandardCharsets.UTF_8);
      Set<String> causes = new TreeSet<>();
      c.path("expected").path("causes").forEach(x -> causes.add(x.asText()));
      Set<String> seen = new TreeSet<>();
      c.path("seenRequestIds").forEach(x -> seen.add(x.asText()));
      List<String> mistakes = new ArrayList<>();
      c.path("mistakes").forEach(x -> mistakes.add(x.asText()));
      out.add(
          new Case(
              c.path("id").asText(),
              c.path("comment").asText(""),
              mistakes,
              c.path("expected").path("valid").asBoolean(),
              c.path("expected").path("code").asText(),
              causes,
              c.path("key").asText(),
              IssuetrakTimestamp.parse(c.path("now").asText()).instant(),
              seen,
              req.path("method").asText(),
              req.path("path").asText(),
              req.hasNonNull("query") ? req.get("query").asText() : null,
              headers,
              body));
    }
    return out;
  }
}
