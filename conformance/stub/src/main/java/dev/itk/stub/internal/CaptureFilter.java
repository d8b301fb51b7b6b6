package dev.itk.stub.internal;

import dev.itk.signing.HeaderLine;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * The servlet filter in front of WireMock that captures each request exactly: the method as sent,
 * the raw path and query of the request line, every header line in received order and case, and up
 * to {@code maxBodyBytes} of the body. WireMock then sees a {@link NeutralRequestView}, and the
 * stub's extensions read the capture ({@link Exchange}).
 *
 * <p>If WireMock fails without answering, this filter answers 500 with the kit's JSON error, and
 * records the request, so the server keeps serving.
 */
final class CaptureFilter implements Filter {
  private final Clock clock;
  private final RequestLog log;
  private final int maxBodyBytes;

  CaptureFilter(Clock clock, RequestLog log, int maxBodyBytes) {
    this.clock = clock;
    this.log = log;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Request base = Request.getBaseRequest(req);
    HttpURI uri = base.getHttpURI();

    List<HeaderLine> headers = new ArrayList<>();
    for (HttpField f : base.getHttpFields()) {
      headers.add(new HeaderLine(f.getName(), f.getValue() == null ? "" : f.getValue()));
    }
    long sequence = log.nextSequence();
    byte[] body;
    boolean truncated;
    long declared = http.getContentLengthLong();
    // What arrived so far stays in the record even when the rest never comes.
    ByteArrayOutputStream read =
        new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 64 * 1024)));
    try {
      if (declared > maxBodyBytes) {
        truncated = true;
      } else {
        InputStream in = http.getInputStream();
        byte[] buffer = new byte[16 * 1024];
        long start = System.nanoTime();
        for (int n; read.size() <= maxBodyBytes && (n = in.read(buffer)) >= 0; ) {
          read.write(buffer, 0, n);
          checkRate(start, read.size());
        }
        truncated = read.size() > maxBodyBytes;
      }
      body = read.toByteArray();
      if (truncated && body.length > maxBodyBytes) {
        body = Arrays.copyOf(body, maxBodyBytes);
      }
    } catch (IOException | RuntimeException unreadable) {
      Exchange e =
          new Exchange(
              sequence,
              clock.instant(),
              http.getMethod(),
              uri.getPath() == null ? "" : uri.getPath(),
              uri.getQuery(),
              headers,
              read.toByteArray(),
              false);
      answerDirectly(
          e,
          response,
          tooSlow(unreadable)
              ? StubResponse.error(
                  408,
                  "request-timeout",
                  "the body arrived too slowly: the stub waits at most "
                      + StubHttpServerFactory.REQUEST_IO_TIMEOUT.toSeconds()
                      + " s for more of it, and at most "
                      + StubHttpServerFactory.BODY_READ_GRACE.toSeconds()
                      + " s plus its length at "
                      + StubHttpServerFactory.MIN_REQUEST_DATA_RATE / 1024
                      + " KiB/s in all ("
                      + unreadable.getMessage()
                      + ")")
              : StubResponse.error(
                  400, "malformed-body", "the body could not be read: " + unreadable.getMessage()));
      return;
    }

    Exchange exchange =
        new Exchange(
            sequence,
            clock.instant(),
            http.getMethod(),
            uri.getPath() == null ? "" : uri.getPath(),
            uri.getQuery(),
            headers,
            body,
            truncated);
    Exchange.CURRENT.set(exchange);
    try {
      chain.doFilter(new NeutralRequestView(http), response);
    } catch (IOException | ServletException | RuntimeException failure) {
      if (!exchange.isAnswered() && !response.isCommitted()) {
        answerDirectly(
            exchange,
            response,
            StubResponse.error(
                500, "internal-error", "the stub failed on this request: " + failure));
      }
    } finally {
      Exchange.CURRENT.remove();
    }
  }

  /** A body that arrives more slowly than the stub's minimum rate. */
  private static final class TooSlowException extends IOException {
    private static final long serialVersionUID = 1L;

    TooSlowException(long bytes, long nanos) {
      super(
          String.format(
              java.util.Locale.ROOT, "%d bytes in %.1f s", bytes, nanos / 1_000_000_000.0));
    }
  }

  /** Refuses a body that has taken longer than the grace plus its length at the minimum rate. */
  private static void checkRate(long start, long bytes) throws TooSlowException {
    long elapsed = System.nanoTime() - start;
    long allowed =
        StubHttpServerFactory.BODY_READ_GRACE.toNanos()
            + bytes * 1_000_000_000L / StubHttpServerFactory.MIN_REQUEST_DATA_RATE;
    if (elapsed > allowed) {
      throw new TooSlowException(bytes, elapsed);
    }
  }

  /** Whether reading the body failed on Jetty's I/O timeout or the stub's minimum rate. */
  private static boolean tooSlow(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof TooSlowException
          || (t instanceof BadMessageException bad && bad.getCode() == 408)) {
        return true;
      }
    }
    return false;
  }

  private void answerDirectly(Exchange exchange, HttpServletResponse response, StubResponse answer)
      throws IOException {
    exchange.markAnswered();
    if (!exchange.isAdmin()) {
      log.add(exchange, answer.status());
    }
    response.reset();
    response.setStatus(answer.status());
    response.setHeader("Content-Type", StubResponse.CONTENT_TYPE);
    answer.headers().forEach(response::setHeader);
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }
}
