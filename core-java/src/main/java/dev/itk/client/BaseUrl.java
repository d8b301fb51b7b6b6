package dev.itk.client;

import dev.itk.signing.RequestTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The API base URL of one Issuetrak site, checked once: an absolute http or https URL with a host,
 * site folders and {@code /api/v1} included, kept without its trailing slash.
 *
 * <pre>{@code
 * BaseUrl base = BaseUrl.parse("http://127.0.0.1:8089/NestedSite1/api/v1/");
 * base.toString(); // "http://127.0.0.1:8089/NestedSite1/api/v1"
 * RequestTarget t = base.target("/issues/true/", "issueNumbers=1,2");
 * t.path();        // "/NestedSite1/api/v1/issues/true/", what is sent and signed
 * base.uri(t);     // http://127.0.0.1:8089/NestedSite1/api/v1/issues/true/?issueNumbers=1,2
 * }</pre>
 *
 * <p>Nothing is re-encoded: a target's path is the base path and the route exactly as written, so
 * the path on the request line is the path signed. Rule: {@code docs/client.md#configure}.
 */
final class BaseUrl {
  private static final String EXAMPLE = "e.g. http://127.0.0.1:8089/NestedSite1/api/v1";

  private final String origin;
  private final String path;

  private BaseUrl(String origin, String path) {
    this.origin = origin;
    this.path = path;
  }

  /**
   * The base URL {@code text} names, one trailing slash dropped.
   *
   * @throws IllegalArgumentException naming the value and the rule it breaks, unless it is an
   *     absolute http or https URL of printable ASCII with a host, no query, no fragment, no user
   *     info and no empty path segment
   */
  static BaseUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "baseUrl is missing; it is the site's API base URL, " + EXAMPLE);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException(
            "baseUrl \""
                + text
                + "\" contains "
                + codePoint(c)
                + " at index "
                + i
                + "; percent-encode it (the path is signed as sent)");
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new IllegalArgumentException(
          "baseUrl \"" + text + "\" must be an absolute http or https URL, " + EXAMPLE);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUrl \""
              + text
              + "\" is not a valid URL: "
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "; "
              + EXAMPLE,
          e);
    }
    if (uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("baseUrl \"" + text + "\" has no host; " + EXAMPLE);
    }
    if (uri.getHost() == null) {
      // java.net.URI keeps an authority it cannot read as host and port, e.g. with an underscore.
      throw new IllegalArgumentException(
          "baseUrl \""
              + text
              + "\" has no host: \""
              + uri.getRawAuthority()
              + "\" is not a host name and port (letters, digits, '-' and '.', or an IP address;"
              + " e.g. site.example:8443)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUrl \""
              + text
              + "\" must not carry user info before the host; requests are authenticated by"
              + " their signature");
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "baseUrl \"" + text + "\" must not have a query; pass a query with each request");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "baseUrl \"" + text + "\" must not have a fragment (#...); a fragment is never sent");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    // Checked before the trailing slash is dropped: "/api/v1//" would leave "/api/v1/", and every
    // route joined to it would start with an empty segment.
    if (path.contains("//")) {
      throw new IllegalArgumentException(
          "baseUrl \""
              + text
              + "\" has an empty path segment (//); it would be sent and signed that way");
    }
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new BaseUrl(uri.getScheme() + "://" + uri.getRawAuthority(), path);
  }

  /**
   * The raw path, site folders and {@code /api/v1} included, without a trailing slash, e.g. {@code
   * /NestedSite1/api/v1}; empty when the API is at the root of the host.
   */
  String path() {
    return path;
  }

  /**
   * The request target of {@code route} and {@code query} on this site: the base path followed by
   * the route, and the query, both exactly as given.
   *
   * @param route the path after the base URL, starting with {@code /}, percent-encoded as it is to
   *     be sent, e.g. {@code /issues/false/1}
   * @param query the raw query without {@code ?}; empty or null for none
   * @throws IllegalArgumentException naming the value and the rule it breaks
   */
  RequestTarget target(String route, String query) {
    checkRoute(route);
    String rawQuery = query == null ? "" : query;
    checkQuery(rawQuery);
    RequestTarget target = new RequestTarget(path + route, rawQuery);
    uri(target);
    return target;
  }

  /**
   * The absolute URI of {@code target} on this site's host, e.g. {@code
   * http://127.0.0.1:8089/NestedSite1/api/v1/notes/1}; its raw path and query are the target's.
   *
   * @throws IllegalArgumentException naming the URL, unless path and query make a valid URI that
   *     keeps them as given
   */
  URI uri(RequestTarget target) {
    String query = target.query();
    String text = origin + target.path() + (query.isEmpty() ? "" : "?" + query);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "URL \""
              + text
              + "\" is not valid: "
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "; percent-encode that character as UTF-8 (a % that starts no escape as %25)",
          e);
    }
    // What goes on the request line must be what is signed: refuse anything the URI would alter.
    String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    if (!target.path().equals(uri.getRawPath()) || !query.equals(rawQuery)) {
      throw new IllegalArgumentException(
          "URL \"" + text + "\" does not keep route and query as given; percent-encode them");
    }
    return uri;
  }

  private void checkRoute(String route) {
    if (route == null || route.isEmpty()) {
      throw new IllegalArgumentException(
          "route is missing; it is the path after the base URL, starting with /, e.g."
              + " /issues/false/1");
    }
    if (route.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "route \""
              + route
              + "\" must start with /, e.g. /issues/false/1; it is joined to "
              + this);
    }
    if (route.startsWith("//")) {
      throw new IllegalArgumentException(
          "route \""
              + route
              + "\" must not start with //: the URL would carry an empty segment after "
              + this);
    }
    for (int i = 0; i < route.length(); i++) {
      char c = route.charAt(i);
      if (c == '?') {
        throw new IllegalArgumentException(
            "route \""
                + route
                + "\" must not contain '?' (index "
                + i
                + "); pass the query separately, without '?'");
      }
      if (c == '#') {
        throw new IllegalArgumentException(
            "route \""
                + route
                + "\" must not contain '#' (index "
                + i
                + "); a fragment is never sent");
      }
      checkRequestLineChar("route", route, i);
    }
  }

  private static void checkQuery(String query) {
    if (query.startsWith("?")) {
      throw new IllegalArgumentException(
          "query \""
              + query
              + "\" must not start with '?'; pass it without, e.g. issueNumbers=1,2");
    }
    for (int i = 0; i < query.length(); i++) {
      if (query.charAt(i) == '#') {
        throw new IllegalArgumentException(
            "query \""
                + query
                + "\" must not contain '#' (index "
                + i
                + "); a fragment is never sent");
      }
      checkRequestLineChar("query", query, i);
    }
  }

  // Only printable ASCII goes on the request line unchanged; anything else must be escaped first.
  private static void checkRequestLineChar(String what, String value, int i) {
    char c = value.charAt(i);
    if (c <= 0x20 || c >= 0x7F) {
      throw new IllegalArgumentException(
          what
              + " \""
              + value
              + "\" contains "
              + codePoint(c)
              + " at index "
              + i
              + "; percent-encode it as UTF-8 (e.g. a space as %20)");
    }
  }

  private static String codePoint(char c) {
    return "U+" + String.format(Locale.ROOT, "%04X", (int) c);
  }

  /** Equal when the URLs are written the same, e.g. {@code http://h/api/v1}. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BaseUrl that && origin.equals(that.origin) && path.equals(that.path);
  }

  @Override
  public int hashCode() {
    return 31 * origin.hashCode() + path.hashCode();
  }

  /** The URL without a trailing slash, e.g. {@code http://127.0.0.1:8089/NestedSite1/api/v1}. */
  @Override
  public String toString() {
    return origin + path;
  }
}
