package dev.itk.stub.internal;

import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.FilterMapping;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHandler;
import org.eclipse.jetty.servlet.ServletMapping;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * WireMock's Jetty 11 server, adjusted so the stub sees requests exactly as sent.
 *
 * <ul>
 *   <li>URI compliance {@code UNSAFE} (WireMock's own choice, asserted here): {@code //}, {@code
 *       %2F}, {@code %2e} and dot segments reach the stub unresolved. Jetty still answers 400 to a
 *       path whose dot segments climb above the root, and to {@code %00} or a malformed escape.
 *   <li>HTTP compliance RFC 7230 plus {@code CASE_SENSITIVE_FIELD_NAME}, and no header field cache:
 *       Jetty otherwise rewrites the names of headers it knows to their canonical case ({@code
 *       content-type} becomes {@code Content-Type}). One case is left: a {@code Connection} header
 *       with a value Jetty does not know is named {@code Connection}. Method case is kept either
 *       way ({@code Get} stays {@code Get}).
 *   <li>The {@link CaptureFilter} runs first in the mock-service context; the {@code /__files}
 *       static-file servlet is removed, so every path reaches the stub.
 *   <li>WireMock's {@code /__admin} API is closed (it could delete the stub's mapping).
 *   <li>Errors Jetty answers itself (a malformed request line or header) get the kit's JSON body.
 *   <li>A request line that is not HTTP/1.x (HTTP/0.9, an unknown version) gets 400, not Jetty's
 *       505: to a client it is a malformed request like any other.
 *   <li>Configured for a service that buggy clients use for hours: its own bounded thread pool and
 *       queue, a connection limit, an idle timeout between requests, a shorter one for reads and
 *       writes within a request, and a minimum rate for bodies, so a slow or stalled client holds a
 *       thread for a bounded time only (the constants below; {@code docs/stub.md#limits}).
 * </ul>
 */
final class StubHttpServerFactory implements HttpServerFactory {
  /** Request threads at most; a slow client holds one for a bounded time only (below). */
  static final int MAX_THREADS = 200;

  static final int MIN_THREADS = 8;

  /** Jobs waiting for a thread at most; beyond that, new connections are closed. */
  static final int MAX_QUEUED = 10_000;

  /** Connections open at once at most; beyond that, the stub stops accepting until one closes. */
  static final int MAX_CONNECTIONS = 1_000;

  /** How long a connection may sit idle between requests (keep-alive). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long a read or write may wait for the client while a request is being handled: a body that
   * stops arriving is cut off (408) after this.
   */
  static final Duration REQUEST_IO_TIMEOUT = Duration.ofSeconds(4);

  /**
   * The slowest a body may arrive: reading it may take at most {@link #BODY_READ_GRACE} plus its
   * length at this rate, or it is cut off (408). So no request holds a thread for longer than about
   * {@code maxBodyBytes} / this rate (160 s for the default 10 MiB) plus a few seconds, however
   * slowly a client sends. Enforced by {@link CaptureFilter} as the body is read, not by Jetty's
   * own minimum rate, which also cut off small bodies that had arrived whole while the reading
   * thread waited for a core.
   */
  static final long MIN_REQUEST_DATA_RATE = 64 * 1024;

  /** The time any body may take to arrive, on top of its length at the minimum rate. */
  static final Duration BODY_READ_GRACE = Duration.ofSeconds(4);

  /** The request line and headers together, at most (WireMock's default); more gets 431. */
  static final int MAX_REQUEST_HEADER_BYTES = 32 * 1024;

  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** The stub's own pool: named threads, a fixed bound, a bounded queue. */
  static ThreadPool threadPool() {
    QueuedThreadPool pool =
        new QueuedThreadPool(
            MAX_THREADS,
            MIN_THREADS,
            60_000,
            new BlockingArrayQueue<>(MIN_THREADS, MIN_THREADS, MAX_QUEUED));
    pool.setName("itk-stub");
    return pool;
  }

  static final HttpCompliance HTTP_COMPLIANCE =
      HttpCompliance.RFC7230.with("ITK_EXACT", HttpCompliance.Violation.CASE_SENSITIVE_FIELD_NAME);

  private final Filter captureFilter;

  StubHttpServerFactory(Filter captureFilter) {
    this.captureFilter = captureFilter;
  }

  @Override
  public HttpServer buildHttpServer(
      Options options,
      AdminRequestHandler adminRequestHandler,
      StubRequestHandler stubRequestHandler) {
    return new Jetty11HttpServer(options, adminRequestHandler, stubRequestHandler) {
      @Override
      protected ServerConnector createHttpConnector(
          String bindAddress,
          int port,
          JettySettings jettySettings,
          NetworkTrafficListener listener) {
        ServerConnector connector =
            super.createHttpConnector(bindAddress, port, jettySettings, listener);
        for (ConnectionFactory f : List.copyOf(connector.getConnectionFactories())) {
          if (f instanceof HttpConnectionFactory http) {
            HttpConfiguration config = http.getHttpConfiguration();
            connector.removeConnectionFactory(http.getProtocol());
            connector.addConnectionFactory(new VersionAs400ConnectionFactory(config));
            config.setHttpCompliance(HTTP_COMPLIANCE);
            // The per-connection field cache would hand back a canonical name (Accept) for a
            // header sent as accept; without it, names keep their received case.
            config.setHeaderCacheSize(0);
            // Jetty's static cache of common fields matches values ignoring case and would hand
            // back "charset=UTF-8" for "charset=utf-8"; case-sensitive, it reads the value sent.
            config.setHeaderCacheCaseSensitive(true);
            config.setUriCompliance(UriCompliance.UNSAFE);
            config.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
            config.setIdleTimeout(REQUEST_IO_TIMEOUT.toMillis());
          }
        }
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        return connector;
      }

      @Override
      protected void applyAdditionalServerConfiguration(Server server, Options options) {
        server.setErrorHandler(new JsonErrorHandler());
        server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server));
      }

      @Override
      protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(
            new FilterHolder(captureFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
      }

      @Override
      protected void decorateMockServiceContextAfterConfig(ServletContextHandler context) {
        ServletHandler handler = context.getServletHandler();
        handler.setServletMappings(
            Arrays.stream(handler.getServletMappings())
                .filter(m -> !servesFiles(m.getPathSpecs()))
                .toArray(ServletMapping[]::new));
        handler.setFilterMappings(
            Arrays.stream(handler.getFilterMappings())
                .filter(m -> !servesFiles(m.getPathSpecs()))
                .toArray(FilterMapping[]::new));
        context.setErrorHandler(new JsonErrorHandler());
      }

      @Override
      protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(
            new FilterHolder(new ClosedAdminApi()), "/*", EnumSet.of(DispatcherType.REQUEST));
      }
    };
  }

  private static boolean servesFiles(String[] pathSpecs) {
    return pathSpecs != null && List.of(pathSpecs).contains("/__files/*");
  }

  /** Jetty's HTTP/1.1 connections, with 505 (a request line not HTTP/1.x) answered as 400. */
  static final class VersionAs400ConnectionFactory extends HttpConnectionFactory {
    VersionAs400ConnectionFactory(HttpConfiguration config) {
      super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
      HttpConnection connection =
          new HttpConnection(
              getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations()) {
            @Override
            protected HttpChannelOverHttp newHttpChannel() {
              return new HttpChannelOverHttp(
                  this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                @Override
                public void badMessage(BadMessageException failure) {
                  super.badMessage(
                      failure.getCode() == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
                          ? new BadMessageException(
                              HttpStatus.BAD_REQUEST_400,
                              "not an HTTP/1.0 or HTTP/1.1 request line ("
                                  + failure.getReason()
                                  + ")",
                              failure)
                          : failure);
                }
              };
            }
          };
      connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
      connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
      return configure(connection, connector, endPoint);
    }
  }

  /** Answers every request to WireMock's admin API with 404. */
  static final class ClosedAdminApi implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException {
      HttpServletResponse response = (HttpServletResponse) res;
      byte[] body =
          StubResponse.error(
                  404,
                  "unknown-route",
                  "WireMock's /__admin API is closed in the Issuetrak stub; its controls are under"
                      + " /__itk/")
              .body();
      response.setStatus(404);
      response.setHeader("Content-Type", StubResponse.CONTENT_TYPE);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /** Jetty's own error answers, as the kit's JSON error. */
  static final class JsonErrorHandler extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, StubResponse.CONTENT_TYPE);
      return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(
        org.eclipse.jetty.server.Request baseRequest,
        jakarta.servlet.http.HttpServletRequest request,
        HttpServletResponse response,
        int code,
        String message)
        throws IOException {
      byte[] body = body(code, message);
      response.setContentType(StubResponse.CONTENT_TYPE);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      baseRequest.setHandled(true);
    }

    @Override
    protected void writeErrorPage(
        jakarta.servlet.http.HttpServletRequest request,
        Writer writer,
        int code,
        String message,
        boolean showStacks)
        throws IOException {
      writer.write(new String(body(code, message), StandardCharsets.UTF_8));
    }

    private static byte[] body(int status, String reason) {
      // Not the verifier's malformed-request (a 401): the signature was never checked.
      String code = status == 404 ? "unknown-route" : "malformed-http";
      String message =
          "the HTTP server refused the request before the stub saw it: "
              + (reason == null ? "status " + status : reason)
              + (status == 400
                  ? " (a malformed request line or header, a path whose dot segments climb above"
                      + " the root, or a bad percent escape)"
                  : "");
      return StubResponse.error(status, code, message).body();
    }
  }
}
