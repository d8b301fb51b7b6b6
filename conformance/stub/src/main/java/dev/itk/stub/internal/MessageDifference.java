package dev.itk.stub.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.itk.signing.MessageRendering;

/**
 * Where the message the client signed differs from the server's: the common first and last bytes
 * are the same, the bytes between differ. Each side is a list of segments {@code {"text": rendered,
 * "differs": bool}}, e.g. the server's {@code GET\n...\n/api/v1/issues} against the client's {@code
 * GET\n...\n/api/v1/Issues} marks {@code i} and {@code I}.
 *
 * @param server the server's message in segments
 * @param client the client's message in segments
 */
record MessageDifference(ArrayNode server, ArrayNode client) {
  private static final String CUT = " more bytes of the message)";

  /**
   * The difference of two rendered messages; null when either is missing or cut short (a rendering
   * of the first bytes only cannot be compared to the end).
   */
  static MessageDifference of(String serverRendered, String clientRendered) {
    if (serverRendered == null || clientRendered == null) {
      return null;
    }
    if (serverRendered.endsWith(CUT) || clientRendered.endsWith(CUT)) {
      return null;
    }
    byte[] a;
    byte[] b;
    try {
      a = MessageRendering.readBack(serverRendered);
      b = MessageRendering.readBack(clientRendered);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int prefix = 0;
    int max = Math.min(a.length, b.length);
    while (prefix < max && a[prefix] == b[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
      suffix++;
    }
    return new MessageDifference(segments(a, prefix, suffix), segments(b, prefix, suffix));
  }

  private static ArrayNode segments(byte[] bytes, int prefix, int suffix) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    add(out, bytes, 0, prefix, false);
    add(out, bytes, prefix, bytes.length - suffix, true);
    add(out, bytes, bytes.length - suffix, bytes.length, false);
    return out;
  }

  private static void add(ArrayNode out, byte[] bytes, int from, int to, boolean differs) {
    if (from < to) {
      out.addObject().put("text", MessageRendering.render(bytes, from, to)).put("differs", differs);
    }
  }
}
