package dev.itk.stub.internal;

import dev.itk.signing.ApiKey;
import dev.itk.signing.QueryForm;
import dev.itk.stub.RecordedRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a stub is configured with; made by {@code IssuetrakStub.Builder}.
 *
 * @param port the port to listen on; 0 picks a free one
 * @param bindAddress the address to listen on; {@link BindAddress#LOOPBACK} unless the stub must be
 *     reached from another machine or container
 * @param keys the accepted API keys, at least one
 * @param window the clock-skew window
 * @param replayCheck whether a request ID is refused the second time
 * @param replayCapacity how many request IDs the replay check remembers within the window at most
 * @param queryForm how the raw query becomes the signed query field
 * @param maxBodyBytes the largest body read; a larger one gets 413
 * @param strictForms whether the verifier accepts only canonical request IDs and timestamps
 * @param verifySignatures whether signatures are checked at all (off only to measure their cost)
 * @param baseClock the clock the stub's clock starts from
 * @param listener called with each record as it is made (on the server's thread)
 * @param adminToken the token the admin routes that change something require
 * @param recordLimits how much of the record is kept in memory
 * @param recordFile where the record is streamed as JSON Lines, or null
 * @param diagnosis whether a refused request's 401 names its likely causes
 * @param maxConcurrentDiagnoses how many refused requests are diagnosed at once, at most
 * @param dataLimits how many issues and notes clients may create, and how much memory they may
 *     hold, before the oldest are dropped
 */
public record StubSettings(
    int port,
    BindAddress bindAddress,
    List<ApiKey> keys,
    Duration window,
    boolean replayCheck,
    int replayCapacity,
    QueryForm queryForm,
    int maxBodyBytes,
    boolean strictForms,
    boolean verifySignatures,
    Clock baseClock,
    Consumer<RecordedRequest> listener,
    String adminToken,
    RequestLog.RecordLimits recordLimits,
    Path recordFile,
    boolean diagnosis,
    int maxConcurrentDiagnoses,
    IssuetrakData.DataLimits dataLimits) {
  /** The shortest admin token accepted. */
  public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

  public StubSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535; got " + port);
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the stub needs at least one API key to accept");
    }
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must be zero or positive; got " + window);
    }
    if (replayCapacity < 1) {
      throw new IllegalArgumentException(
          "replayCapacity must be at least 1; got " + replayCapacity);
    }
    Objects.requireNonNull(queryForm, "queryForm");
    if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be 0 to " + (Integer.MAX_VALUE - 1) + "; got " + maxBodyBytes);
    }
    Objects.requireNonNull(baseClock, "baseClock");
    Objects.requireNonNull(listener, "listener");
    checkAdminToken(adminToken);
    Objects.requireNonNull(recordLimits, "recordLimits");
    Objects.requireNonNull(dataLimits, "dataLimits");
    if (maxConcurrentDiagnoses < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentDiagnoses must be at least 1; got " + maxConcurrentDiagnoses);
    }
  }

  /** A fresh random admin token: 32 hex digits from {@link SecureRandom}. */
  public static String randomAdminToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Checks an admin token: {@value #MIN_ADMIN_TOKEN_LENGTH} to 256 visible ASCII characters (it
   * travels in a header). The message never shows the token.
   */
  public static void checkAdminToken(String token) {
    Objects.requireNonNull(token, "adminToken");
    if (token.length() < MIN_ADMIN_TOKEN_LENGTH || token.length() > 256) {
      throw new IllegalArgumentException(
          "the admin token must be "
              + MIN_ADMIN_TOKEN_LENGTH
              + " to 256 characters long; got "
              + token.length());
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "the admin token must be visible ASCII (no spaces or control characters); character "
                + (i + 1)
                + " is U+"
                + String.format("%04X", (int) c));
      }
    }
  }
}
