package sample;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The harness adapter: speaks the runner protocol (docs/runner-protocol.md) on standard input and
 * output, one JSON object per line. {@code sign} uses {@link IssuetrakSigner}, and {@code bench}
 * times the same call; {@code scenario}
 * uses {@link IssuetrakClient}, as {@link Sample} does. Only answers go to standard output;
 * everything else goes to standard error.
 */
public final class Adapter {
  static final String IMPLEMENTATION = "polyglot-samples/java";
  static final List<String> SCENARIOS = List.of("get-issue");

  private Adapter() {}

  public static void main(String[] args) throws IOException {
    // The protocol's channel; System.out is pointed at stderr so nothing stray reaches it.
    PrintStream answers =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)));

    String line;
    while ((line = commands.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> command;
      long seq;
      try {
        command = asObject(Json.parse(line), "the command");
        seq = seqOf(command);
      } catch (IllegalArgumentException e) {
        // No seq to answer with: the harness must see a broken adapter, not a wrong answer.
        System.err.println("adapter: cannot read command line: " + e.getMessage());
        System.exit(2);
        return;
      }
      Map<String, Object> answer = answer(seq, command);
      answers.print(Json.write(answer) + "\n");
      answers.flush();
      if (answers.checkError()) {
        System.err.println("adapter: standard output is closed");
        System.exit(2);
      }
      if ("stop".equals(command.get("cmd"))) {
        System.exit(0);
      }
    }
    System.exit(0); // end of input: the harness went away
  }

  /** The answer to one command: {@code result}, {@code skipped} or {@code errored}. */
  static Map<String, Object> answer(long seq, Map<String, Object> command) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("seq", seq);
    try {
      Object cmd = command.get("cmd");
      if ("start".equals(cmd)) {
        answer.put("result", start(command));
      } else if ("sign".equals(cmd)) {
        answer.put("result", sign(asObject(command.get("input"), "sign's input")));
      } else if ("bench".equals(cmd)) {
        answer.put("result", bench(command));
      } else if ("scenario".equals(cmd)) {
        String name = string(command, "name");
        if (!SCENARIOS.contains(name)) {
          answer.put("skipped", Map.of("reason",
              "the vendor's Java sample signs and sends one GET (get-issue); it does not do "
                  + name));
        } else {
          answer.put("result", scenario(name, command));
        }
      } else if ("stop".equals(cmd)) {
        answer.put("result", Map.of());
      } else {
        throw new IllegalArgumentException("unknown cmd " + Json.write(cmd)
            + "; the protocol has start, sign, bench, scenario and stop");
      }
    } catch (Exception | AssertionError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      System.err.print(trace);
      Map<String, Object> errored = new LinkedHashMap<>();
      errored.put("message", e.getMessage() == null ? e.toString() : e.getMessage());
      errored.put("stderr", trace.toString());
      answer.put("errored", errored);
    }
    return answer;
  }

  private static Map<String, Object> start(Map<String, Object> command) {
    Object version = command.get("protocolVersion");
    if (!Long.valueOf(1).equals(version)) {
      throw new IllegalArgumentException(
          "protocolVersion " + Json.write(version) + " is not supported; this adapter speaks 1");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("protocolVersion", 1L);
    result.put("language", "java");
    result.put("implementation", IMPLEMENTATION);
    result.put("runtime", System.getProperty("java.runtime.name") + " "
        + System.getProperty("java.runtime.version"));
    result.put("scenarios", new ArrayList<Object>(SCENARIOS));
    return result;
  }

  private static Map<String, Object> sign(Map<String, Object> input) {
    byte[] body = bodyOf(input);
    IssuetrakSigner.SignedRequest signed = IssuetrakSigner.sign(
        string(input, "key"), string(input, "method"), string(input, "requestId"),
        string(input, "timestamp"), string(input, "path"), string(input, "query"), body);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("messageBase64", Base64.getEncoder().encodeToString(signed.message()));
    result.put("signature", signed.signature());
    result.put("headers", new LinkedHashMap<String, Object>(signed.headers()));
    if (input.containsKey("instant")) {
      Instant instant = IssuetrakSigner.parseInstant(string(input, "instant"));
      result.put("formattedTimestamp", IssuetrakSigner.formatTimestamp(instant));
    }
    return result;
  }

  /**
   * Times {@link IssuetrakSigner#sign} on one input with the monotonic {@link System#nanoTime()}:
   * warms up for {@code warmupMillis} (so the JIT has compiled the signer), then measures until at
   * least {@code iterations} signatures and {@code durationMillis} have passed. One operation is
   * what {@link IssuetrakClient} does per request: the canonical message, the HMAC-SHA512 (keyed
   * on each call, as the sample does) and its base64.
   */
  private static Map<String, Object> bench(Map<String, Object> command) {
    Map<String, Object> input = asObject(command.get("input"), "bench's input");
    byte[] body = bodyOf(input);
    String key = string(input, "key");
    String method = string(input, "method");
    String requestId = string(input, "requestId");
    String timestamp = string(input, "timestamp");
    String path = string(input, "path");
    String query = string(input, "query");
    long iterations = count(command, "iterations");
    long duration = count(command, "durationMillis") * 1_000_000L;
    long warmUntil = System.nanoTime() + count(command, "warmupMillis") * 1_000_000L;
    IssuetrakSigner.SignedRequest signed =
        IssuetrakSigner.sign(key, method, requestId, timestamp, path, query, body);
    while (System.nanoTime() < warmUntil) {
      signed = IssuetrakSigner.sign(key, method, requestId, timestamp, path, query, body);
    }
    long operations = 0;
    long elapsed;
    long started = System.nanoTime();
    do {
      signed = IssuetrakSigner.sign(key, method, requestId, timestamp, path, query, body);
      operations++;
      elapsed = System.nanoTime() - started;
    } while (operations < iterations || elapsed < duration);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("operations", operations);
    result.put("elapsedNanos", elapsed);
    result.put("signature", signed.signature());
    return result;
  }

  private static long count(Map<String, Object> command, String name) {
    Object value = command.get(name);
    if (!(value instanceof Long n) || n < 0) {
      throw new IllegalArgumentException(
          name + " " + Json.write(value) + " is not a non-negative integer");
    }
    return n;
  }

  /** The body bytes of a sign or bench input: {@code body} as UTF-8, or {@code bodyBase64}. */
  private static byte[] bodyOf(Map<String, Object> input) {
    byte[] body;
    boolean hasText = input.containsKey("body");
    boolean hasBytes = input.containsKey("bodyBase64");
    if (hasText == hasBytes) {
      throw new IllegalArgumentException(
          "input has " + (hasText ? "both body and bodyBase64" : "neither body nor bodyBase64")
              + "; give exactly one");
    }
    if (hasText) {
      String text = string(input, "body");
      IssuetrakSigner.checkWellFormed("input.body", text, false);
      body = text.getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        body = Base64.getDecoder().decode(string(input, "bodyBase64"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "input.bodyBase64 is not standard base64: " + e.getMessage());
      }
    }
    return body;
  }

  private static Map<String, Object> scenario(String name, Map<String, Object> command)
      throws Exception {
    String timestamp = string(command, "timestamp");
    Instant instant = IssuetrakSigner.parseInstant(timestamp);
    if (!IssuetrakSigner.formatTimestamp(instant).equals(timestamp)) {
      throw new IllegalArgumentException("timestamp " + IssuetrakSigner.quote(timestamp)
          + " is not in the 7-digit form the sample's formatter writes"
          + " (e.g. 2014-09-10T17:28:08.3227351Z)");
    }
    List<String> ids = new ArrayList<>();
    for (Object id : asArray(command.get("requestIds"), "requestIds")) {
      if (!(id instanceof String s)) {
        throw new IllegalArgumentException("requestIds holds " + Json.write(id)
            + ", which is not a string");
      }
      ids.add(s);
    }
    Iterator<String> next = ids.iterator();
    Supplier<String> requestIds = () -> {
      if (!next.hasNext()) {
        throw new IllegalStateException("requestIds has " + ids.size()
            + " ID(s); the scenario makes more requests than that");
      }
      return next.next();
    };
    IssuetrakClient client = new IssuetrakClient(string(command, "baseUrl"),
        string(command, "key"), Clock.fixed(instant, ZoneOffset.UTC), requestIds,
        Sample.TIMEOUT);

    List<Object> requests = new ArrayList<>();
    if (name.equals("get-issue")) {
      requests.add(describe(client.getIssue(Sample.ISSUE_NUMBER)));
    }
    return Map.of("requests", requests);
  }

  private static Map<String, Object> describe(IssuetrakClient.Response response) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", response.method());
    request.put("url", response.uri().toString());
    request.put("status", (long) response.status());
    return request;
  }

  private static long seqOf(Map<String, Object> command) {
    Object seq = command.get("seq");
    if (!(seq instanceof Long n) || n < 0) {
      throw new IllegalArgumentException(
          "seq " + Json.write(seq) + " is not a non-negative integer");
    }
    return n;
  }

  private static String string(Map<String, Object> object, String name) {
    Object value = object.get(name);
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(
          name + " must be a string, not " + (object.containsKey(name) ? Json.write(value)
              : "missing"));
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static List<?> asArray(Object value, String what) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " must be a JSON array");
    }
    return list;
  }
}
