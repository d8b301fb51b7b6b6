package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verifier on any request a server could hand it: any method, path, query, body and header
 * lines, the signing headers among them or not, once or several times. It always answers with one
 * of its codes and never throws; it accepts nothing it did not sign.
 */
class VerifierFuzzTest {
  private static final ApiKey KEY = ApiKey.of("fuzz-key");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2014-09-10T17:28:08.3227351Z"), ZoneOffset.UTC);
  private static final String[] NAMES = {
    SignatureHeaders.REQUEST_ID,
    SignatureHeaders.TIMESTAMP,
    SignatureHeaders.AUTHORIZATION,
    "x-issuetrak-api-request-id",
    "X-ISSUETRAK-API-TIMESTAMP",
    "Content-Type",
    "Host"
  };
  private static final String[] GOOD_VALUES = {
    "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
    "2014-09-10T17:28:08.3227351Z",
    "2014-09-10T17:28:08Z",
    "f2esTO3SnGTNfFzLr6Ga0bB1eGSLI0GXbOnpfxzvi9PqSw7vLTO8KoH6x3vk0aknmCRKcjhkqP3lBm8B7Jp0Ww=="
  };
  private static final Set<String> CODES =
      Arrays.stream(VerificationError.values())
          .map(VerificationError::code)
          .collect(Collectors.toUnmodifiableSet());
  private static final SignatureVerifier VERIFIER =
      SignatureVerifier.builder().key(KEY).clock(CLOCK).build();

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void verify_answersACodeAndNeverThrows(FuzzedDataProvider data) {
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method(data.consumeString(10))
            .path(data.consumeBoolean() ? "/" + data.consumeString(40) : data.consumeString(40))
            .query(data.consumeString(40));
    int headers = data.consumeInt(0, 8);
    for (int i = 0; i < headers; i++) {
      String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(20);
      String value = data.consumeBoolean() ? data.pickValue(GOOD_VALUES) : data.consumeString(100);
      b.header(name, value);
    }
    b.body(data.consumeRemainingAsBytes());

    VerificationResult result = VERIFIER.verify(b.build());

    assertThat(result.isValid()).as("accepted a request nobody signed: %s", result).isFalse();
    assertThat(CODES).contains(result.code());
    assertThat(result.detail()).isNotBlank();
  }
}
