package dev.itk.conformance.vectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads the vector files of a directory, by default the repository's {@code fixtures/vectors}.
 *
 * <pre>{@code
 * VectorFile paths = VectorSet.load(VectorSet.defaultDirectory().resolve("paths.json"));
 * }</pre>
 */
public final class VectorSet {
  /** The only format version this code reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private VectorSet() {}

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
    VectorFile parsed;
    try {
      parsed = JSON.readValue(file.toFile(), VectorFile.class);
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
