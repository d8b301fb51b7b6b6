package dev.itk.diagnose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * An immutable sequence of bytes, as Okio's {@code ByteString}: a {@link Recipe}'s body or key,
 * shared by the recipes that do not change it, so that a 9 MiB body is not copied for each variant
 * of the path. {@link #of} copies in, {@link #toByteArray} copies out, and every operation returns
 * a new value.
 *
 * <p>{@code toString} gives the length only, e.g. {@code [12 bytes]}: a recipe's key is a secret.
 */
final class ByteString {
  static final ByteString EMPTY = new ByteString(new byte[0]);

  /** Never changed, and never handed to code that could change it. */
  private final byte[] bytes;

  private ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  static ByteString of(byte[] bytes) {
    return new ByteString(bytes.clone());
  }

  /** The UTF-8 encoding of {@code text}, e.g. {@code utf8("GET")} is 3 bytes. */
  static ByteString utf8(String text) {
    return new ByteString(text.getBytes(StandardCharsets.UTF_8));
  }

  int length() {
    return bytes.length;
  }

  boolean isEmpty() {
    return bytes.length == 0;
  }

  /** A copy of the bytes. */
  byte[] toByteArray() {
    return bytes.clone();
  }

  /** The bytes decoded, e.g. {@code string(ISO_8859_1)} for a body sent as Latin-1. */
  String string(Charset charset) {
    return new String(bytes, charset);
  }

  /** Whether a byte is 0x80 or above: the bytes are not ASCII. */
  boolean hasHighByte() {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  boolean contains(ByteString what) {
    return indexOf(what, 0) >= 0;
  }

  boolean startsWith(ByteString prefix) {
    return bytes.length >= prefix.bytes.length
        && java.util.Arrays.equals(
            bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
  }

  boolean endsWith(ByteString suffix) {
    int from = bytes.length - suffix.bytes.length;
    return from >= 0 && indexOf(suffix, from) == from;
  }

  /** The bytes from {@code begin} (inclusive) to {@code end} (exclusive). */
  ByteString substring(int begin, int end) {
    return new ByteString(Arrays.copyOfRange(bytes, begin, end));
  }

  /** These bytes, then {@code other}'s. */
  ByteString concat(ByteString other) {
    byte[] out = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
    System.arraycopy(other.bytes, 0, out, bytes.length, other.bytes.length);
    return new ByteString(out);
  }

  /** Every {@code what} replaced with {@code with}, left to right, as {@link String#replace}. */
  ByteString replace(ByteString what, ByteString with) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 8);
    int from = 0;
    for (int i = indexOf(what, 0); i >= 0; i = indexOf(what, from)) {
      out.write(bytes, from, i - from);
      out.write(with.bytes, 0, with.bytes.length);
      from = i + what.bytes.length;
    }
    out.write(bytes, from, bytes.length - from);
    return new ByteString(out.toByteArray());
  }

  /** Feeds the bytes to {@code mac}, without copying them. */
  void update(Mac mac) {
    mac.update(bytes);
  }

  private int indexOf(ByteString what, int from) {
    byte[] w = what.bytes;
    outer:
    for (int i = from; i + w.length <= bytes.length; i++) {
      for (int k = 0; k < w.length; k++) {
        if (bytes[i + k] != w[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Equal bytes, compared in constant time (a key is a secret). */
  @Override
  public boolean equals(Object other) {
    return other instanceof ByteString b && MessageDigest.isEqual(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "[" + bytes.length + " bytes]";
  }
}
