package com.example.stubconsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.itk.client.IssuetrakApiException;
import dev.itk.client.IssuetrakClient;
import dev.itk.client.ReadIssue;
import dev.itk.signing.ApiKey;
import dev.itk.stub.IssuetrakStub;
import dev.itk.stub.IssuetrakStubExtension;
import dev.itk.stub.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a team writes when its only dependency on the kit is {@code itk-stub}: the extension starts
 * the stub, the reference client signs a request, the stub checks the signature.
 */
class StubFromOwnTestsTest {
  private static final String KEY = "a-test-key-for-the-consumer-project";

  @RegisterExtension
  static IssuetrakStubExtension stub = IssuetrakStubExtension.builder().key(ApiKey.of(KEY)).build();

  @Test
  void aSignedRequestIsAccepted(IssuetrakStub running) {
    IssuetrakClient client =
        IssuetrakClient.builder().baseUrl(running.baseUrl()).apiKey(ApiKey.of(KEY)).build();

    ReadIssue issue = client.getIssue(1, false).body();

    assertEquals(1, issue.issueNumber());
    RecordedRequest seen = running.lastRequest();
    assertEquals("valid", seen.verdict());
    assertEquals("GET", seen.method());
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefused(IssuetrakStub running) {
    IssuetrakClient client =
        IssuetrakClient.builder()
            .baseUrl(running.baseUrl())
            .apiKey(ApiKey.of("not-the-stub's-key"))
            .build();

    IssuetrakApiException refused =
        assertThrows(IssuetrakApiException.class, () -> client.getIssue(1, false));

    assertEquals(401, refused.status());
    assertEquals("bad-signature", running.lastRequest().verdict());
    assertFalse(running.lastRequest().verification().orElseThrow().isValid());
  }
}
