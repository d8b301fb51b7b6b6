package dev.itk.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An implementation folder's {@code adapter.json}: how to check its runtime, build it and start its
 * adapter ({@code docs/runner-protocol.md#the-adapter-manifest-adapterjson}).
 *
 * @param folder the implementation's folder; commands run there
 * @param language e.g. {@code php}
 * @param displayName e.g. {@code PHP}
 * @param runtimeCommand run to see whether the runtime is there and which version
 * @param install the command a user runs to install the runtime
 * @param build commands run in order before the adapter starts (may be empty)
 * @param adapter the command that starts the adapter
 * @param test commands that run the implementation's own unit tests (may be empty)
 */
public record AdapterManifest(
    Path folder,
    String language,
    String displayName,
    List<String> runtimeCommand,
    String install,
    List<List<String>> build,
    List<String> adapter,
    List<List<String>> test) {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z][a-z0-9-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  public AdapterManifest {
    runtimeCommand = List.copyOf(runtimeCommand);
    build = build.stream().map(List::copyOf).toList();
    adapter = List.copyOf(adapter);
    test = test.stream().map(List::copyOf).toList();
  }

  /**
   * The implementation folders directly under {@code dir} (those holding an {@code adapter.json}),
   * in name order.
   *
   * @throws IllegalArgumentException naming {@code dir} when it cannot be listed
   */
  public static List<Path> folders(Path dir) {
    try (java.util.stream.Stream<Path> children = Files.list(dir)) {
      return children.filter(p -> Files.isRegularFile(p.resolve("adapter.json"))).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code folder/adapter.json}.
   *
   * @throws IllegalArgumentException naming the file, the field and the rule it breaks
   */
  public static AdapterManifest load(Path folder) {
    Path file = folder.resolve("adapter.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no adapter.json in "
              + folder
              + "; an implementation folder needs one (docs/runner-protocol.md)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + " must hold one JSON object");
    }
    String language = text(file, root, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          file + ": language \"" + language + "\" must be a lowercase name like php or node");
    }
    String displayName =
        root.hasNonNull("displayName") ? root.get("displayName").asText() : language;
    JsonNode runtime = root.get("runtime");
    if (runtime == null || !runtime.isObject()) {
      throw new IllegalArgumentException(
          file + ": runtime must be an object with command and install");
    }
    List<String> runtimeCommand = command(file, runtime.get("command"), "runtime.command");
    String install = text(file, runtime, "install");
    List<List<String>> build = commands(file, root, "build");
    List<String> adapter = command(file, root.get("adapter"), "adapter");
    List<List<String>> test = commands(file, root, "test");
    return new AdapterManifest(
        folder.toAbsolutePath().normalize(),
        language,
        displayName,
        runtimeCommand,
        install,
        build,
        adapter,
        test);
  }

  private static List<List<String>> commands(Path file, JsonNode root, String field) {
    List<List<String>> out = new ArrayList<>();
    JsonNode steps = root.get(field);
    if (steps != null && !steps.isNull()) {
      if (!steps.isArray()) {
        throw new IllegalArgumentException(file + ": " + field + " must be a list of commands");
      }
      for (int i = 0; i < steps.size(); i++) {
        out.add(command(file, steps.get(i), field + "[" + i + "]"));
      }
    }
    return out;
  }

  private static String text(Path file, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(file + ": " + field + " must be a non-empty string");
    }
    return v.asText();
  }

  private static List<String> command(Path file, JsonNode node, String field) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": " + field + " must be a non-empty list of strings, e.g. [\"php\", \"x.php\"]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode word : node) {
      if (!word.isTextual()) {
        throw new IllegalArgumentException(
            file + ": " + field + " must hold only strings; found " + word);
      }
      out.add(word.asText());
    }
    return out;
  }
}
