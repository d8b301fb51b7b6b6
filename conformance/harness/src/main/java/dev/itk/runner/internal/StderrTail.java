package dev.itk.runner.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains a stream on a daemon thread, keeping its last bytes for reports. */
public final class StderrTail {
  private static final int KEEP = 64 * 1024;
  private final byte[] ring = new byte[KEEP];
  private long written;
  private Thread thread;

  /** An empty tail that {@link #append(String)} fills (a container's log frames). */
  public static StderrTail collecting() {
    return new StderrTail();
  }

  /** Appends text (UTF-8). */
  public void append(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    append(bytes, bytes.length);
  }

  /** Starts draining {@code in}; the thread ends at end of stream. */
  public static StderrTail drain(InputStream in, String threadName) {
    StderrTail tail = new StderrTail();
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  tail.append(buffer, n);
                }
              } catch (IOException ignored) {
                // the process ended; what was read is kept
              }
            },
            threadName);
    t.setDaemon(true);
    tail.thread = t;
    t.start();
    return tail;
  }

  /** Waits up to {@code millis} for the end of the stream (the writer exited and was read). */
  public void awaitEnd(long millis) throws InterruptedException {
    if (thread != null) {
      thread.join(millis);
    }
  }

  private synchronized void append(byte[] bytes, int n) {
    for (int i = 0; i < n; i++) {
      ring[(int) (written++ % KEEP)] = bytes[i];
    }
  }

  /** The last 64 KiB written, as UTF-8 (malformed bytes replaced). */
  public synchronized String text() {
    int size = (int) Math.min(written, KEEP);
    byte[] out = new byte[size];
    long start = written - size;
    for (int i = 0; i < size; i++) {
      out[i] = ring[(int) ((start + i) % KEEP)];
    }
    String text = new String(out, StandardCharsets.UTF_8);
    return written > KEEP ? "[... earlier output dropped ...]\n" + text : text;
  }
}
