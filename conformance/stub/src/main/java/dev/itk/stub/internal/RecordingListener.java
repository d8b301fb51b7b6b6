package dev.itk.stub.internal;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Records each request with the status WireMock is about to send, before it is sent, so a client
 * that has its answer always finds the request in the record. Admin routes are not recorded.
 */
final class RecordingListener implements ServeEventListener {
  private final RequestLog log;

  RecordingListener(RequestLog log) {
    this.log = log;
  }

  @Override
  public String getName() {
    return "itk-recorder";
  }

  @Override
  public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
    Exchange e = Exchange.current();
    int status = serveEvent.getResponse().getStatus();
    e.markAnswered();
    if (!e.isAdmin()) {
      log.add(e, status);
    }
  }
}
