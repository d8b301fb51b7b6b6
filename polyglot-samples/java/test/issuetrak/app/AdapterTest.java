package issuetrak.app;

import issuetrak.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The adapter's answers to {@code signBatch} (docs/runner-protocol.md): one item signed as the
 * kit's seed vector expects, a malformed one answered errored in its place; and an unknown command
 * answered errored, listing signBatch. Exits 1 naming each failure.
 */
public final class AdapterTest {
  private static final Path SEED = Path.of("../../fixtures/vectors/seed.json");
  private static final List<String> failures = new ArrayList<>();

  private AdapterTest() {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  public static void main(String[] args) throws IOException {
    var seed = map(((List<?>) map(Json.parse(Files.readString(SEED))).get("vectors")).get(0));
    var malformed = new LinkedHashMap<>(map(seed.get("input")));
    malformed.put("path", "api/v1/issues/false/1");
    var command =
        Map.<String, Object>of(
            "cmd",
            "signBatch",
            "items",
            List.of(
                Map.of("id", seed.get("id"), "input", seed.get("input")),
                Map.of("id", "no-leading-slash", "input", malformed)));

    var answer = Adapter.answer(9, command);

    var answers = (List<?>) map(answer.get("result")).get("answers");
    if (answers == null || answers.size() != 2) {
      failures.add("signBatch answered " + Json.write(answer) + "; want two answers");
    } else {
      var signed = map(answers.get(0));
      var expected = map(seed.get("expected")).get("signature");
      if (!signed.containsKey("result")
          || !expected.equals(map(signed.get("result")).get("signature"))) {
        failures.add("the seed vector was answered " + Json.write(signed) + "; want " + expected);
      }
      var refused = map(answers.get(1));
      if (!refused.keySet().equals(Set.of("errored"))
          || !String.valueOf(map(refused.get("errored")).get("message"))
              .contains("does not start with '/'")) {
        failures.add("the malformed item was answered " + Json.write(refused) + "; want errored");
      }
    }
    var unknown = Adapter.answer(1, Map.of("cmd", "dance"));
    var message = String.valueOf(map(unknown.get("errored")).get("message"));
    if (!message.contains("unknown command \"dance\"; expected start, sign, signBatch,")) {
      failures.add("an unknown command was answered " + Json.write(unknown));
    }

    failures.forEach(f -> System.out.println("FAIL " + f));
    System.out.println(
        failures.isEmpty()
            ? "AdapterTest: signBatch and an unknown command answered as expected"
            : "");
    System.exit(failures.isEmpty() ? 0 : 1);
  }
}
