package dev.itk.stub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends exact bytes to the stub over a plain socket: for what no HTTP client sends (a lowercase
 * header name, headers in a chosen order, raw non-ASCII in the path, garbage).
 */
public final class RawHttp {
  private RawHttp() {}

  /** The status and body of one answer. */
  public record Answer(int status, String head, String body) {}

  /** Sends {@code head} (CRLF line ends are added) and {@code body}, reads the whole answer. */
  public static Answer send(int port, String head, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String answerHead = split < 0 ? text : text.substring(0, split);
      String answerBody = split < 0 ? "" : text.substring(split + 4);
      int status = Integer.parseInt(answerHead.substring(9, 12));
      return new Answer(status, answerHead, answerBody);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Answer send(int port, String head) {
    return send(port, head, new byte[0]);
  }
}
