package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed requests, written byte by byte: each gets a clear 4xx with a JSON error
 * code, and the stub keeps serving (a valid signed request right after is answered 200).
 */
class HostileInputTest {
  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder()
          .configure(b -> b.key(KEY).clock(CLOCK).maxBodyBytes(64 * 1024))
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger IDS = new AtomicInteger(5000);

  /** A correctly signed head for GET /api/v1/notes/1, and its three header lines. */
  private static String[] signed(String method, String path, String query, byte[] body) {
    SignedRequest s =
        RequestSigner.create(
                KEY, CLOCK, RequestIdSource.fixed(StubClient.id(IDS.incrementAndGet())))
            .sign(method, path, query, body);
    return new String[] {
      "X-Issuetrak-API-Request-ID: " + s.headers().requestId(),
      "X-Issuetrak-API-Timestamp: " + s.headers().timestamp(),
      "X-Issuetrak-API-Authorization: " + s.headers().authorization()
    };
  }

  private static String head(String requestLine, List<String> headers) {
    StringBuilder b = new StringBuilder(requestLine).append('\n').append("Host: 127.0.0.1\n");
    headers.forEach(h -> b.append(h).append('\n'));
    return b.append("Connection: close\n\n").toString();
  }

  private static Arguments hostile(String name, String head, byte[] body) {
    return Arguments.of(name, head, body);
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    byte[] none = new byte[0];
    String[] ok = signed("GET", "/api/v1/notes/1", "", none);
    String line = "GET /api/v1/notes/1 HTTP/1.1";
    // missing headers, each and all
    for (int i = 0; i < 3; i++) {
      List<String> h = new ArrayList<>(List.of(ok));
      h.remove(i);
      out.add(hostile("missing header " + i, head(line, h), none));
    }
    out.add(hostile("no signing headers", head(line, List.of()), none));
    // duplicated headers
    for (int i = 0; i < 3; i++) {
      List<String> h = new ArrayList<>(List.of(ok));
      h.add(ok[i]);
      out.add(hostile("duplicated header " + i, head(line, h), none));
    }
    // malformed values
    String[][] bad = {
      {"X-Issuetrak-API-Request-ID: not-a-uuid", ok[1], ok[2]},
      {"X-Issuetrak-API-Request-ID: ", ok[1], ok[2]},
      {"X-Issuetrak-API-Request-ID: c3838d04-46f8-43d6-92fd-62b3d0b59f3", ok[1], ok[2]},
      {ok[0], "X-Issuetrak-API-Timestamp: yesterday", ok[2]},
      {ok[0], "X-Issuetrak-API-Timestamp: 2014-13-40T25:61:61.0000000Z", ok[2]},
      {ok[0], "X-Issuetrak-API-Timestamp: ", ok[2]},
      {ok[0], "X-Issuetrak-API-Timestamp: 99999-09-10T17:28:08.3227351Z", ok[2]},
      {ok[0], ok[1], "X-Issuetrak-API-Authorization: not base64!!"},
      {ok[0], ok[1], "X-Issuetrak-API-Authorization: "},
      {ok[0], ok[1], "X-Issuetrak-API-Authorization: QUJD"},
      {ok[0], ok[1], "X-Issuetrak-API-Authorization: " + "A".repeat(10_000)},
      {ok[0], ok[1], "X-Issuetrak-API-Authorization: " + "é".repeat(88)},
    };
    for (String[] h : bad) {
      out.add(
          hostile(
              "malformed " + h[0].length() + "/" + h[1].length() + "/" + h[2].length(),
              head(line, List.of(h)),
              none));
    }
    // non-ASCII and control characters in header values and names
    out.add(
        hostile(
            "non-ASCII timestamp",
            head(
                line,
                List.of(ok[0], "X-Issuetrak-API-Timestamp: 2014-09-10T17:28:08.3227351Z✓", ok[2])),
            none));
    out.add(
        hostile(
            "non-ASCII request ID",
            head(
                line,
                List.of(
                    "X-Issuetrak-API-Request-ID: ç3838d04-46f8-43d6-92fd-62b3d0b59f3e",
                    ok[1],
                    ok[2])),
            none));
    out.add(
        hostile(
            "header name with a space",
            head(line, List.of(ok[0], ok[1], ok[2], "Bad Name: x")),
            none));
    out.add(
        hostile(
            "header without a colon", head(line, List.of(ok[0], ok[1], ok[2], "JustAName")), none));
    out.add(
        hostile(
            "header name not ASCII", head(line, List.of(ok[0], ok[1], ok[2], "Ñame: x")), none));
    // oversized and numerous headers
    out.add(
        hostile(
            "one huge header",
            head(line, List.of(ok[0], ok[1], ok[2], "X-Big: " + "x".repeat(64 * 1024))),
            none));
    List<String> many = new ArrayList<>(List.of(ok));
    for (int i = 0; i < 2000; i++) {
      many.add("X-Many-" + i + ": " + i);
    }
    out.add(hostile("2000 headers", head(line, many), none));
    // bodies
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '{', '}'};
    String[] signedPost = signed("POST", "/api/v1/notes", "", notUtf8);
    out.add(
        hostile(
            "body not UTF-8, signed",
            head(
                "POST /api/v1/notes HTTP/1.1",
                List.of(
                    signedPost[0],
                    signedPost[1],
                    signedPost[2],
                    "Content-Length: 5",
                    "Content-Type: application/json")),
            notUtf8));
    byte[] big = new byte[100 * 1024];
    out.add(
        hostile(
            "body over the limit",
            head(
                "POST /api/v1/notes HTTP/1.1",
                List.of(ok[0], ok[1], ok[2], "Content-Length: " + big.length)),
            big));
    out.add(
        hostile(
            "Content-Length over the limit, no body",
            head(
                "POST /api/v1/notes HTTP/1.1",
                List.of(ok[0], ok[1], ok[2], "Content-Length: 999999999")),
            none));
    out.add(
        hostile(
            "truncated body",
            head(
                "POST /api/v1/notes HTTP/1.1", List.of(ok[0], ok[1], ok[2], "Content-Length: 100")),
            "{\"a\":".getBytes(StandardCharsets.UTF_8)));
    out.add(
        hostile(
            "negative Content-Length",
            head("POST /api/v1/notes HTTP/1.1", List.of(ok[0], ok[1], ok[2], "Content-Length: -5")),
            none));
    out.add(
        hostile(
            "two Content-Lengths",
            head(
                "POST /api/v1/notes HTTP/1.1",
                List.of(ok[0], ok[1], ok[2], "Content-Length: 2", "Content-Length: 3")),
            "{}".getBytes(StandardCharsets.UTF_8)));
    byte[] json = "{\"IssueNumber\":1,\"NoteText\":\"x\",}".getBytes(StandardCharsets.UTF_8);
    String[] signedJson = signed("POST", "/api/v1/notes", "", json);
    out.add(
        hostile(
            "malformed JSON, signed",
            head(
                "POST /api/v1/notes HTTP/1.1",
                List.of(
                    signedJson[0], signedJson[1], signedJson[2], "Content-Length: " + json.length)),
            json));
    // request lines that are not HTTP
    out.add(hostile("not HTTP at all", "HELLO\n\n", none));
    out.add(hostile("request line without version", "GET /api/v1/notes/1\nHost: x\n\n", none));
    out.add(hostile("unknown HTTP version", "GET /api/v1/notes/1 HTTP/9.9\nHost: x\n\n", none));
    out.add(hostile("absurd method", head("G@T /api/v1/notes/1 HTTP/1.1", List.of(ok)), none));
    out.add(
        hostile(
            "path with a NUL escape", head("GET /api/v1/notes/%00 HTTP/1.1", List.of(ok)), none));
    out.add(
        hostile("path climbing out", head("GET /../../etc/passwd HTTP/1.1", List.of(ok)), none));
    out.add(
        hostile(
            "malformed escape in path", head("GET /api/v1/notes/%zz HTTP/1.1", List.of(ok)), none));
    out.add(
        hostile(
            "request line of 20 KB",
            head("GET /" + "a".repeat(20_000) + " HTTP/1.1", List.of(ok)),
            none));
    out.add(
        hostile(
            "unknown route, signed",
            head(
                "GET /api/v1/nowhere HTTP/1.1",
                List.of(signed("GET", "/api/v1/nowhere", "", none))),
            none));
    out.add(
        hostile(
            "signed for another path", head("GET /api/v1/notes/2 HTTP/1.1", List.of(ok)), none));
    out.add(
        hostile("method in lower case", head("get /api/v1/notes/1 HTTP/1.1", List.of(ok)), none));
    out.add(
        hostile(
            "query added after signing",
            head("GET /api/v1/notes/1?x=1 HTTP/1.1", List.of(ok)),
            none));
    out.add(
        hostile(
            "stale timestamp",
            head(
                line,
                List.of(ok[0], "X-Issuetrak-API-Timestamp: 2014-09-10T17:00:00.0000000Z", ok[2])),
            none));
    out.add(
        hostile(
            "timestamp far in the future",
            head(
                line,
                List.of(ok[0], "X-Issuetrak-API-Timestamp: 2099-01-01T00:00:00.0000000Z", ok[2])),
            none));
    out.add(
        hostile(
            "lookup id not a number, signed",
            head(
                "GET /api/v1/issuetypes/abc HTTP/1.1",
                List.of(signed("GET", "/api/v1/issuetypes/abc", "", none))),
            none));
    out.add(
        hostile(
            "unknown note, signed",
            head(
                "GET /api/v1/notes/99999 HTTP/1.1",
                List.of(signed("GET", "/api/v1/notes/99999", "", none))),
            none));
    out.add(
        hostile(
            "method not allowed, signed",
            head(
                "DELETE /api/v1/notes/1 HTTP/1.1",
                List.of(signed("DELETE", "/api/v1/notes/1", "", none))),
            none));
    out.add(
        hostile(
            "obsolete line folding",
            head(line, List.of(ok[0], ok[1], ok[2], "X-Folded: a", " continued")),
            none));
    out.add(
        hostile(
            "chunked with a bad chunk",
            head(
                "POST /api/v1/notes HTTP/1.1",
                List.of(ok[0], ok[1], ok[2], "Transfer-Encoding: chunked")),
            "zz\r\nxx\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
    // signed bodies the routes refuse
    for (String[] b :
        new String[][] {
          {
            "POST",
            "/api/v1/notes",
            "{\"IssueNumber\":1,\"IssueNumber\":2,\"NoteText\":\"x\"}",
            "duplicate JSON keys"
          },
          {"POST", "/api/v1/notes", "[1,2,3]", "JSON array for an object"},
          {
            "POST",
            "/api/v1/notes",
            "{\"IssueNumber\":99999,\"NoteText\":\"x\"}",
            "note on an unknown issue"
          },
          {"POST", "/api/v1/notes", "{\"IssueNumber\":1}", "note without text"},
          {
            "PUT",
            "/api/v1/issues",
            "{\"IssueNumber\":1,\"Subject\":\"x\",\"Metadata\":{}}",
            "update with a read-only field"
          },
        }) {
      byte[] bytes = b[2].getBytes(StandardCharsets.UTF_8);
      List<String> h = new ArrayList<>(List.of(signed(b[0], b[1], "", bytes)));
      h.add("Content-Length: " + bytes.length);
      out.add(hostile(b[3] + ", signed", head(b[0] + " " + b[1] + " HTTP/1.1", h), bytes));
    }
    out.add(
        hostile(
            "signature with a space inside",
            head(line, List.of(ok[0], ok[1], ok[2].substring(0, 50) + " " + ok[2].substring(50))),
            none));
    out.add(
        hostile(
            "request ID of 100 KB",
            head(line, List.of("X-Issuetrak-API-Request-ID: " + "a".repeat(100_000), ok[1], ok[2])),
            none));
    out.add(
        hostile(
            "no Host header",
            "GET /api/v1/notes/1 HTTP/1.1\n" + String.join("\n", ok) + "\nConnection: close\n\n",
            none));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void clear4xxWithACode_andTheStubKeepsServing(String name, String head, byte[] body)
      throws Exception {
    RawHttp.Answer a = RawHttp.send(stub.stub().port(), head, body);

    assertThat(a.status()).as("%s: %s %s", name, a.head(), a.body()).isBetween(400, 499);
    JsonNode error = JSON.readTree(a.body().isEmpty() ? "{}" : a.body());
    assertThat(error.path("error").asText())
        .as("%s: error code in %s", name, a.body())
        .matches("[a-z]+(-[a-z]+)*");

    String[] fresh = signed("GET", "/api/v1/notes/1", "", new byte[0]);
    RawHttp.Answer after =
        RawHttp.send(stub.stub().port(), head("GET /api/v1/notes/1 HTTP/1.1", List.of(fresh)));
    assertThat(after.status()).as("still serving after %s: %s", name, after.body()).isEqualTo(200);
  }
}
