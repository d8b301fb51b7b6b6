import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that every Java file of the sample is formatted by google-java-format, the kit's
 * formatter, at the version the kit's pom.xml pins ({@code google-java-format.version}). The
 * formatter's all-deps jar comes from the local Maven repository, fetched with the kit's Maven
 * wrapper when missing. {@code java test/FormatCheck.java --apply} formats the files instead.
 *
 * <p>Exits 1 listing the files that are not formatted; with {@code CI=true}, also when the
 * formatter cannot be had (elsewhere that is reported and skipped).
 */
public final class FormatCheck {
  private static final List<String> JDK_COMPILER_EXPORTS =
      Stream.of("api", "code", "file", "parser", "tree", "util")
          .map(p -> "--add-exports=jdk.compiler/com.sun.tools.javac." + p + "=ALL-UNNAMED")
          .toList();

  public static void main(String[] args) throws Exception {
    boolean apply = List.of(args).contains("--apply");
    var pom = Files.readString(Path.of("../../pom.xml"));
    var pinned =
        Pattern.compile("<google-java-format.version>([^<]+)</google-java-format.version>")
            .matcher(pom);
    if (!pinned.find()) {
      fail("../../pom.xml pins no google-java-format.version");
    }
    var version = pinned.group(1);
    var jar =
        Path.of(
            System.getProperty("user.home"),
            ".m2/repository/com/google/googlejavaformat/google-java-format",
            version,
            "google-java-format-" + version + "-all-deps.jar");
    if (!Files.isRegularFile(jar)) {
      fetch(version);
    }
    if (!Files.isRegularFile(jar)) {
      var message =
          "google-java-format " + version + " is not at " + jar + " and could not be fetched";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      System.out.println("FormatCheck: skipped: " + message);
      return;
    }

    List<String> files;
    try (var walk = Stream.of("src", "app", "test").map(Path::of).flatMap(FormatCheck::walk)) {
      files =
          walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    }
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JDK_COMPILER_EXPORTS);
    command.addAll(List.of("-jar", jar.toString(), apply ? "--replace" : "--dry-run"));
    if (!apply) {
      command.add("--set-exit-if-changed");
    }
    command.addAll(files);
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes()).strip();
    int status = process.waitFor();
    if (status != 0) {
      fail(
          "google-java-format "
              + version
              + " would change these files (java test/FormatCheck.java --apply formats them):\n"
              + output);
    }
    System.out.printf(
        "FormatCheck: %d passed, 0 failed (google-java-format %s%s)%n",
        files.size(), version, apply ? ", applied" : "");
  }

  /** The kit's Maven wrapper fetches the formatter from Maven Central into ~/.m2. */
  private static void fetch(String version) throws IOException, InterruptedException {
    var artifact = "com.google.googlejavaformat:google-java-format:" + version + ":jar:all-deps";
    System.out.println("FormatCheck: fetching " + artifact);
    new ProcessBuilder(
            "../../mvnw",
            "-q",
            "-B",
            "dependency:get",
            "-Dtransitive=false",
            "-Dartifact=" + artifact)
        .inheritIO()
        .start()
        .waitFor();
  }

  private static Stream<Path> walk(Path folder) {
    try {
      return Files.walk(folder);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + folder, e);
    }
  }

  private static void fail(String message) {
    System.out.println("FormatCheck: FAIL " + message);
    System.out.println("FormatCheck: 0 passed, 1 failed");
    System.exit(1);
  }
}
