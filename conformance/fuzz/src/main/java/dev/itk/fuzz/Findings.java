package dev.itk.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.signing.MessageRendering;
import dev.itk.signing.SignatureHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The end of a run: each shrunk difference checked against every implementation, written as a
 * vector file in the vectors' format and confirmed by {@code fixtures/generate --confirm}.
 */
final class Findings {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FuzzSettings settings;
  private final List<FuzzRun.Worker> workers;
  private final List<FuzzInput> checked;
  private final Map<String, List<Boolean>> verdicts;
  private final Consumer<String> progress;

  /**
   * @param checked every distinct shrunk input, in the order found
   * @param verdicts for each implementation's id, whether it differs on each of {@code checked}
   */
  Findings(
      FuzzSettings settings,
      List<FuzzRun.Worker> workers,
      List<FuzzInput> checked,
      Map<String, List<Boolean>> verdicts,
      Consumer<String> progress) {
    this.settings = settings;
    this.workers = workers;
    this.checked = checked;
    this.verdicts = verdicts;
    this.progress = progress;
  }

  List<FuzzFinding> write() {
    Map<FuzzInput, FuzzRun.Pending> distinct = new LinkedHashMap<>();
    Map<FuzzInput, String> foundBy = new LinkedHashMap<>();
    for (FuzzRun.Worker w : workers) {
      for (FuzzRun.Pending p : w.pending.values()) {
        if (distinct.putIfAbsent(p.shrunk(), p) == null) {
          foundBy.put(p.shrunk(), w.id);
        }
      }
    }
    List<FuzzFinding> out = new ArrayList<>();
    if (distinct.isEmpty()) {
      return out;
    }
    try {
      Files.createDirectories(settings.out());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + settings.out(), e);
    }
    int n = 0;
    for (FuzzRun.Pending p : distinct.values()) {
      n++;
      List<String> languages = new ArrayList<>();
      int at = checked.indexOf(p.shrunk());
      for (FuzzRun.Worker w : workers) {
        List<Boolean> v = verdicts.getOrDefault(w.id, List.of());
        if (at >= 0 && at < v.size() && v.get(at)) {
          languages.add(w.id);
        }
      }
      if (languages.isEmpty()) {
        languages.add(foundBy.get(p.shrunk()));
      }
      String id = String.format(Locale.ROOT, "fuzz-%03d-%s", n, slug(p.kind()));
      Path file = settings.out().resolve(id + ".json");
      Path written = null;
      boolean confirmed = false;
      String confirmation;
      try {
        Files.write(file, vectorFile(id, p, languages));
        written = file;
        Confirmation verdict = confirm(file);
        confirmed = verdict.confirmed();
        confirmation = verdict.text();
      } catch (IOException e) {
        confirmation = "not written: " + e.getMessage();
      }
      progress.accept(
          "[fuzz] "
              + id
              + " ("
              + String.join(", ", languages)
              + "): "
              + (written != null ? written : "not written")
              + "; "
              + confirmation);
      out.add(
          new FuzzFinding(
              p.kind(),
              foundBy.get(p.shrunk()),
              languages,
              p.firstCase(),
              p.original(),
              p.shrunk(),
              p.detail(),
              p.tried(),
              written,
              confirmed,
              confirmation));
    }
    return out;
  }

  /** {@code message:path} becomes {@code message-path}: the id's slug. */
  static String slug(String kind) {
    return kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private byte[] vectorFile(String id, FuzzRun.Pending p, List<String> languages)
      throws IOException {
    FuzzInput in = p.shrunk();
    Reference.Signed ref = Reference.sign(in);
    ObjectNode file = JSON.createObjectNode();
    file.put("$schema", "../schema/vectors.schema.json");
    file.put("formatVersion", 2);
    file.put("family", "fuzz");
    file.put(
        "description",
        "A difference found by itk fuzz, shrunk to a minimal input. Add it to the vectors with"
            + " fixtures/generate --add (docs/fuzzing.md#a-finding).");
    file.put("generator", "itk fuzz (expectation from the Java reference, core-java)");
    file.putObject("verification").put("window", "PT5M");
    ObjectNode v = file.putArray("vectors").addObject();
    v.put("id", id);
    v.put(
        "comment",
        String.format(
            Locale.ROOT,
            "Found by itk fuzz (seed %d, input %d) in %s: %s. Shrunk from %,d to %,d bytes of"
                + " input.",
            settings.seed(),
            p.firstCase(),
            String.join(", ", languages),
            p.kind(),
            p.original().size(),
            in.size()));
    v.put("result", in.isAcceptable() ? "acceptable" : "valid");
    in.unknownRule().ifPresent(r -> v.put("unknownRule", r));
    v.putArray("flags").add("fuzz");
    v.set("input", in.toSignInput());
    ObjectNode e = v.putObject("expected");
    e.put("path", ref.signedPath());
    e.put("timestampInstant", ref.instant());
    FuzzInput asMessage = in.withBody(ref.message());
    if (asMessage.bodyText().isPresent()) {
      e.put("message", asMessage.bodyText().get());
    } else {
      e.put("messageBase64", Base64.getEncoder().encodeToString(ref.message()));
    }
    e.put("rendered", MessageRendering.render(ref.message()));
    e.put("signature", ref.signature());
    ObjectNode h = e.putObject("headers");
    h.put(SignatureHeaders.REQUEST_ID, in.requestId());
    h.put(SignatureHeaders.TIMESTAMP, in.timestamp());
    h.put(SignatureHeaders.AUTHORIZATION, ref.signature());
    v.put("source", "java-reference");
    ObjectNode found = v.putObject("found");
    found.put("by", "itk fuzz");
    found.put("seed", Long.toString(settings.seed()));
    found.put("case", p.firstCase());
    ArrayNode langs = found.putArray("languages");
    languages.forEach(langs::add);
    found.put("difference", p.detail());
    return (JSON.writeValueAsString(file) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the generator computed the same expectation, and what it said. */
  private record Confirmation(boolean confirmed, String text) {
    static Confirmation not(String why) {
      return new Confirmation(false, why);
    }
  }

  private Confirmation confirm(Path file) {
    Path generator = settings.generator();
    if (generator == null || !Files.isRegularFile(generator)) {
      return Confirmation.not("not confirmed: fixtures/generate not found");
    }
    ProcessBuilder pb =
        new ProcessBuilder("python3", generator.toString(), "--confirm", file.toString())
            .redirectErrorStream(true);
    try {
      Process proc = pb.start();
      proc.getOutputStream().close();
      String said;
      try (InputStream o = proc.getInputStream()) {
        said = new String(o.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
      }
      if (!proc.waitFor(60, TimeUnit.SECONDS)) {
        proc.destroyForcibly();
        return Confirmation.not("not confirmed: fixtures/generate --confirm took over 60 s");
      }
      int exit = proc.exitValue();
      return exit == 0
          ? new Confirmation(true, "confirmed by fixtures/generate (" + firstLine(said) + ")")
          : Confirmation.not(
              "NOT confirmed: fixtures/generate --confirm exited " + exit + ": " + said);
    } catch (IOException e) {
      return Confirmation.not("not confirmed: cannot run python3: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Confirmation.not("not confirmed: interrupted");
    }
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("");
  }
}
