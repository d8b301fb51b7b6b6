package dev.itk.client;

import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * A successful (2xx) answer: the status, the raw text, the parsed body and the response headers,
 * with the request that produced it.
 *
 * <pre>{@code
 * ApiResponse<ReadIssue> r = client.getIssue(1, false);
 * r.status();  // 200
 * r.text();    // the JSON exactly as received (decoded as UTF-8)
 * r.body();    // the parsed ReadIssue
 * r.request(); // the exact request that was sent
 * }</pre>
 *
 * <p>Rule: {@code docs/client.md#responses-and-errors}.
 *
 * @param request the request that was sent
 * @param status the HTTP status, 200 to 299
 * @param headers the response headers
 * @param text the response body decoded as UTF-8 (malformed bytes become U+FFFD)
 * @param body the parsed body; for {@link IssuetrakClient#send} null when the text is empty or not
 *     JSON
 * @param <T> the parsed body's type
 */
public record ApiResponse<T>(
    PreparedRequest request, int status, HttpHeaders headers, String text, T body) {
  /** Request, headers and text are required. */
  public ApiResponse {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(text, "text");
  }
}
