package dev.itk.conformance.vectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads vector files: those bundled in this jar ({@link #bundled()}, for a project that depends on
 * {@code itk-vectors}), or those of a directory, by default a checkout's {@code fixtures/vectors}.
 *
 * <pre>{@code
 * List<Vector> valid = VectorSet.valid(VectorSet.bundled());
 * VectorFile paths = VectorSet.load(VectorSet.defaultDirectory().resolve("paths.json"));
 * }</pre>
 */
public final class VectorSet {
  /** The only format version this code reads. */
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Where the bundled files are on the classpath, with their {@code SHA256SUMS} manifest. */
  static final String BUNDLED = "/dev/itk/conformance/vectors/v2/";

  /** The file beside the vector files that holds their content version, e.g. {@code 1.0.0}. */
  static final String VERSION_FILE = "VERSION";

  private static final String MANIFEST = "SHA256SUMS";

  private VectorSet() {}

  /**
   * The vector files bundled in this jar (copied from {@code fixtures/vectors} when it was built),
   * in the order of their {@code SHA256SUMS} manifest; each file's digest is checked against it.
   *
   * @throws IllegalStateException naming the file when it is missing or its digest differs
   */
  public static List<VectorFile> bundled() {
    List<VectorFile> files = new ArrayList<>();
    for (ManifestEntry entry : bundledManifest()) {
      if (entry.name().endsWith(".json")) {
        files.add(parse(bundledFile(entry), BUNDLED + entry.name()));
      }
    }
    return List.copyOf(files);
  }

  /**
   * The SHA-256 of the bundled {@code SHA256SUMS} manifest, in hex: one value that names the exact
   * set of vectors this jar carries.
   */
  public static String bundledManifestDigest() {
    return sha256(resource(MANIFEST));
  }

  /**
   * The version of the vectors bundled in this jar: their {@code VERSION} file (checked against
   * {@code SHA256SUMS}, which lists it), their format and their manifest's digest.
   *
   * <pre>{@code
   * VectorsVersion v = VectorSet.bundledVersion(); // 2.1.0, format 2, sha256 of SHA256SUMS
   * }</pre>
   *
   * @throws IllegalStateException when {@code VERSION} is missing, not in the manifest, altered or
   *     not one {@code MAJOR.MINOR.PATCH} line
   */
  public static VectorsVersion bundledVersion() {
    ManifestEntry entry =
        bundledManifest().stream()
            .filter(e -> e.name().equals(VERSION_FILE))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "bundled SHA256SUMS does not list "
                            + VERSION_FILE
                            + "; the jar is older"
                            + " than content versions or incomplete"));
    String text = new String(bundledFile(entry), StandardCharsets.US_ASCII);
    if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
      throw new IllegalStateException(
          "bundled " + VERSION_FILE + " must be one line ending in a line feed, not: " + text);
    }
    try {
      return new VectorsVersion(
          text.substring(0, text.length() - 1), FORMAT_VERSION, bundledManifestDigest());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bundled " + VERSION_FILE + ": " + e.getMessage(), e);
    }
  }

  /** One line of {@code SHA256SUMS}: a file's SHA-256 in hex and its name. */
  private record ManifestEntry(String sha256, String name) {}

  /** The bundled manifest's lines: every vector file ({@code *.json}) and {@code VERSION}. */
  private static List<ManifestEntry> bundledManifest() {
    List<ManifestEntry> entries = new ArrayList<>();
    for (String line : new String(resource(MANIFEST), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+\\*?", 2);
      if (parts.length != 2 || !(parts[1].endsWith(".json") || parts[1].equals(VERSION_FILE))) {
        throw new IllegalStateException(
            "bundled SHA256SUMS has a line that is not \"HEX  NAME.json\" or \"HEX  "
                + VERSION_FILE
                + "\": "
                + line);
      }
      entries.add(new ManifestEntry(parts[0], parts[1]));
    }
    return entries;
  }

  /** The bytes of a file the bundled manifest lists, once their digest is checked. */
  private static byte[] bundledFile(ManifestEntry entry) {
    byte[] bytes = resource(entry.name());
    String actual = sha256(bytes);
    if (!actual.equalsIgnoreCase(entry.sha256())) {
      throw new IllegalStateException(
          "bundled vector file "
              + entry.name()
              + " has SHA-256 "
              + actual
              + ", but SHA256SUMS says "
              + entry.sha256());
    }
    return bytes;
  }

  /** Every valid vector of {@code files}, in file order: what every signer must reproduce. */
  public static List<Vector> valid(List<VectorFile> files) {
    return files.stream().flatMap(f -> f.vectors().stream()).filter(Vector::isValid).toList();
  }

  /**
   * Every acceptable vector of {@code files}, in file order: a signer reproduces each exactly or
   * refuses it ({@link Vector#isAcceptable()}).
   */
  public static List<Vector> acceptable(List<VectorFile> files) {
    return files.stream().flatMap(f -> f.vectors().stream()).filter(Vector::isAcceptable).toList();
  }

  private static byte[] resource(String name) {
    try (InputStream in = VectorSet.class.getResourceAsStream(BUNDLED + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "no " + BUNDLED + name + " on the classpath; the itk-vectors jar is incomplete");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED + name, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * The repository's {@code fixtures/vectors}: from the {@code itk.root} system property when set,
   * otherwise found by walking up from the working directory.
   */
  public static Path defaultDirectory() {
    return repositoryRoot().resolve("fixtures").resolve("vectors");
  }

  /** The repository root (the directory that holds {@code fixtures/}). */
  public static Path repositoryRoot() {
    String configured = System.getProperty("itk.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("fixtures").resolve("vectors"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find fixtures/vectors above " + dir + "; set -Ditk.root to the repository root");
  }

  /**
   * Reads one vector file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static VectorFile load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read vector file " + file + ": " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  private static VectorFile parse(byte[] bytes, String file) {
    VectorFile parsed;
    try {
      parsed = JSON.readValue(bytes, VectorFile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read vector file " + file + ": " + e.getMessage(), e);
    }
    if (parsed.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "vector file "
              + file
              + " has formatVersion "
              + parsed.formatVersion()
              + "; this kit reads version "
              + FORMAT_VERSION);
    }
    return parsed;
  }

  /** Every {@code *.json} file of a directory, sorted by name. */
  public static List<VectorFile> loadAll(Path directory) {
    List<VectorFile> files = new ArrayList<>();
    for (Path file : jsonFiles(directory)) {
      files.add(load(file));
    }
    return files;
  }

  /** The vector with {@code id} in {@code files}, if one has it. */
  public static Optional<Vector> find(List<VectorFile> files, String id) {
    return files.stream()
        .flatMap(f -> f.vectors().stream())
        .filter(v -> v.id().equals(id))
        .findFirst();
  }

  /** The {@code *.json} files of a directory, sorted by name. */
  public static List<Path> jsonFiles(Path directory) {
    try (Stream<Path> list = Files.list(directory)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list vector directory " + directory, e);
    }
  }
}
