package dev.itk.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itk.conformance.MessageDiff;
import dev.itk.runner.Answer;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Compares an adapter's answer to one input with the reference's signing of it. */
final class Differ {
  private Differ() {}

  /**
   * The difference, or empty when the answer is the reference's, or when the input is acceptable
   * and the implementation refused it with a message. Only the {@code parts} the implementation
   * produces are compared ({@link dev.itk.runner.AdapterSession#signParts()}: an embedded
   * JavaScript run answers the message only).
   */
  static Optional<Difference> compare(
      FuzzInput in, Reference.Signed ref, Answer answer, Set<String> parts) {
    if (answer instanceof Answer.Skipped s) {
      return Optional.of(
          new Difference("answer", "answered skipped (" + s.reason() + "); sign must not skip"));
    }
    if (answer instanceof Answer.Errored e) {
      if (in.isAcceptable() && !e.message().isBlank()) {
        return Optional.empty();
      }
      return Optional.of(
          new Difference(
              "refused",
              "refused an input the reference signs"
                  + (in.isAcceptable() ? " with an empty message" : " (a valid input)")
                  + ": "
                  + e.message()));
    }
    JsonNode r = ((Answer.Result) answer).value();
    byte[] message;
    try {
      message = Base64.getDecoder().decode(r.path("messageBase64").asText(""));
    } catch (IllegalArgumentException e) {
      return Optional.of(
          new Difference("answer", "messageBase64 is not standard base64: " + e.getMessage()));
    }
    int at = MessageDiff.firstDifference(ref.message(), message);
    if (at >= 0 && parts.contains("message")) {
      return Optional.of(
          new Difference(
              "message:" + MessageDiff.fieldAt(ref.message(), at),
              MessageDiff.explain(ref.message(), message)));
    }
    String signature = r.path("signature").asText("");
    if (parts.contains("signature") && !signature.equals(ref.signature())) {
      return Optional.of(
          new Difference(
              "signature",
              "the message is right, the signature differs (the key's bytes, the HMAC or the"
                  + " base64 step): expected "
                  + ref.signature()
                  + ", actual "
                  + signature));
    }
    if (!parts.contains("headers")) {
      return Optional.empty();
    }
    Map<String, String> got = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      got.put(e.getKey(), e.getValue().asText());
    }
    for (Map.Entry<String, String> e : ref.headers().entrySet()) {
      String value = got.get(e.getKey());
      if (value == null) {
        return Optional.of(new Difference("headers:" + e.getKey(), e.getKey() + " is missing"));
      }
      if (!value.equals(e.getValue())) {
        return Optional.of(
            new Difference(
                "headers:" + e.getKey(),
                e.getKey() + ": expected \"" + e.getValue() + "\", actual \"" + value + "\""));
      }
    }
    return Optional.empty();
  }
}
