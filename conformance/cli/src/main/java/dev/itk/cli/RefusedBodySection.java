package dev.itk.cli;

import dev.itk.conformance.run.Progress;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import dev.itk.stub.IssuetrakStub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code itk bench}'s section on what a refused request costs the stub: for bodies of 300 B to 9
 * MiB, the time from sending a request to reading its whole answer, for a correctly signed request
 * (the signature check, then a quick 404) and for the same request with a wrong signature, its 401
 * with the diagnosis on and off. The three alternate on the same stubs, so they see the same
 * machine; medians count. Every answer's status is checked.
 */
final class RefusedBodySection implements BenchSection {
  private static final ApiKey KEY = ApiKey.of("itk-bench-refused-key");
  private static final ApiKey WRONG = ApiKey.of("not-the-stub-key");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int NINE_MIB = 9 * 1024 * 1024;

  /** A body size and how many rounds of it are measured. */
  record Size(String label, int bytes, int rounds) {}

  static final List<Size> SIZES =
      List.of(
          new Size("300 B", 300, 30),
          new Size("64 KiB", 64 * 1024, 20),
          new Size("1 MiB", 1024 * 1024, 10),
          new Size("9 MiB", NINE_MIB, 7));

  private final List<Size> sizes;
  private int ids;

  RefusedBodySection(List<Size> sizes) {
    this.sizes = List.copyOf(sizes);
  }

  @Override
  public String heading() {
    return "What a refused request costs the stub";
  }

  @Override
  public boolean run(PrintWriter out, Progress progress) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    boolean clean = true;
    double nineOn = Double.NaN;
    double nineOff = Double.NaN;
    StringBuilder table = new StringBuilder();
    table.append(
        "| body | 401, diagnosis on: ratio to accepted | 401, diagnosis off: ratio | accepted"
            + " (ms) | 401 on (ms) | 401 off (ms) |\n");
    table.append("|---|---:|---:|---:|---:|---:|\n");
    try (IssuetrakStub on = IssuetrakStub.builder().key(KEY).clock(clock).build().start();
        IssuetrakStub off =
            IssuetrakStub.builder().key(KEY).clock(clock).diagnosis(false).build().start()) {
      for (Size size : sizes) {
        byte[] body = jsonBody(size.bytes());
        // A warm-up round of each, unmeasured.
        send(on, KEY, body, 404);
        send(on, WRONG, body, 401);
        send(off, WRONG, body, 401);
        double[] accepted = new double[size.rounds()];
        double[] refusedOn = new double[size.rounds()];
        double[] refusedOff = new double[size.rounds()];
        for (int r = 0; r < size.rounds(); r++) {
          accepted[r] = send(on, KEY, body, 404);
          refusedOn[r] = send(on, WRONG, body, 401);
          refusedOff[r] = send(off, WRONG, body, 401);
          on.clearRequests();
          off.clearRequests();
        }
        double a = median(accepted);
        double n = median(refusedOn);
        double f = median(refusedOff);
        progress.line(
            "refused",
            String.format(
                Locale.ROOT,
                "%s: accepted %.1f ms, 401 with diagnosis %.1f ms, without %.1f ms",
                size.label(),
                a,
                n,
                f));
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f× | %.2f× | %.1f | %.1f | %.1f |%n",
                size.label(),
                n / a,
                f / a,
                a,
                n,
                f));
        if (size.bytes() == NINE_MIB) {
          nineOn = n;
          nineOff = f;
        }
      }
    } catch (IllegalStateException | UncheckedIOException wrongAnswer) {
      progress.line("refused", wrongAnswer.getMessage());
      clean = false;
    }
    out.println(
        "A POST of a JSON body of each size to `/api/v1/bench/refused` on loopback, from sending the"
            + " request to reading its whole answer: correctly signed (the signature check, then a"
            + " quick 404), and signed with another key (a 401, diagnosed within"
            + " `DiagnosisBudget.SERVER` or, on a second stub, with `diagnosis(false)`). The three"
            + " alternate; the median of each counts. Client and stub share this JVM.");
    out.println();
    out.print(table);
    out.println();
    if (!Double.isNaN(nineOn)) {
      out.printf(
          Locale.ROOT,
          "- Target: a 9 MiB body with a wrong signature gets its 401 within 1 s with"
              + " the diagnosis on (%.0f ms: %s) and within 0.2 s with it off (%.0f ms: %s).%n",
          nineOn,
          nineOn <= 1000 ? "met" : "MISSED",
          nineOff,
          nineOff <= 200 ? "met" : "MISSED");
    }
    if (!clean) {
      out.println("- Some answers were not as expected: see the progress lines; the run fails.");
    }
    return clean;
  }

  /** A JSON note of exactly {@code size} bytes. */
  static byte[] jsonBody(int size) {
    byte[] head = "{\"IssueNumber\":1,\"NoteText\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[Math.max(size, head.length + 2)];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(head, 0, body, 0, head.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';
    return body;
  }

  /** Sends a POST signed with {@code key}; the milliseconds until its whole answer was read. */
  private double send(IssuetrakStub stub, ApiKey key, byte[] body, int expected) {
    String id = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", ++ids);
    SignedRequest s =
        RequestSigner.create(key, Clock.fixed(T0, ZoneOffset.UTC), RequestIdSource.fixed(id))
            .sign("POST", "/api/v1/bench/refused", "", body);
    StringBuilder head =
        new StringBuilder("POST /api/v1/bench/refused HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    s.headers().asMap().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Type: application/json\r\nContent-Length: ")
        .append(body.length)
        .append("\r\nConnection: close\r\n\r\n");
    long t0 = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", stub.port())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      double ms = (System.nanoTime() - t0) / 1e6;
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      int status = text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
      if (status != expected) {
        throw new IllegalStateException(
            "a "
                + body.length
                + "-byte body signed with "
                + (key == KEY ? "the stub's key" : "another key")
                + " was answered "
                + status
                + ", not "
                + expected);
      }
      return ms;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
