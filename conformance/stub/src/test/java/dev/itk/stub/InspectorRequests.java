package dev.itk.stub;

import dev.itk.signing.ApiKey;
import dev.itk.signing.SignatureHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requests the inspector's tests send: one signed right, one signed with the path as sent (the
 * {@code path-not-lowercased} mistake), and the same mistake as a curl command line.
 */
final class InspectorRequests {
  /** A header a hostile client might send, to show that the page shows it as text. */
  static final String HOSTILE_HEADER = "X-Client-Note";

  static final String HOSTILE_VALUE = "<img src=x onerror=\"document.title='pwned'\"><b>bold</b>";

  /** A path with capitals, so that signing it as sent is a mistake. */
  static final String MIXED_CASE_PATH = "/api/v1/Notes/1";

  private InspectorRequests() {}

  /** GET {@link #MIXED_CASE_PATH}, signed over the path as sent: refused, bad-signature. */
  static StubClient.Reply sendPathNotLowercased(IssuetrakStub stub, ApiKey key) {
    Map<String, String> headers = headersPathAsSent(key, "00000000-0000-4000-8000-00000000a001");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + MIXED_CASE_PATH))
            .GET();
    headers.forEach(b::header);
    b.header(HOSTILE_HEADER, HOSTILE_VALUE);
    return StubClient.exchange(b.build());
  }

  /** The same mistake as a curl command line, for the paste box. */
  static String curlPathNotLowercased(IssuetrakStub stub, ApiKey key) {
    StringBuilder curl =
        new StringBuilder("curl 'http://127.0.0.1:" + stub.port() + MIXED_CASE_PATH + "'");
    headersPathAsSent(key, "00000000-0000-4000-8000-00000000b002")
        .forEach(
            (name, value) ->
                curl.append(" -H '").append(name).append(": ").append(value).append("'"));
    return curl.toString();
  }

  private static Map<String, String> headersPathAsSent(ApiKey key, String requestId) {
    String timestamp = StubClient.T0_TEXT;
    String message = "GET\n" + requestId + "\n" + timestamp + "\n" + MIXED_CASE_PATH + "\n\n";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SignatureHeaders.REQUEST_ID, requestId);
    headers.put(SignatureHeaders.TIMESTAMP, timestamp);
    headers.put(SignatureHeaders.AUTHORIZATION, hmac(key, message));
    return headers;
  }

  private static String hmac(ApiKey key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key.asSecretKey().getEncoded(), "HmacSHA512"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
