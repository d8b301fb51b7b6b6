package dev.itk.runner.container;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Accepts the one connection to the container bridge that proves it comes from the container: its
 * first line must be the container's one-time token (64 hex digits, given to the container in
 * {@link #TOKEN_VARIABLE}). Any other connection to the loopback port (a local process that got
 * there first, with no line, a wrong one, or an over-long one) is closed, and accepting goes on
 * until the token arrives or the deadline passes. The token never appears in a message or in {@code
 * toString()}. See docs/containers.md ("What happens", step 3).
 */
final class BridgeListener {
  /** The container's environment variable that carries the token (not its command line). */
  static final String TOKEN_VARIABLE = "ITK_BRIDGE_TOKEN";

  /** The longest first line read, newline included; a token line is 65 bytes. */
  static final int MAX_LINE = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Why a connection was closed. */
  enum Refusal {
    WRONG_TOKEN,
    NO_LINE,
    TOO_LONG,
    CLOSED
  }

  private final ServerSocket server;
  private final byte[] expected;
  private final Duration perConnection;
  private final Map<Refusal, Integer> refused = new EnumMap<>(Refusal.class);

  /**
   * @param server bound, with a backlog larger than 1 so that a connection held open by another
   *     process does not keep the container's from being queued
   * @param token what {@link #newToken()} made for this container
   * @param perConnection how long one connection has to send its first line
   */
  BridgeListener(ServerSocket server, String token, Duration perConnection) {
    this.server = server;
    this.expected = (token + "\n").getBytes(StandardCharsets.US_ASCII);
    this.perConnection = perConnection;
  }

  /** A fresh random token: 32 bytes from {@link SecureRandom} as 64 lowercase hex digits. */
  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Returns the first connection whose first line is the token, with no read timeout and nothing
   * read past that line. Every other connection is closed and counted in {@link #refusals()}.
   *
   * @throws SocketTimeoutException if no connection brought the token within {@code within}
   */
  Socket accept(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("no connection brought the token");
      }
      server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
      Socket s = server.accept();
      Refusal why;
      try {
        // the read may outlast the deadline by one connection's allowance at most
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, perConnection.toMillis()));
        why = check(s.getInputStream());
      } catch (SocketTimeoutException e) {
        why = Refusal.NO_LINE;
      } catch (IOException e) {
        why = Refusal.CLOSED;
      }
      if (why == null) {
        s.setSoTimeout(0);
        return s;
      }
      refused.merge(why, 1, Integer::sum);
      s.close();
    }
  }

  /** Reads the first line byte by byte (nothing past it); null when it is the token. */
  private Refusal check(InputStream in) throws IOException {
    byte[] line = new byte[MAX_LINE];
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return Refusal.CLOSED;
      }
      if (n == MAX_LINE) {
        return Refusal.TOO_LONG;
      }
      line[n++] = (byte) b;
      if (b == '\n') {
        byte[] got = Arrays.copyOf(line, n);
        return MessageDigest.isEqual(got, expected) ? null : Refusal.WRONG_TOKEN;
      }
    }
  }

  /** How many connections were closed so far. */
  int refusedCount() {
    return refused.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The closed connections in words, e.g. {@code "2 connections to the bridge came without the
   * container's token and were closed (1 sent a wrong token, 1 sent no line within 5000 ms)"};
   * empty when there were none.
   */
  String refusals() {
    int count = refusedCount();
    if (count == 0) {
      return "";
    }
    StringJoiner reasons = new StringJoiner(", ", " (", ")");
    refused.forEach((why, n) -> reasons.add(n + " " + words(why)));
    return count
        + (count == 1 ? " connection" : " connections")
        + " to the bridge came without the container's token and "
        + (count == 1 ? "was" : "were")
        + " closed"
        + reasons;
  }

  private String words(Refusal why) {
    return switch (why) {
      case WRONG_TOKEN -> "sent a wrong token";
      case NO_LINE -> "sent no line within " + perConnection.toMillis() + " ms";
      case TOO_LONG -> "sent a first line longer than " + MAX_LINE + " bytes";
      case CLOSED -> "closed before sending a line";
    };
  }

  @Override
  public String toString() {
    return "BridgeListener[port " + server.getLocalPort() + ", " + refusedCount() + " refused]";
  }
}
