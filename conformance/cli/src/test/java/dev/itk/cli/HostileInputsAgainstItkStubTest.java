package dev.itk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import dev.itk.stub.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of the stub's own tests, sent to {@code itk stub} run as a user runs it (its
 * own JVM, the CLI's main class, a key file, a record file): each gets a 4xx or a 401, never a 5xx,
 * and a valid signed request is served right after each. The time each answer took is printed
 * ({@code RawHttp}'s 10 s socket timeout guards against a hang; speed is measured by {@code itk
 * bench}, not asserted here).
 */
class HostileInputsAgainstItkStubTest {
  private static final String KEY = "hostile-inputs-test-key-4b1d9c0e";
  private static final Pattern TOKEN = Pattern.compile("admin token: +([0-9a-f]{32}) ");

  @TempDir Path temp;

  private int port;
  private String token;
  private final List<String> timings = new ArrayList<>();

  /** The status line and body of one exchange, and how long it took. */
  private record Answer(int status, String text, long millis) {}

  private Answer send(String head, byte[] body) {
    long t0 = System.nanoTime();
    RawHttp.Answer a = RawHttp.send(port, head, body);
    return new Answer(
        a.status(), a.head() + "\r\n\r\n" + a.body(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Sends {@code head} and keeps the connection open, sending nothing more: a stalled body. */
  private Answer stall(String head) throws IOException {
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(
          Integer.parseInt(text.substring(9, 12)), text, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** A request signed with {@code key} now: the head (Connection: close) and the body. */
  private static String signed(String key, String method, String path, byte[] body, String id) {
    SignedRequest s =
        RequestSigner.create(ApiKey.of(key), Clock.systemUTC(), RequestIdSource.fixed(id))
            .sign(method, path, "", body);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\nHost: 127.0.0.1\n");
    s.headers().asMap().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
    if (body.length > 0) {
      head.append("Content-Type: application/json\nContent-Length: ").append(body.length);
      head.append('\n');
    }
    return head.append("Connection: close\n\n").toString();
  }

  /** The input gets {@code expected}, no 5xx, and a valid request is served right after. */
  private Answer expect(String name, int expected, String head, byte[] body) throws IOException {
    Answer a = send(head, body);
    timings.add(String.format("%-58s %d in %,d ms", name, a.status(), a.millis()));
    assertThat(a.status()).as(name + ":\n" + a.text()).isEqualTo(expected);
    Answer valid =
        send(
            signed(KEY, "GET", "/api/v1/notes/1", new byte[0], UUID.randomUUID().toString()),
            new byte[0]);
    assertThat(valid.status()).as("a valid request right after " + name).isEqualTo(200);
    return a;
  }

  private String admin(String method, String route, String type, String token, String body) {
    return method
        + " /__itk"
        + route
        + " HTTP/1.1\nHost: 127.0.0.1\n"
        + (type == null ? "" : "Content-Type: " + type + "\n")
        + (token == null ? "" : "X-Itk-Admin-Token: " + token + "\n")
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\nConnection: close\n\n";
  }

  private static String withTimestamp(String timestamp) {
    return "GET /api/v1/notes/1 HTTP/1.1\nHost: 127.0.0.1\nX-Issuetrak-API-Request-ID: "
        + UUID.randomUUID()
        + "\nX-Issuetrak-API-Timestamp: "
        + timestamp
        + "\nX-Issuetrak-API-Authorization: "
        + "A".repeat(86)
        + "==\nConnection: close\n\n";
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyHostileInput_getsA4xxOr401_andAValidRequestIsServedRightAfter() throws Exception {
    Path keyFile = temp.resolve("stub.key");
    Files.writeString(keyFile, KEY + "\n");
    Path record = temp.resolve("run.jsonl");
    try (ItkStubProcess stub =
        ItkStubProcess.start(
            temp, "--key-file", keyFile.toString(), "--record", record.toString())) {
      port = Integer.parseInt(stub.baseUrl().replaceAll(".*:(\\d+)/.*", "$1"));
      Matcher m = TOKEN.matcher(stub.banner());
      assertThat(m.find()).as("admin token in the banner:\n%s", stub.banner()).isTrue();
      token = m.group(1);

      String none = "";
      // Timestamps at the year edges with an offset (were 500).
      assertThat(
              expect(
                      "timestamp 0001-01-01T00:00:00+00:01",
                      401,
                      withTimestamp("0001-01-01T00:00:00+00:01"),
                      new byte[0])
                  .text())
          .contains("malformed-timestamp");
      assertThat(
              expect(
                      "timestamp 9999-12-31T23:59:59-00:01",
                      401,
                      withTimestamp("9999-12-31T23:59:59-00:01"),
                      new byte[0])
                  .text())
          .contains("malformed-timestamp");

      // A 9 MiB body with a wrong signature (took 28 s), and with the diagnosis's budget.
      byte[] nine = new byte[9 * 1024 * 1024];
      Arrays.fill(nine, (byte) 'x');
      nine[0] = '"';
      nine[nine.length - 1] = '"';
      assertThat(
              expect(
                      "9 MiB body, wrong signature",
                      401,
                      signed(
                          "another-key",
                          "POST",
                          "/api/v1/notes",
                          nine,
                          UUID.randomUUID().toString()),
                      nine)
                  .text())
          .contains("\"status\":\"cut-short\"");

      // 1 MB of 1000 nested arrays with a wrong signature (took 26 s, then 500).
      StringBuilder nested = new StringBuilder("[".repeat(1000));
      while (nested.length() < 1_000_000) {
        nested.append("1,");
      }
      byte[] arrays =
          nested.append('1').append("]".repeat(1000)).toString().getBytes(StandardCharsets.UTF_8);
      expect(
          "1 MB of nested arrays, wrong signature",
          401,
          signed("another-key", "POST", "/api/v1/notes", arrays, UUID.randomUUID().toString()),
          arrays);

      // The clock shift that bricked the stub: without the token, then with it.
      String shift = "{\"by\":\"9000000000000h\"}";
      assertThat(
              expect(
                      "clock shift 9000000000000h, no token, text/plain",
                      401,
                      admin("POST", "/clock/shift", "text/plain", null, shift),
                      shift.getBytes(StandardCharsets.UTF_8))
                  .text())
          .contains("admin-token-required");
      assertThat(
              expect(
                      "clock shift 9000000000000h, with the token",
                      400,
                      admin("POST", "/clock/shift", "application/json", token, shift),
                      shift.getBytes(StandardCharsets.UTF_8))
                  .text())
          .contains("invalid-argument");
      String set = "{\"time\":\"0001-01-01T00:00:00+00:01\"}";
      expect(
          "clock set to year 0000, with the token",
          400,
          admin("POST", "/clock/set", "application/json", token, set),
          set.getBytes(StandardCharsets.UTF_8));
      assertThat(
              expect(
                      "admin health from Host evil.example",
                      403,
                      "GET /__itk/health HTTP/1.1\nHost: evil.example\nConnection: close\n\n",
                      new byte[0])
                  .text())
          .contains("forbidden-host");

      // A body that stalls after its first byte (held a thread for ever).
      Answer stalled =
          stall(
              "POST /api/v1/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000000\r\n\r\n{");
      timings.add(
          String.format(
              "%-58s %d in %,d ms",
              "body declared 1 MB, stalls after 1 byte", stalled.status(), stalled.millis()));
      assertThat(stalled.status()).as(stalled.text()).isEqualTo(408);
      assertThat(
              send(
                      signed(
                          KEY, "GET", "/api/v1/notes/1", new byte[0], UUID.randomUUID().toString()),
                      new byte[0])
                  .status())
          .isEqualTo(200);

      // The same signed request from 16 connections at once: one accept.
      String replay =
          signed(KEY, "GET", "/api/v1/notes/1", new byte[0], UUID.randomUUID().toString());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        CyclicBarrier start = new CyclicBarrier(16);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          tasks.add(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return send(replay, new byte[0]).status();
              });
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
          statuses.add(f.get());
        }
        timings.add("the same signed request from 16 connections: " + statuses);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(15);
      } finally {
        pool.shutdownNow();
      }
      expect(
          "nothing hostile",
          200,
          signed(KEY, "GET", "/api/v1/notes/2", new byte[0], UUID.randomUUID().toString()),
          new byte[0]);
      System.out.println("itk stub against the hostile inputs:\n  " + String.join("\n  ", timings));

      assertThat(stub.stop()).as("stopped on SIGTERM").isTrue();
      assertThat(stub.stdout()).doesNotContain(" 500\n").doesNotContain(KEY);
      List<String> lines = Files.readAllLines(record);
      assertThat(lines.get(lines.size() - 1)).startsWith("{\"end\":");
    }
  }
}
