package dev.itk.runner.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.runner.AdapterSession;
import dev.itk.runner.Answer;
import dev.itk.runner.BenchSettings;
import dev.itk.runner.BrokenHarnessException;
import dev.itk.runner.RunnerFactory;
import dev.itk.runner.StartInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The runner protocol over a pair of streams (a process's stdin and stdout, or a container's): one
 * JSON object per line each way, {@code seq} echoed, a time limit per command. Any breach ends the
 * session with a {@link BrokenHarnessException}.
 */
public final class LineProtocolSession implements AdapterSession {
  /** The time limits of {@code docs/runner-protocol.md}. */
  public record Limits(Duration start, Duration sign, Duration scenario, Duration stop) {
    public static final Limits DEFAULT =
        new Limits(
            Duration.ofSeconds(20),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(5));
  }

  /** How the session ends what runs the adapter. */
  public interface Peer {
    /** Waits for the adapter to exit by itself; whether it did. */
    boolean awaitExit(Duration limit);

    /** Ends the adapter now. */
    void kill();
  }

  /** A bench's time limit beyond its warm-up and measuring time: the adapter's last signatures. */
  private static final Duration BENCH_SLACK = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000eof";
  private static final int SHOWN = 300;

  /** A {@code signBatch}'s time limit grows by a second per this many items. */
  private static final int ITEMS_PER_SECOND_OF_LIMIT = 1000;

  private final String name;
  private final String language;
  private final String environment;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Supplier<String> stderr;
  private final Peer peer;
  private final Limits limits;
  private final Consumer<String> transcript;
  private int seq;
  private boolean broken;
  private boolean closed;
  private StartInfo info;
  private Set<String> signParts = ALL_SIGN_PARTS;
  private String scope = "";

  /** Whether the adapter answered the first {@code signBatch} (null: not asked yet). */
  private Boolean knowsSignBatch;

