package dev.itk.stub.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.stub.RecordCounts;
import dev.itk.stub.RecordedRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The record as a file written while the stub runs ({@code itk stub --record FILE}): JSON Lines,
 * one object per line, each flushed as it is written, so a stub that is killed loses at most the
 * request it was recording. The first line names the format, each request is a line in the shape of
 * a record entry, and a clean stop adds a last line with the counts ({@code
 * docs/stub.md#the-record-file}). Not thread-safe: {@link RequestLog} writes under its lock.
 */
public final class RecordFile implements AutoCloseable {
  /** The first line's {@code format}; the request lines are {@value RequestLog#FORMAT} entries. */
  public static final String FORMAT = "itk-stub-record-lines/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final OutputStream out;
  private IOException failure;
  private long written;
  private boolean closed;

  private RecordFile(Path path, OutputStream out) {
    this.path = path;
    this.out = out;
  }

  /**
   * Creates (or truncates, unless {@code append}) {@code path} and writes the format line; a stub
   * started again after a stop appends a new run, format line first.
   */
  static RecordFile create(Path path, boolean append) throws IOException {
    OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(
                path,
                StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            64 * 1024);
    RecordFile file = new RecordFile(path, out);
    ObjectNode head = JSON.createObjectNode();
    head.put("format", FORMAT);
    head.put("requestFormat", RequestLog.FORMAT);
    file.line(head);
    return file;
  }

  public Path path() {
    return path;
  }

  /** How many requests were written. */
  public long written() {
    return written;
  }

  /** The first write error, if any: after one, nothing more is written. */
  public IOException failure() {
    return failure;
  }

  void append(RecordedRequest r) {
    if (line(RequestLog.toJson(r))) {
      written++;
    }
  }

  /** Writes the last line, with {@code counts}, and closes the file. */
  void close(RecordCounts counts) {
    ObjectNode end = JSON.createObjectNode();
    ObjectNode c = end.putObject("end");
    c.put("written", written);
    c.put("kept", counts.kept());
    c.put("dropped", counts.dropped());
    c.put("total", counts.total());
    line(end);
    close();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
  }

  private boolean line(ObjectNode node) {
    if (failure != null || closed) {
      return false;
    }
    try {
      out.write(JSON.writeValueAsBytes(node));
      out.write('\n');
      out.flush();
      return true;
    } catch (IOException e) {
      failure = e;
      return false;
    }
  }
}
