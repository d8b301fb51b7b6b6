package dev.itk.stub.internal;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.itk.signing.HeaderLine;
import dev.itk.signing.QueryForm;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.VerificationResult;

/**
 * The WireMock filter that checks every request's signature with core-java's {@link
 * SignatureVerifier} before any route sees it. A failure stops the request with the 401 of {@code
 * docs/stub.md#the-401-body}; admin routes ({@code /__itk/}) are not signed and pass.
 *
 * <p>The verifier gets the request exactly as received (from the servlet-layer capture, not
 * WireMock's view): the method as sent, the raw path, the raw query in the configured {@link
 * QueryForm}, the body bytes, every header line.
 */
final class SignatureCheckFilter implements StubRequestFilterV2 {
  private final SignatureVerifier verifier;
  private final boolean verifySignatures;
  private final QueryForm queryForm;
  private final int maxBodyBytes;

  private final FailureDiagnosis diagnosis;

  SignatureCheckFilter(
      SignatureVerifier verifier,
      boolean verifySignatures,
      QueryForm queryForm,
      int maxBodyBytes,
      FailureDiagnosis diagnosis) {
    this.verifier = verifier;
    this.verifySignatures = verifySignatures;
    this.queryForm = queryForm;
    this.maxBodyBytes = maxBodyBytes;
    this.diagnosis = diagnosis;
  }

  @Override
  public String getName() {
    return "itk-signature-check";
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    Exchange exchange = Exchange.current();
    if (exchange.bodyTruncated()) {
      // The signature covers the whole body, which the stub would not read.
      return stop(
          StubResponse.error(
              413,
              "body-too-large",
              "the body is larger than this stub accepts ("
                  + maxBodyBytes
                  + " bytes); the signature was not checked"));
    }
    if (exchange.isAdmin() || !verifySignatures) {
      return RequestFilterAction.continueWith(request);
    }
    ReceivedRequest received = received(exchange);
    VerificationResult result = verifier.verify(received);
    exchange.verification(result);
    if (!result.isValid()) {
      FailureDiagnosis.Outcome outcome = diagnosis.diagnose(received, result);
      exchange.diagnosis(outcome); // kept with the record, e.g. for IssuetrakStubExtension
      return stop(SignatureFailure.response(result, queryForm, outcome));
    }
    return RequestFilterAction.continueWith(request);
  }

  ReceivedRequest received(Exchange exchange) {
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method(exchange.method())
            .path(exchange.rawPath())
            .query(queryForm.signedQuery(exchange.rawQuery()))
            .body(exchange.body());
    for (HeaderLine h : exchange.headers()) {
      b.header(h.name(), h.value());
    }
    return b.build();
  }

  private static RequestFilterAction stop(StubResponse response) {
    return RequestFilterAction.stopWith(RouteTransformer.definition(response));
  }
}
