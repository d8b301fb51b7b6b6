package dev.itk.stub.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What WireMock sees of a request: no query, no body and no entity or cookie headers.
 *
 * <p>WireMock parses what it is given before any extension runs: it decodes a form body with the
 * charset the client named (an unknown charset throws), unzips a body that starts with the gzip
 * magic bytes (a broken one throws), parses cookies, percent-decodes the query parameters (a
 * malformed escape such as {@code %C3%ht} throws) and makes a {@code java.net.URL} of the request
 * URL (a target in absolute form with a scheme it does not know, {@code x:/api/v1/notes}, throws;
 * both found by {@code StubHttpFuzzTest}). The stub reads the exact capture instead ({@link
 * Exchange}), so WireMock gets a plain {@code http} URL and no query, and garbage cannot break it.
 */
final class NeutralRequestView extends HttpServletRequestWrapper {
  private static final Set<String> HIDDEN =
      Set.of("content-type", "content-encoding", "content-length", "cookie", "transfer-encoding");

  NeutralRequestView(HttpServletRequest request) {
    super(request);
  }

  private static boolean hidden(String name) {
    return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String getHeader(String name) {
    return hidden(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> names = Collections.list(super.getHeaderNames());
    names.removeIf(NeutralRequestView::hidden);
    return Collections.enumeration(names);
  }

  @Override
  public String getContentType() {
    return null;
  }

  @Override
  public String getCharacterEncoding() {
    return null;
  }

  @Override
  public int getContentLength() {
    return 0;
  }

  @Override
  public long getContentLengthLong() {
    return 0;
  }

  @Override
  public Cookie[] getCookies() {
    return null;
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public StringBuffer getRequestURL() {
    return new StringBuffer("http://")
        .append(StubServer.HOST)
        .append(':')
        .append(getLocalPort())
        .append(getRequestURI());
  }

  @Override
  public String getParameter(String name) {
    return null;
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Map.of();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.emptyEnumeration();
  }

  @Override
  public String[] getParameterValues(String name) {
    return null;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new ServletInputStream() {
      @Override
      public boolean isFinished() {
        return true;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("the stub reads bodies itself");
      }

      @Override
      public int read() {
        return -1;
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new StringReader(""));
  }
}
