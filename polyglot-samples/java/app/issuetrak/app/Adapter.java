package issuetrak.app;

import issuetrak.IssuetrakClient;
import issuetrak.IssuetrakClient.Response;
import issuetrak.IssuetrakSigner;
import issuetrak.Json;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The harness adapter: speaks the runner protocol (docs/runner-protocol.md) on standard input and
 * output, one JSON object per line. {@code sign} uses {@link IssuetrakSigner}, {@code signBatch}
 * the same routine per item, and {@code bench} times the same call; {@code scenario} uses {@link
 * IssuetrakClient}'s operations. Only answers go to standard output; everything else goes to
 * standard error.
 */
public final class Adapter {
  static final String IMPLEMENTATION = "polyglot-samples/java";

  /** Every scenario of fixtures/scenarios.json (the vendor's Java sample did only get-issue). */
  static final List<String> SCENARIOS =
      List.of(
          "get-issue",
          "update-issue",
          "create-issue",
          "create-note",
          "get-note",
          "get-issues-by-number-list",
          "get-issue-notes",
          "search-issues",
          "create-note-markup",
          "get-issue-mixed-case-site",
          "empty-body-post",
          "lookup-issue-types");

  private Adapter() {}

  public static void main(String[] args) throws IOException {
    // The protocol's channel; System.out is pointed at stderr so nothing stray reaches it.
    var answers =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    var commands =
        new BufferedReader(
            new InputStreamReader(
                System.in,
                StandardCharsets.UTF_8
                    .newDecoder()
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
        command = object(Json.parse(line), "the command");
        seq = count(command, "seq");
      } catch (IllegalArgumentException e) {
        // No seq to answer with: the harness must see a broken adapter, not a wrong answer.
        System.err.println("adapter: cannot read command line: " + e.getMessage());
        System.exit(2);
        return;
      }
      answers.print(Json.write(answer(seq, command)) + "\n");
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

  /** The answer to one command: {@code result} or {@code errored}. */
  static Map<String, Object> answer(long seq, Map<String, Object> command) {
    var answer = new LinkedHashMap<String, Object>();
    answer.put("seq", seq);
    try {
      Object result =
          switch (String.valueOf(command.get("cmd"))) {
            case "start" -> start(command);
            case "sign" -> sign(object(command.get("input"), "sign's input"));
            case "signBatch" -> signBatch(command);
            case "bench" -> bench(command);
            case "scenario" -> scenario(command);
            case "stop" -> Map.of();
            default ->
                throw new IllegalArgumentException(
                    "unknown command "
                        + Json.write(command.get("cmd"))
                        + "; expected start, sign, signBatch, bench, scenario or stop");
          };
      answer.put("result", result);
    } catch (Exception | AssertionError e) {
      answer.put("errored", errored(e));
    }
    return answer;
  }

  /** An {@code errored} answer's value: the message, and the stack trace (also logged). */
  private static Map<String, Object> errored(Throwable e) {
    var trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    System.err.print(trace);
    var errored = new LinkedHashMap<String, Object>();
    errored.put("message", e.getMessage() == null ? e.toString() : e.getMessage());
    errored.put("stderr", trace.toString());
    return errored;
  }

  /**
   * Signs each item as {@code sign} does, in order; a failing item is answered errored in its place
   * and the others go on.
   */
  private static Map<String, Object> signBatch(Map<String, Object> command) {
    var answers = new ArrayList<Map<String, Object>>();
    for (Object item : list(command, "items")) {
      try {
        answers.add(Map.of("result", sign(object(object(item, "an item").get("input"), "input"))));
      } catch (Exception | AssertionError e) {
        answers.add(Map.of("errored", errored(e)));
      }
    }
    return Map.of("answers", answers);
  }

  private static Map<String, Object> start(Map<String, Object> command) {
    if (!Long.valueOf(1).equals(command.get("protocolVersion"))) {
      throw new IllegalArgumentException(
          "protocolVersion %s is not supported; this adapter speaks 1"
              .formatted(Json.write(command.get("protocolVersion"))));
    }
    var result = new LinkedHashMap<String, Object>();
    result.put("protocolVersion", 1L);
    result.put("language", "java");
    result.put("implementation", IMPLEMENTATION);
    result.put(
        "runtime",
        System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version"));
    result.put("scenarios", SCENARIOS);
    return result;
  }

  private static Map<String, Object> sign(Map<String, Object> input) {
    var signed = signInput(input);
    var result = new LinkedHashMap<String, Object>();
    result.put("messageBase64", Base64.getEncoder().encodeToString(signed.message()));
    result.put("signature", signed.signature());
    result.put("headers", signed.headers());
    if (input.containsKey("instant")) {
      var instant = IssuetrakSigner.parseInstant(string(input, "instant"));
      result.put("formattedTimestamp", IssuetrakSigner.formatTimestamp(instant));
    }
    return result;
  }

  private static IssuetrakSigner.SignedRequest signInput(Map<String, Object> input) {
    return IssuetrakSigner.sign(
        string(input, "key"),
        string(input, "method"),
        string(input, "requestId"),
        string(input, "timestamp"),
        string(input, "path"),
        string(input, "query"),
        bodyOf(input));
  }

  /**
   * Times {@link IssuetrakSigner#sign} on one input with the monotonic {@link System#nanoTime()}:
   * warms up for {@code warmupMillis} (so the JIT has compiled the signer), then measures until at
   * least {@code iterations} signatures and {@code durationMillis} have passed. One operation is
   * what {@link IssuetrakClient} does per request: the canonical message, the HMAC-SHA512 (keyed on
   * each call, as the client does) and its base64.
   */
  private static Map<String, Object> bench(Map<String, Object> command) {
    var input = object(command.get("input"), "bench's input");
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
    var signed = IssuetrakSigner.sign(key, method, requestId, timestamp, path, query, body);
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
    return Map.of(
        "operations", operations, "elapsedNanos", elapsed, "signature", signed.signature());
  }

  /** The body bytes of a sign or bench input: {@code body} as UTF-8, or {@code bodyBase64}. */
  private static byte[] bodyOf(Map<String, Object> input) {
    boolean hasText = input.containsKey("body");
    if (hasText == input.containsKey("bodyBase64")) {
      throw new IllegalArgumentException(
          "input has %s; give exactly one"
              .formatted(hasText ? "both body and bodyBase64" : "neither body nor bodyBase64"));
    }
    if (!hasText) {
      try {
        return Base64.getDecoder().decode(string(input, "bodyBase64"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "input.bodyBase64 is not standard base64: " + e.getMessage());
      }
    }
    try { // getBytes would turn a lone surrogate (from a \ud800 escape) into '?' silently
      var bytes =
          StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(string(input, "body")));
      var body = new byte[bytes.remaining()];
      bytes.get(body);
      return body;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("input.body has an unpaired surrogate: " + e);
    }
  }

  /** Performs one scenario with the client, its parameters all from the command. */
  private static Map<String, Object> scenario(Map<String, Object> command) throws Exception {
    var name = string(command, "name");
    var instant = IssuetrakSigner.parseInstant(string(command, "timestamp"));
    var ids = list(command, "requestIds").iterator();
    Supplier<String> requestIds =
        () -> {
          if (!ids.hasNext()) {
            throw new IllegalStateException(
                "scenario " + name + " makes more requests than it has requestIds");
          }
          return String.valueOf(ids.next());
        };
    var client =
        new IssuetrakClient(
            string(command, "baseUrl"),
            string(command, "key"),
            Clock.fixed(instant, ZoneOffset.UTC),
            requestIds,
            Sample.TIMEOUT);

    List<Response> responses =
        switch (name) {
          case "get-issue" -> List.of(client.getIssue(1, false));
          case "get-issue-mixed-case-site" ->
              List.of(
                  client.getIssue(
                      (int) count(command, "issueNumber"),
                      object(command, "includeNotes", Boolean.class)));
          case "update-issue" -> {
            var update =
                client.updateIssue(
                    (int) count(command, "issueNumber"),
                    object(command.get("set"), "set"),
                    strings(command, "readOnlyIssueFields"),
                    strings(command, "readOnlyUserDefinedFieldFields"));
            yield List.of(update.read(), update.written());
          }
          case "create-issue" -> List.of(client.createIssue(data(command)));
          case "create-note", "create-note-markup" -> List.of(client.createNote(data(command)));
          case "search-issues" -> List.of(client.searchIssues(data(command)));
          case "get-note" -> List.of(client.getNote(1));
          case "get-issues-by-number-list" ->
              List.of(
                  client.getIssues(
                      list(command, "issueNumbers").stream()
                          .map(n -> ((Long) n).intValue())
                          .toList(),
                      false));
          case "get-issue-notes" ->
              List.of(client.getNotesOfIssue((int) count(command, "issueNumber")));
          case "empty-body-post", "lookup-issue-types" -> {
            // No body at all (null): nothing sent, no Content-Type. A refusal is a status to
            // report, not an error.
            var send = object(command.get("send"), "send");
            yield List.of(
                client.send(
                    string(send, "method"), string(send, "route"), string(send, "query"), null));
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown scenario " + Json.write(name) + "; this adapter does " + SCENARIOS);
        };
    return Map.of(
        "requests",
        responses.stream()
            .map(
                r ->
                    Map.<String, Object>of(
                        "method", r.method(), "url", r.uri().toString(), "status", r.status()))
            .toList());
  }

  private static Map<String, Object> data(Map<String, Object> command) {
    return object(command.get("data"), "data");
  }

  private static List<String> strings(Map<String, Object> command, String name) {
    return list(command, name).stream().map(String::valueOf).toList();
  }

  private static List<?> list(Map<String, Object> command, String name) {
    return object(command, name, List.class);
  }

  private static long count(Map<String, Object> command, String name) {
    if (!(command.get(name) instanceof Long n) || n < 0) {
      throw new IllegalArgumentException(
          name + " " + Json.write(command.get(name)) + " is not a non-negative integer");
    }
    return n;
  }

  private static String string(Map<String, Object> object, String name) {
    return object(object, name, String.class);
  }

  private static <T> T object(Map<String, Object> object, String name, Class<T> type) {
    var value = object.get(name);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "%s must be a %s, not %s"
              .formatted(
                  name,
                  type.getSimpleName(),
                  object.containsKey(name) ? Json.write(value) : "missing"));
    }
    return type.cast(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }
}
