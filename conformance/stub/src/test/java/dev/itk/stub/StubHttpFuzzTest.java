package dev.itk.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.itk.diagnose.FuzzBudget;
import dev.itk.signing.ApiKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes sent to the stub as a request, the connection then half-closed: the stub answers with a
 * status below 500 (or closes a request it could not read whole), never hangs, and answers the next
 * one (seeds: this class's Inputs folder, requests from the hostile-input cases).
 */
class StubHttpFuzzTest {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3}) ");
  private static IssuetrakStub stub;
  private static int runs;

  @BeforeAll
  static void start() {
    stub = IssuetrakStub.builder().key(ApiKey.of("fuzz-key")).maxBodyBytes(64 * 1024).build();
    stub.start();
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void anyBytes_getA4xxOrClose_neverA5xx(byte[] input) throws IOException {
    // The test's own connections to the stub, not a request forgery by the code under test.
    try (SilentCloseable allowed =
        BugDetectors.allowNetworkConnections(
            (host, port) ->
                port == stub.port() && (host.equals("localhost") || host.equals("127.0.0.1")))) {
      String answer = exchange(input);
      Matcher m = STATUS.matcher(answer);
      if (m.find()) {
        assertThat(Integer.parseInt(m.group(1)))
            .as(
                "status for %s",
                StubClient.JSON.writeValueAsString(new String(input, StandardCharsets.ISO_8859_1)))
            .isLessThan(500);
      } else {
        assertThat(answer).as("an answer that is not HTTP").isEmpty();
      }
      if (++runs % 64 == 0) {
        byte[] health =
            "GET /__itk/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(exchange(health)).as("the stub still serves").startsWith("HTTP/1.1 200 ");
      }
    }
  }

  private static String exchange(byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), stub.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0 && answer.size() < 1 << 20; ) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the stub did not answer or close within 10 s", e);
      } catch (IOException e) {
        // reset by the server after its answer: what was read is the answer
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
