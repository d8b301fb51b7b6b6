package issuetrak;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The client against a loopback server that records what it receives: the path as given, the
 * signature of docs/scheme.md's worked example, the body bytes, Content-Type only with a body, and
 * a refusal returned as a status. Exits 1 naming each failure.
 */
public final class ClientTest {
  private static final String KEY = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=";
  private static final List<String> failures = new ArrayList<>();
  private static int passed;

  /** What the server received. */
  record Received(
      String method, String target, String authorization, String contentType, byte[] body) {}

  private ClientTest() {}

  public static void main(String[] args) throws Exception {
    var received = new ArrayList<Received>();
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          var h = exchange.getRequestHeaders();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  h.getFirst("X-Issuetrak-API-Authorization"),
                  h.getFirst("Content-Type"),
                  exchange.getRequestBody().readAllBytes()));
          var status = exchange.getRequestURI().getPath().endsWith("/search") ? 400 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      var base =
          "http://127.0.0.1:" + server.getAddress().getPort() + "/NestedSite1/NestedSite2/api/v1";
      var client =
          new IssuetrakClient(
              base,
              KEY,
              Clock.fixed(Instant.parse("2014-09-10T17:28:08.3227351Z"), ZoneOffset.UTC),
              () -> "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
              Duration.ofSeconds(10));

      // docs/scheme.md's worked example, its signature written out.
      client.getIssue(1, false);
      var get = received.get(0);
      expect("GET target", get.target(), "/NestedSite1/NestedSite2/api/v1/issues/false/1");
      expect(
          "GET signature",
          get.authorization(),
          "f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ==");
      expect("GET Content-Type", get.contentType(), null);

      var note = new LinkedHashMap<String, Object>();
      note.put("IssueNumber", 2);
      note.put("NoteText", "<p>a &amp; b/c 🚀 \"q\" \\ 𝄞</p>");
      note.put("IsPrivate", true);
      client.createNote(note);
      var post = received.get(1);
      expect(
          "note body",
          new String(post.body(), StandardCharsets.UTF_8),
          "{\"IssueNumber\":2,\"NoteText\":\"<p>a &amp; b/c 🚀 \\\"q\\\" \\\\"
              + " 𝄞</p>\",\"IsPrivate\":true}");
      expect("note Content-Type", post.contentType(), "application/json; charset=utf-8");

      var refused = client.send("POST", "/issues/search", "", null);
      var empty = received.get(2);
      expect("empty POST status", refused.status(), 400);
      expect("empty POST body length", empty.body().length, 0);
      expect("empty POST Content-Type", empty.contentType(), null);

      client.send("GET", "/issuetypes", "name=Hardware%20%26%20Network&active=true", null);
      expect(
          "lookup target",
          received.get(3).target(),
          "/NestedSite1/NestedSite2/api/v1/issuetypes?name=Hardware%20%26%20Network&active=true");

      expect("toString hides the key", client.toString().contains(KEY), false);
    } finally {
      server.stop(0);
    }
    failures.forEach(f -> System.out.println("FAIL " + f));
    System.out.println("ClientTest: " + passed + " passed, " + failures.size() + " failed");
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static void expect(String what, Object got, Object want) {
    if (Objects.equals(got, want)) {
      passed++;
    } else {
      failures.add("%s%n  want %s%n  got  %s".formatted(what, want, got));
    }
  }
}
