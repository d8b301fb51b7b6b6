package dev.itk.diagnose;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The bodies a client signed when it sent its body in another encoding or compressed: e.g. the
 * UTF-8 of a body sent as UTF-16LE (body-utf16), or the plain text of a body sent gzip-compressed
 * (body-gzip). Rule: docs/debugging.md#the-catalogue.
 */
final class BodyEncodings {
  static final ByteString UTF8_BOM =
      ByteString.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
  static final ByteString GZIP_MAGIC = ByteString.of(new byte[] {0x1F, (byte) 0x8B});

  /** The most bytes a gzip body is inflated to: a bomb stops there, and is not a variant. */
  static final int GZIP_MAX_INFLATED = 8 * 1024 * 1024;

  private static final ByteString BOM_LE = ByteString.of(new byte[] {(byte) 0xFF, (byte) 0xFE});
  private static final ByteString BOM_BE = ByteString.of(new byte[] {(byte) 0xFE, (byte) 0xFF});

  private BodyEncodings() {}

  /**
   * What a client signed for {@code body} with another Unicode encoding, in this order: sent as
   * UTF-16 (a byte order mark says which; without one LE, then BE, only when the body has a NUL
   * byte, which UTF-8 text never has) and signed as UTF-8; sent as UTF-8 and signed as UTF-16LE,
   * then UTF-16BE, without a mark. Each strict, none equal to {@code body}.
   */
  static List<ByteString> utf16Forms(ByteString body) {
    Set<ByteString> out = new LinkedHashSet<>();
    byte[] b = body.toByteArray();
    if (b.length > 0 && b.length % 2 == 0) {
      if (body.startsWith(BOM_LE) || body.startsWith(BOM_BE)) {
        String text =
            decode(
                java.util.Arrays.copyOfRange(b, 2, b.length),
                body.startsWith(BOM_LE) ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        if (text != null) {
          out.add(ByteString.utf8(text));
        }
      } else if (hasNul(b)) {
        for (Charset c : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
          String text = decode(b, c);
          if (text != null) {
            out.add(ByteString.utf8(text));
          }
        }
      }
    }
    String text = b.length == 0 ? null : decode(b, StandardCharsets.UTF_8);
    if (text != null) {
      out.add(ByteString.of(text.getBytes(StandardCharsets.UTF_16LE)));
      out.add(ByteString.of(text.getBytes(StandardCharsets.UTF_16BE)));
    }
    out.remove(body);
    return new ArrayList<>(out);
  }

  /**
   * {@code body} inflated when it is gzip that inflates to at most {@link #GZIP_MAX_INFLATED}
   * bytes; null otherwise. (Members after the first are inflated too, as GZIPInputStream does; the
   * generator's cases have one.)
   */
  static ByteString gunzipped(ByteString body) {
    if (!body.startsWith(GZIP_MAGIC)) {
      return null;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body.toByteArray()))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > GZIP_MAX_INFLATED) {
          return null;
        }
      }
      return ByteString.of(out.toByteArray());
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean hasNul(byte[] b) {
    for (byte x : b) {
      if (x == 0) {
        return true;
      }
    }
    return false;
  }

  private static String decode(byte[] b, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
