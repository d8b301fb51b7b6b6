import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Uses the jar as a Java developer would: a small consumer module in a fresh folder {@code requires
 * issuetrak.sample}, is compiled against {@code build/issuetrak-sample.jar} on the module path and
 * run; it signs the first seed vector, whose expected signature this test reads from the vector
 * file. Run as {@code java test/PackageTest.java} after the adapter.json build.
 */
public final class PackageTest {
  private static final Path JAR = Path.of("build/issuetrak-sample.jar");
  private static final Path SEED = Path.of("../../fixtures/vectors/seed.json");

  private static final String MODULE_INFO =
      """
      module consumer {
        requires issuetrak.sample;
      }
      """;

  private static final String MAIN =
"""
      package consumer;

      import issuetrak.IssuetrakClient;
      import issuetrak.IssuetrakSigner;
      import issuetrak.Json;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
import java.util.Comparator;
      import java.time.Clock;
      import java.time.Duration;
      import java.util.List;
      import java.util.Map;

      public class Main {
        @SuppressWarnings("unchecked")
        public static void main(String[] args) throws Exception {
          var file = (Map<String, Object>) Json.parse(Files.readString(Path.of(args[0])));
          var vector = ((List<Map<String, Object>>) file.get("vectors")).get(0);
          var in = (Map<String, String>) vector.get("input");
          var client = new IssuetrakClient("http://127.0.0.1:8089/api/v1", in.get("key"),
              Clock.systemUTC(), IssuetrakClient.randomRequestIds(), Duration.ofSeconds(5));
          var signed = IssuetrakSigner.sign(in.get("key"), in.get("method"), in.get("requestId"),
              in.get("timestamp"), in.get("path"), in.get("query"),
              in.get("body").getBytes(StandardCharsets.UTF_8));
          System.out.println(vector.get("id") + " " + signed.signature() + " " + client);
        }
      }
""";

  public static void main(String[] args) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      fail(JAR + " is missing; run adapter.json's build first");
    }
    var dir = Files.createTempDirectory("issuetrak-consumer");
    Files.createDirectories(dir.resolve("src/consumer"));
    Files.writeString(dir.resolve("src/module-info.java"), MODULE_INFO);
    Files.writeString(dir.resolve("src/consumer/Main.java"), MAIN);

    var javac = ToolProvider.findFirst("javac").orElseThrow();
    var log = new ByteArrayOutputStream();
    var out = new PrintStream(log, true, StandardCharsets.UTF_8);
    int compiled =
        javac.run(
            out,
            out,
            "--module-path",
            JAR.toString(),
            "-d",
            dir.resolve("out").toString(),
            dir.resolve("src/module-info.java").toString(),
            dir.resolve("src/consumer/Main.java").toString());
    if (compiled != 0) {
      fail("the consumer module does not compile against the jar:\n" + log);
    }

    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var modulePath = JAR + File.pathSeparator + dir.resolve("out");
    var process =
        new ProcessBuilder(
                List.of(
                    java,
                    "--module-path",
                    modulePath,
                    "-m",
                    "consumer/consumer.Main",
                    SEED.toString()))
            .redirectErrorStream(true)
            .start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      fail("the consumer module failed:\n" + output);
    }

    // The expectation is the vector file's, found without the package's JSON reader.
    var text = Files.readString(SEED, StandardCharsets.UTF_8);
    var first = Pattern.compile("\"id\": \"([^\"]+)\"").matcher(text);
    var signature = Pattern.compile("\"signature\": \"([^\"]+)\"").matcher(text);
    if (!first.find() || !signature.find(first.end())) {
      fail(SEED + " has no vector with a signature");
    }
    var want = first.group(1) + " " + signature.group(1) + " IssuetrakClient[";
    if (!output.startsWith(want)) {
      fail("the consumer printed\n  " + output.strip() + "\nwant it to start with\n  " + want);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
    System.out.println("PackageTest: 1 passed, 0 failed");
  }

  private static void fail(String message) {
    System.out.println("PackageTest: FAIL " + message);
    System.out.println("PackageTest: 0 passed, 1 failed");
    System.exit(1);
  }
}
