package dev.itk.perf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorFile;
import dev.itk.conformance.vectors.VectorInput;
import dev.itk.conformance.vectors.VectorSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request every implementation signs over and over: a valid vector's inputs, as is or with its
 * body grown to a given message size.
 *
 * @param name the message size, e.g. {@code 306 B} or {@code 4 KiB}
 * @param source where the inputs come from, e.g. {@code vector seed-008-create-note-nested-site}
 * @param input the {@code sign} inputs
 * @param vectorSignature the vector's expected signature (from the independent generator) when the
 *     inputs are a vector's as is; empty when they were changed, and then the Java reference's
 *     signature is the expectation
 */
public record SigningWorkload(
    String name, String source, VectorInput input, Optional<String> vectorSignature) {
  /** The vector of the small workload: the create-note request the PHP and Node samples make. */
  public static final String SMALL_VECTOR = "seed-008-create-note-nested-site";

  /** The vector the large workload grows: an issue created with a compact JSON body. */
  public static final String LARGE_VECTOR = "seed-007-create-issue-compact";

  /** The large workload's message size. */
  public static final int LARGE_SIZE = 4096;

  private static final ObjectMapper INPUT_JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final String DESCRIPTION = "\"Description\":\"";
  private static final String FILLER = "The customer called again about the same problem. ";

  public SigningWorkload {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(vectorSignature, "vectorSignature");
  }

  /**
   * The two default workloads: {@link #SMALL_VECTOR} as is (about 300 bytes), and {@link
   * #LARGE_VECTOR} with its issue description grown so the message is {@link #LARGE_SIZE} bytes.
   *
   * @throws IllegalArgumentException if a vector is missing from {@code files}
   */
  public static List<SigningWorkload> defaults(List<VectorFile> files) {
    return List.of(of(find(files, SMALL_VECTOR)), grownTo(find(files, LARGE_VECTOR), LARGE_SIZE));
  }

  /** A valid vector as is; its expected signature is the expectation. */
  public static SigningWorkload of(Vector v) {
    requireValid(v);
    return new SigningWorkload(
        sizeName(messageLength(v.input())),
        "vector " + v.id(),
        v.input(),
        Optional.of(v.expected().signature()));
  }

  /**
   * A valid vector whose issue {@code "Description"} (in its JSON text body) is lengthened with
   * plain ASCII sentences so that the whole message is {@code size} bytes, as a long issue
   * description makes it.
   *
   * @throws IllegalArgumentException if the vector has no text body with a description, or its
   *     message is already longer than {@code size}
   */
  public static SigningWorkload grownTo(Vector v, int size) {
    requireValid(v);
    VectorInput in = v.input();
    int at = in.body() == null ? -1 : in.body().indexOf(DESCRIPTION);
    if (at < 0) {
      throw new IllegalArgumentException(
          "vector " + v.id() + " has no text body with a \"Description\" to lengthen");
    }
    int missing = size - messageLength(in);
    if (missing < 0) {
      throw new IllegalArgumentException(
          "vector " + v.id() + "'s message is " + messageLength(in) + " bytes, over " + size);
    }
    int insertAt = at + DESCRIPTION.length();
    String filler = FILLER.repeat(missing / FILLER.length() + 1).substring(0, missing);
    String body = in.body().substring(0, insertAt) + filler + in.body().substring(insertAt);
    VectorInput grown =
        new VectorInput(
            in.key(),
            in.method(),
            in.requestId(),
            in.timestamp(),
            null,
            in.path(),
            in.query(),
            body,
            null,
            null,
            null);
    return new SigningWorkload(
        sizeName(messageLength(grown)),
        "vector " + v.id() + ", description lengthened to a " + size + "-byte message",
        grown,
        Optional.empty());
  }

  /** The canonical message's length in bytes. */
  public int messageLength() {
    return messageLength(input);
  }

  /** The inputs as the {@code input} of a {@code bench} command. */
  public JsonNode protocolInput() {
    return INPUT_JSON.valueToTree(input);
  }

  private static int messageLength(VectorInput in) {
    return in.toCanonicalMessage().length();
  }

  /** {@code 306 B}; {@code 4 KiB} for whole kibibytes. */
  static String sizeName(int bytes) {
    return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
  }

  private static Vector find(List<VectorFile> files, String id) {
    return VectorSet.find(files, id)
        .orElseThrow(
            () -> new IllegalArgumentException("the bench needs vector " + id + "; not found"));
  }

  private static void requireValid(Vector v) {
    // Not acceptable ones either: a sample may refuse those, and then has nothing to time.
    if (!v.isValid()) {
      throw new IllegalArgumentException(
          "vector " + v.id() + " is " + v.result() + "; a bench signs valid vectors only");
    }
  }
}
