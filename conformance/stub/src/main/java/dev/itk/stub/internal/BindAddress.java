package dev.itk.stub.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The address the stub listens on: an IP address literal, never a host name, so reading one never
 * asks DNS. A string like {@code 127.0.0.1} (the default), {@code 0.0.0.0} or {@code ::1}.
 *
 * @param text the literal as given
 * @param address what it parses to
 */
public record BindAddress(String text, InetAddress address) {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  /** The default: the loopback address, never reachable from another machine. */
  public static final BindAddress LOOPBACK = of("127.0.0.1"); // after the patterns it needs

  public BindAddress {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(address, "address");
  }

  /**
   * Reads an IP address literal: IPv4 in dotted decimal ({@code 0.0.0.0}) or IPv6 without brackets
   * or zone ({@code ::}, {@code ::1}).
   *
   * @throws IllegalArgumentException naming the value when it is not such a literal
   */
  public static BindAddress of(String text) {
    Objects.requireNonNull(text, "bind address");
    if (!IPV4.matcher(text).matches() && !isIpv6Literal(text)) {
      throw new IllegalArgumentException(
          "the bind address must be an IP address literal such as 127.0.0.1, 0.0.0.0 or ::1 (no"
              + " host name, brackets or zone); got \""
              + printable(text)
              + "\"");
    }
    try {
      // A checked literal: getByName parses it and never asks DNS.
      return new BindAddress(text, InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "the bind address \"" + printable(text) + "\" is not an IP address: " + e.getMessage(),
          e);
    }
  }

  /** Whether only this machine can reach it ({@code 127.0.0.0/8}, {@code ::1}). */
  public boolean isLoopback() {
    return address.isLoopbackAddress();
  }

  /**
   * The host for the stub's own URLs: {@code 127.0.0.1} when it listens on every interface ({@code
   * 0.0.0.0}, {@code ::}), brackets around IPv6 ({@code [::1]}), else the address.
   */
  public String urlHost() {
    if (address.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    // By the text: Java reads an IPv4-mapped IPv6 literal (::ffff:127.0.0.1) as IPv4.
    return text.contains(":") ? "[" + text + "]" : text;
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * RFC 4291 section 2.2 text forms: eight groups of 1 to 4 hex digits, one {@code ::} standing for
   * one or more zero groups, the last two groups optionally as dotted IPv4.
   */
  private static boolean isIpv6Literal(String text) {
    if (!text.contains(":") || text.indexOf("::") != text.lastIndexOf("::")) {
      return false;
    }
    boolean compressed = text.contains("::");
    int groups = 0;
    String[] halves = compressed ? text.split("::", -1) : new String[] {text};
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        boolean lastOfAll = h == halves.length - 1 && i == parts.length - 1;
        if (lastOfAll && IPV4.matcher(parts[i]).matches()) {
          groups += 2;
        } else if (IPV6_GROUP.matcher(parts[i]).matches()) {
          groups += 1;
        } else {
          return false;
        }
      }
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  /** The value for an error message: at most 64 characters, control characters escaped. */
  private static String printable(String text) {
    int shown = Math.min(text.length(), 64);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return shown < text.length() ? b + "..." : b.toString();
  }
}
