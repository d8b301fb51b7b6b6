package dev.itk.conformance;

import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The committed vector families, loaded once per test JVM. */
final class Vectors {
  /** Every family the tests check; a vector file outside this list fails VectorFilesTest. */
  static final List<String> FAMILIES =
      List.of("seed", "paths", "queries", "bodies", "keys", "timestamps", "verbs", "mixed");

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
