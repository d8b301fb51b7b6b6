package dev.itk.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP server on 127.0.0.1 (never any other address) that records every request and answers
 * with scripted responses, in order; unscripted requests get 500. A test gets one by declaring a
 * parameter of this type under {@link CapturingServerExtension}.
 */
final class CapturingServer implements AutoCloseable {
  /** A request as received: raw request-line parts, headers (names lowercased), body bytes. */
  record Recorded(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : String.join(",", values);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private record Scripted(int status, String body, Duration delay) {}

  private final HttpServer server;
  private final BlockingQueue<Recorded> recorded = new LinkedBlockingQueue<>();
  private final BlockingQueue<Scripted> script = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  CapturingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of {@code path} on this server, e.g. {@code http://127.0.0.1:54321/api/v1}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  CapturingServer answer(int status, String body) {
    script.add(new Scripted(status, body, Duration.ZERO));
    return this;
  }

  CapturingServer answerSlowly(Duration delay, int status, String body) {
    script.add(new Scripted(status, body, delay));
    return this;
  }

  Recorded take() throws InterruptedException {
    Recorded r = recorded.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the server received no request within 10 s");
    }
    return r;
  }

  int pending() {
    return recorded.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    recorded.add(
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(headers),
            body));
    Scripted s = script.poll();
    if (s == null) {
      s = new Scripted(500, "{\"error\":\"unscripted\"}", Duration.ZERO);
    }
    try {
      Thread.sleep(s.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = s.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    try {
      exchange.sendResponseHeaders(s.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    } catch (IOException e) {
      // The client gave up (timeout test); nothing to answer.
    } finally {
      exchange.close();
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
  }
}
