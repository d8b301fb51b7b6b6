package dev.itk.conformance;

import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The committed vector families, loaded once per test JVM. */
final class Vectors {
  /** The families every set of vectors has. */
  static final List<String> REQUIRED_FAMILIES =
      List.of("seed", "paths", "queries", "bodies", "keys", "timestamps", "verbs", "mixed");

  /**
   * The families written only when they have a vector: {@code fuzz}, once
   * fixtures/fuzz-findings.json holds a finding (docs/vectors.md#the-fuzz-family).
   */
  static final List<String> OPTIONAL_FAMILIES = List.of("fuzz");

  /**
   * Every family the tests check: the required ones and the optional ones that have a file; a
   * vector file outside both lists fails VectorFilesTest.
   */
  static final List<String> FAMILIES =
      Stream.concat(
              REQUIRED_FAMILIES.stream(),
              OPTIONAL_FAMILIES.stream()
                  .filter(f -> Files.exists(directory().resolve(f + ".json"))))
          .toList();

  private static final Map<String, VectorFile> CACHE = new ConcurrentHashMap<>();

  private Vectors() {}

  static Path directory() {
    return VectorSet.defaultDirectory();
  }

  static VectorFile file(String family) {
    return CACHE.computeIfAbsent(family, f -> VectorSet.load(directory().resolve(f + ".json")));
  }

  static Stream<Vector> of(String family) {
    return file(family).vectors().stream();
  }

  static Stream<Vector> all() {
    return FAMILIES.stream().flatMap(Vectors::of);
  }
}