  private LineProtocolSession(
      String name,
      String language,
      String environment,
      OutputStream stdin,
      InputStream stdout,
      Supplier<String> stderr,
      Peer peer,
      Limits limits,
      Consumer<String> transcript) {
    this.name = name;
    this.language = language;
    this.environment = environment;
    this.stdin = stdin;
    this.stderr = stderr;
    this.peer = peer;
    this.limits = limits;
    this.transcript = transcript;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // treated as end of stream
              } finally {
                lines.add(EOF);
              }
            },
            "itk-adapter-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens a session and smoke-tests the adapter with {@code start}.
   *
   * @param name how reports name the implementation, e.g. {@code process:php}
   * @param language the language the adapter must say it is
   * @param environment where it runs, for reports (see {@link AdapterSession#environment()})
   * @param transcript receives every line sent ({@code "process:php > {...}"}) and received ({@code
   *     "process:php < {...}"})
   * @throws BrokenHarnessException if {@code start} is not answered correctly
   */
  public static LineProtocolSession open(
      String name,
      String language,
      String environment,
      OutputStream stdin,
      InputStream stdout,
      Supplier<String> stderr,
      Peer peer,
      Limits limits,
      Consumer<String> transcript) {
    LineProtocolSession s =
        new LineProtocolSession(
            name, language, environment, stdin, stdout, stderr, peer, limits, transcript);
    try {
      s.info = s.start();
    } catch (BrokenHarnessException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private StartInfo start() {
    ObjectNode cmd = JSON.createObjectNode().put("cmd", "start").put("protocolVersion", 1);
    Answer a = call(cmd, limits.start());
    if (!(a instanceof Answer.Result r)) {
      throw broken("answered start with " + describe(a) + "; start must succeed");
    }
    JsonNode v = r.value();
    if (v.path("protocolVersion").asInt(-1) != 1) {
      throw broken("answered start with protocolVersion " + v.get("protocolVersion") + ", not 1");
    }
    String lang = v.path("language").asText("");
    if (!lang.equals(language)) {
      throw broken(
          "says it is language \"" + lang + "\" but its adapter.json says \"" + language + "\"");
    }
    List<String> scenarios = new ArrayList<>();
    if (!v.path("scenarios").isArray()) {
      throw broken("answered start without a scenarios list");
    }
    v.get("scenarios").forEach(n -> scenarios.add(n.asText()));
    return new StartInfo(
        lang,
        v.path("implementation").asText(""),
        v.path("runtime").asText("unknown runtime"),
        scenarios);
  }

  @Override
  public StartInfo info() {
    return info;
  }

  @Override
  public String environment() {
    return environment;
  }

  @Override
  public Set<String> signParts() {
    return signParts;
  }

  @Override
  public String scope() {
    return scope;
  }

  /**
   * Declares a partial implementation: which parts of a {@code sign} result it produces, and what a
   * run checks, in words. Called once, before the session is used.
   */
  public LineProtocolSession partial(Set<String> parts, String scope) {
    this.signParts = Set.copyOf(parts);
    this.scope = scope;
    return this;
  }

  @Override
  public Answer sign(String vectorId, JsonNode input) {
    ObjectNode cmd = JSON.createObjectNode().put("cmd", "sign").put("id", vectorId);
    cmd.set("input", input);
    return call(cmd, signLimit(input));
  }

  /**
   * One {@code signBatch} command for all the items. If the adapter answers the first one other
   * than with a result, it does not know the command: from then on each item is sent as a {@code
   * sign}, and {@code signBatch} is not asked again.
   */
  @Override
  public synchronized List<Answer> signBatch(List<SignItem> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    if (Boolean.FALSE.equals(knowsSignBatch)) {
      return AdapterSession.super.signBatch(items);
    }
    ObjectNode cmd = JSON.createObjectNode().put("cmd", "signBatch");
    long bodyBytes = 0;
    for (SignItem item : items) {
      bodyBytes += bodyBytes(item.input());
    }
    Duration limit =
        limits
            .sign()
            .plusSeconds(bodyBytes / (64 * 1024))
            .plusSeconds(items.size() / ITEMS_PER_SECOND_OF_LIMIT);
    Answer a = call(cmd, SerializedItems.of(items), limit);
    String what = "signBatch (seq " + (seq - 1) + ")";
    if (!(a instanceof Answer.Result r)) {
      if (knowsSignBatch == null) {
        knowsSignBatch = false;
        return AdapterSession.super.signBatch(items);
      }
      throw broken(
          "answered "
              + what
              + " with "
              + describe(a)
              + " after answering an earlier signBatch; a refused item is an errored entry of"
              + " answers, never the whole batch");
    }
    knowsSignBatch = true;
    JsonNode answers = r.value().get("answers");
    if (answers == null || !answers.isArray()) {
      throw broken("answered " + what + " without an answers array");
    }
    if (answers.size() != items.size()) {
      throw broken(
          "answered "
              + what
              + " with "
              + answers.size()
              + " answers for "
              + items.size()
              + " items; exactly one per item, in the items' order, is required");
    }
    List<Answer> out = new ArrayList<>(items.size());
    for (int i = 0; i < answers.size(); i++) {
      JsonNode entry = answers.get(i);
      boolean result = entry.has("result");
      boolean errored = entry.has("errored");
      if (!entry.isObject() || result == errored || entry.size() != 1) {
        throw broken(
            "answered "
                + what
                + " with answers["
                + i
                + "] (item "
                + items.get(i).id()
                + ") not holding exactly one of result/errored: "
                + abbreviate(entry.toString()));
      }
      out.add(result ? new Answer.Result(entry.get("result")) : errored(entry.get("errored")));
    }
    return List.copyOf(out);
  }

  @Override
  public Answer bench(JsonNode input, BenchSettings settings) {
    ObjectNode cmd = JSON.createObjectNode().put("cmd", "bench");
    cmd.set("input", input);
    cmd.put("iterations", settings.iterations())
        .put("durationMillis", settings.duration().toMillis())
        .put("warmupMillis", settings.warmup().toMillis());
    return call(cmd, settings.warmup().plus(settings.duration()).plus(BENCH_SLACK));
  }

  /**
   * The sign limit plus a second per 64 KiB of body: a hang guard, so a 1 MiB vector signed by an
   * interpreted implementation on a busy machine is not taken for a hung adapter.
   */
  private Duration signLimit(JsonNode input) {
    return limits.sign().plusSeconds(bodyBytes(input) / (64 * 1024));
  }

  /** About the size of an input's body: characters of {@code body}, bytes of {@code bodyBase64}. */
  private static long bodyBytes(JsonNode input) {
    long bodyChars = input.path("body").asText("").length();
    long base64Chars = input.path("bodyBase64").asText("").length();
    return Math.max(bodyChars, base64Chars * 3 / 4);
  }

  @Override
  public Answer scenario(ObjectNode command) {
    ObjectNode cmd = JSON.createObjectNode().put("cmd", "scenario");
    cmd.setAll(command);
    return call(cmd, limits.scenario());
  }

  @Override
  public String stderr() {
    return stderr.get();
  }

  /** Sends one command and reads its answer. */
  private Answer call(ObjectNode command, Duration limit) {
    return call(command, null, limit);
  }

  /**
   * Sends one command, with {@code items} (the JSON of a {@code signBatch}'s items array, made once
   * for every session it goes to) as its last field when not null, and reads its answer.
   */
  private synchronized Answer call(ObjectNode command, byte[] items, Duration limit) {
    if (broken || closed) {
      throw new BrokenHarnessException(
          name + ": the adapter is " + (broken ? "broken" : "closed") + "; nothing more is sent",
          stderr());
    }
    int mySeq = seq++;
    ObjectNode cmd = JSON.createObjectNode().put("seq", mySeq);
    cmd.setAll(command);
    String what = command.path("cmd").asText() + " (seq " + mySeq + ")";
    try {
      byte[] json = JSON.writeValueAsBytes(cmd);
      if (items != null) {
        byte[] field = ",\"items\":".getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[json.length - 1 + field.length + items.length + 1];
        System.arraycopy(json, 0, whole, 0, json.length - 1); // without the closing brace
        System.arraycopy(field, 0, whole, json.length - 1, field.length);
        System.arraycopy(items, 0, whole, json.length - 1 + field.length, items.length);
        whole[whole.length - 1] = '}';
        json = whole;
      }
      if (transcript != RunnerFactory.Sinks.NO_TRANSCRIPT) {
        transcript.accept(name + " > " + new String(json, StandardCharsets.UTF_8));
      }
      // one write per line: over a socket, a separate 1-byte write waits on Nagle's algorithm
      byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
      line[json.length] = '\n';
      stdin.write(line);
      stdin.flush();
    } catch (IOException e) {
      throw broken("closed its standard input before " + what + ": " + e.getMessage());
    }
    String line;
    try {
      line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw broken("interrupted while waiting for the answer to " + what);
    }
    if (line == null) {
      throw broken("did not answer " + what + " within " + limit.toSeconds() + " s");
    }
    if (line == EOF) {
      lines.add(EOF);
      throw broken("closed its standard output (exited?) before answering " + what);
    }
    if (transcript != RunnerFactory.Sinks.NO_TRANSCRIPT) {
      transcript.accept(name + " < " + line);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw broken(
          "answered "
              + what
              + " with a line that is not JSON (only answers may go to stdout): "
              + abbreviate(line));
    }
    if (answer == null || !answer.isObject()) {
      throw broken("answered " + what + " with " + abbreviate(line) + ", not a JSON object");
    }
    if (answer.path("seq").asInt(-1) != mySeq || !answer.path("seq").isIntegralNumber()) {
      throw broken("answered " + what + " with seq " + answer.get("seq") + ": " + abbreviate(line));
    }
    int kinds = 0;
    Answer out = null;
    if (answer.has("result")) {
      kinds++;
      out = new Answer.Result(answer.get("result"));
    }
    if (answer.has("skipped")) {
      kinds++;
      out = new Answer.Skipped(answer.get("skipped").path("reason").asText("(no reason given)"));
    }
    if (answer.has("errored")) {
      kinds++;
      out = errored(answer.get("errored"));
    }
    if (kinds != 1) {
      throw broken(
          "answered "
              + what
              + " with "
              + kinds
              + " of result/skipped/errored; exactly one is required: "
              + abbreviate(line));
    }
    return out;
  }

  private static Answer.Errored errored(JsonNode e) {
    return new Answer.Errored(
        e.path("message").asText("(no message)"),
        e.path("stderr").isTextual() ? e.get("stderr").asText() : "");
  }

  private BrokenHarnessException broken(String what) {
    broken = true;
    peer.kill();
    return new BrokenHarnessException(name + ": the adapter " + what, stderr());
  }

  private static String describe(Answer a) {
    if (a instanceof Answer.Skipped s) {
      return "skipped (" + s.reason() + ")";
    }
    if (a instanceof Answer.Errored e) {
      return "errored (" + e.message() + ")";
    }
    return "a result";
  }

  private static String abbreviate(String line) {
    return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "...";
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (!broken) {
      try {
        call(JSON.createObjectNode().put("cmd", "stop"), limits.stop());
      } catch (BrokenHarnessException ignored) {
        // stop is best effort: a session is closed either way
      }
    }
    closed = true;
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
    // a clean exit is waited for; kill also releases what runs the adapter (a container)
    peer.awaitExit(limits.stop());
    peer.kill();
  }

  /**
   * The JSON of a {@code signBatch}'s items array, made once per list: a fuzz run sends the same
   * list (the same object) to every implementation's session, and serializing megabytes of bodies
   * once instead of once per language is most of the harness's work. The last few lists are
   * remembered by identity.
   */
  private static final class SerializedItems {
    private static final int KEPT = 64;
    private static final Object[] LISTS = new Object[KEPT];
    private static final byte[][] JSON_OF = new byte[KEPT][];
    private static int next;

    static byte[] of(List<SignItem> items) {
      synchronized (LISTS) {
        for (int i = 0; i < KEPT; i++) {
          if (LISTS[i] == items) {
            return JSON_OF[i];
          }
        }
      }
      ArrayNode array = JSON.createArrayNode();
      for (SignItem item : items) {
        array.addObject().put("id", item.id()).set("input", item.input());
      }
      byte[] json;
      try {
        json = JSON.writeValueAsBytes(array);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree always serializes", e);
      }
      synchronized (LISTS) {
        LISTS[next] = items;
        JSON_OF[next] = json;
        next = (next + 1) % KEPT;
      }
      return json;
    }
  }
}
