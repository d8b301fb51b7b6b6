package dev.itk.signing;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The raw path and query of a request, as they go on the request line.
 *
 * <pre>{@code
 * RequestTarget t = RequestTarget.fromUrl("https://Site.example/Help/api/v1/issues/?issueNumbers=1,2");
 * t.path();  // "/Help/api/v1/issues/" (the signer lowercases it)
 * t.query(); // "issueNumbers=1,2" (without the '?')
 * }</pre>
 *
 * <p>The host, port, user info and fragment are not part of the target and are not signed.
 *
 * @param path the raw path, percent escapes as written; {@code /} when the URL has none
 * @param query the raw query without its {@code ?}; empty when there is none
 */
public record RequestTarget(String path, String query) {
  /**
   * The path and query of an absolute URL.
   *
   * @throws IllegalArgumentException naming the URL and what is wrong with it
   */
  public static RequestTarget fromUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "URL \"" + url + "\" is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("URL is missing");
    }
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException(
          "URL \"" + url + "\" must be absolute, like https://site.example/api/v1/issues/false/1");
    }
    String path = uri.getRawPath();
    String query = uri.getRawQuery();
    return new RequestTarget(
        path == null || path.isEmpty() ? "/" : path, query == null ? "" : query);
  }
}
