package dev.itk.client;

import java.net.URI;

/**
 * The request got no HTTP answer: the connection was refused, timed out, or broke.
 *
 * <pre>{@code
 * // GET http://127.0.0.1:8089/api/v1/issues/false/1: could not connect (connection refused)
 * }</pre>
 *
 * <p>The message names the method and the URL. Rule: {@code docs/client.md#responses-and-errors}.
 */
public final class IssuetrakTransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient PreparedRequest request;

  IssuetrakTransportException(PreparedRequest request, String problem, Throwable cause) {
    super(request.method() + " " + request.uri() + ": " + problem, cause);
    this.request = request;
  }

  /** The request that could not be completed. */
  public PreparedRequest request() {
    return request;
  }

  /** The URL the request was sent to. */
  public URI uri() {
    return request.uri();
  }
}
