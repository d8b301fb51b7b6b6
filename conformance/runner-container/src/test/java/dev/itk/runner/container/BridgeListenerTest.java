package dev.itk.runner.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container bridge's token check, on a real loopback socket and without a container engine.
 * Every client connects (the backlog holds it) and writes before {@link BridgeListener#accept}
 * runs, so the order in which the listener sees them is the order they connected in. The timeouts
 * are hang guards only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BridgeListenerTest {
  /** A connection that sends nothing is dropped after this; long enough for any that do send. */
  private static final Duration PER_CONNECTION = Duration.ofMillis(500);

  /** The listener's deadline where a test expects it to succeed. */
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private final String token = BridgeListener.newToken();
  private final List<Socket> clients = new ArrayList<>();
  private ServerSocket server;
  private BridgeListener listener;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    listener = new BridgeListener(server, token, PER_CONNECTION);
  }

  @AfterEach
  void closeAll() throws IOException {
    for (Socket c : clients) {
      c.close();
    }
    server.close();
  }

  private Socket connect(String firstBytes) throws IOException {
    Socket c = new Socket(server.getInetAddress(), server.getLocalPort());
    clients.add(c);
    if (!firstBytes.isEmpty()) {
      OutputStream out = c.getOutputStream();
      out.write(firstBytes.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return c;
  }

  /** What the harness side of an accepted socket reads next, up to a newline. */
  private static String nextLine(Socket s) throws IOException {
    // the hang guard where the listener read too much
    s.setSoTimeout((int) GENEROUS.toMillis());
    StringBuilder line = new StringBuilder();
    InputStream in = s.getInputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.append((char) b);
    }
    return line.toString();
  }

  /** The listener closed this client's connection: its read ends (end of stream or a reset). */
  private static void assertClosedByListener(Socket client) throws IOException {
    client.setSoTimeout((int) GENEROUS.toMillis());
    try {
      assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
    } catch (SocketException reset) {
      // the listener closed with the client's bytes unread, so the kernel answered with a reset
      assertThat(reset).hasMessageContaining("Connection reset");
    }
  }

  @Test
  void newToken_is64LowercaseHexDigits_andFreshEachTime() {
    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(BridgeListener.newToken()).isNotEqualTo(token);
  }

  @Test
  void accept_theContainerAlone_isAccepted_withNothingReadPastTheToken_andNoReadTimeout()
      throws IOException {
    Socket container = connect(token + "\n{\"seq\": 0}\n");

    try (Socket accepted = listener.accept(GENEROUS)) {
      assertThat(accepted.getPort()).isEqualTo(container.getLocalPort());
      assertThat(accepted.getSoTimeout()).isZero();
      assertThat(nextLine(accepted)).isEqualTo("{\"seq\": 0}");
    }
    assertThat(listener.refusedCount()).isZero();
    assertThat(listener.refusals()).isEmpty();
  }

  @ParameterizedTest(name = "first line {0}")
  @ValueSource(
      strings = {
        "empty",
        "not-hex",
        "upper-case",
        "prefix",
        "token-plus-space",
        "token-crlf",
        "another-token"
      })
  void accept_anImpostorWithAWrongFirstLine_isClosed_andTheContainerAfterItAccepted(String kind)
      throws IOException {
    String wrong =
        switch (kind) {
          case "empty" -> "";
          case "not-hex" -> "let me in";
          case "upper-case" -> token.toUpperCase(java.util.Locale.ROOT);
          case "prefix" -> token.substring(0, 63);
          case "token-plus-space" -> token + " ";
          case "token-crlf" -> token + "\r";
          case "another-token" -> BridgeListener.newToken();
          default -> throw new IllegalArgumentException(kind);
        };
    Socket impostor = connect(wrong + "\n");
    Socket container = connect(token + "\n");

    try (Socket accepted = listener.accept(GENEROUS)) {
      assertThat(accepted.getPort())
          .as("the container's connection")
          .isEqualTo(container.getLocalPort());
    }
    assertClosedByListener(impostor);
    assertThat(listener.refusals())
        .isEqualTo(
            "1 connection to the bridge came without the container's token and was closed"
                + " (1 sent a wrong token)");
  }

  @Test
  void accept_anImpostorThatSendsNothing_isDroppedAfterItsAllowance_andTheContainerAccepted()
      throws IOException {
    Socket silent = connect("");
    Socket container = connect(token + "\n");

    try (Socket accepted = listener.accept(GENEROUS)) {
      assertThat(accepted.getPort()).isEqualTo(container.getLocalPort());
    }
    assertClosedByListener(silent);
    assertThat(listener.refusals())
        .isEqualTo(
            "1 connection to the bridge came without the container's token and was closed"
                + " (1 sent no line within 500 ms)");
  }

  @Test
  void accept_anOverLongFirstLine_isRefused_withoutReadingItAll() throws IOException {
    // the token, but not as a line of its own: no newline within MAX_LINE bytes
    Socket flood = connect(token + "a".repeat(10_000) + "\n");
    Socket container = connect(token + "\n");

    try (Socket accepted = listener.accept(GENEROUS)) {
      assertThat(accepted.getPort()).isEqualTo(container.getLocalPort());
    }
    assertClosedByListener(flood);
    assertThat(listener.refusals())
        .isEqualTo(
            "1 connection to the bridge came without the container's token and was closed"
                + " (1 sent a first line longer than 128 bytes)");
  }

  @Test
  void accept_aConnectionClosedBeforeAnyLine_isCounted_andTheContainerAccepted()
      throws IOException {
    connect("").close();
    connect(token.substring(0, 10)).close();
    Socket container = connect(token + "\n");

    try (Socket accepted = listener.accept(GENEROUS)) {
      assertThat(accepted.getPort()).isEqualTo(container.getLocalPort());
    }
    assertThat(listener.refusals())
        .isEqualTo(
            "2 connections to the bridge came without the container's token and were closed"
                + " (2 closed before sending a line)");
  }

  @Test
  void accept_onlyImpostors_timesOut_andSaysHowManyCameWithoutTheToken_neverTheToken()
      throws IOException {
    Socket wrong = connect(BridgeListener.newToken() + "\n");
    Socket silent = connect("");
    Socket flood = connect("x".repeat(1000));

    assertThatThrownBy(() -> listener.accept(Duration.ofSeconds(3)))
        .isInstanceOf(SocketTimeoutException.class)
        .extracting(Throwable::getMessage)
        .asString()
        .doesNotContain(token);
    assertClosedByListener(wrong);
    assertClosedByListener(silent);
    assertClosedByListener(flood);
    String refusals = listener.refusals();
    assertThat(refusals)
        .isEqualTo(
            "3 connections to the bridge came without the container's token and were closed"
                + " (1 sent a wrong token, 1 sent no line within 500 ms,"
                + " 1 sent a first line longer than 128 bytes)")
        .doesNotContain(token);
    assertThat(listener.toString()).doesNotContain(token);
  }
}
