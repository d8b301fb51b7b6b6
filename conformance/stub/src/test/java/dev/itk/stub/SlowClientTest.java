package dev.itk.stub;

import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send their body slowly or not at all: with WireMock's defaults (25 threads, no
 * minimum data rate) about 20 of them stopped the stub from serving anyone. Each now gets 408 once
 * it stalls for the request I/O timeout or falls below the minimum rate, and a valid request is
 * served meanwhile.
 */
class SlowClientTest {
  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(StubClient.CLOCK)).build();

  /** Opens a connection and sends a head declaring {@code declared} body bytes, and one byte. */
  private static Socket stall(int declared) throws IOException {
    Socket s = new Socket("127.0.0.1", stub.stub().port());
    s.setSoTimeout(30_000);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /api/v1/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + declared
                + "\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  /** The status line and body of the answer on {@code s}, read until the stub closes it. */
  private static String answer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
        if (all.toString(StandardCharsets.UTF_8).contains("}")
            && all.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      return "no answer within 30 s: " + all.toString(StandardCharsets.UTF_8);
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(120)
  void stalledBodies_get408_andAValidRequestIsServedMeanwhile() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 60; i++) {
        stalled.add(stall(1_000_000));
      }
      Thread.sleep(500); // every one of them is now waiting in a request thread

      StubClient.Reply served = new StubClient(stub.stub()).send("GET", "/api/v1/notes/1");

      assertThat(served.status()).isEqualTo(200);
      for (Socket s : stalled) {
        String a = answer(s);
        assertThat(a).startsWith("HTTP/1.1 408 ").contains("\"error\":\"request-timeout\"");
      }
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
    assertThat(stub.stub().requests())
        .filteredOn(r -> r.status() == 408)
        .hasSize(60)
        .allSatisfy(r -> assertThat(r.body()).containsExactly('{'));
  }

  @Test
  @Timeout(60)
  void aBodyTricklingInBelowTheMinimumRate_gets408() throws Exception {
    try (Socket s = stall(1_000_000)) {
      OutputStream out = s.getOutputStream();
      String result = null;
      // a byte every 1.5 s: never idle for the 5 s timeout, far below 64 KiB/s
      for (int i = 0; i < 20 && result == null; i++) {
        Thread.sleep(1500);
        try {
          out.write('1');
          out.flush();
        } catch (IOException closed) {
          result = answer(s);
        }
        if (result == null && s.getInputStream().available() > 0) {
          result = answer(s);
        }
      }

      assertThat(result).isNotNull().startsWith("HTTP/1.1 408 ").contains("64 KiB/s");
    }
  }
}
