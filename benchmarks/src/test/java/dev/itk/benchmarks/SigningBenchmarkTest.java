package dev.itk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.itk.signing.VerificationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each benchmark measures what its name says, at every size: run once each, not timed. */
class SigningBenchmarkTest {
  private static SigningBenchmark benchmarkOf(int size) throws Exception {
    SigningBenchmark b = new SigningBenchmark();
    b.size = size;
    b.setUp();
    return b;
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {300, 4096, 1048576})
  void everyBenchmark_coversExactlyTheMessageSize_andAgreesWithTheRawMac(int size)
      throws Exception {
    SigningBenchmark b = benchmarkOf(size);

    assertThat(b.messageBytes).hasSize(size);
    assertThat(b.fixture.message(MessageFixture.id(7)).length()).isEqualTo(size);
    assertThat(b.message.render()).startsWith("POST\\n");
    assertThat(b.message.path()).isEqualTo("/nestedsite/api/v1/issues");
    assertThat(b.rawMac()).hasSize(64);
    assertThat(b.sign().signature()).isEqualTo(b.rawMacBase64());
    assertThat(b.signFromParts().headers().authorization()).isEqualTo(b.rawMacBase64());
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {300, 1048576})
  void verify_acceptsEveryRequestOfThePool_andAgainAfterItWrapsAround(int size) throws Exception {
    SigningBenchmark b = benchmarkOf(size);
    SigningBenchmark.Requests requests = new SigningBenchmark.Requests();
    requests.setUp(b);

    for (int i = 0; i <= requests.pool.length; i++) {
      VerificationResult withCache = b.verify(requests);
      assertThat(withCache.isValid()).as(withCache.toString()).isTrue();
    }
    assertThat(requests.verifier.rememberedRequestIds()).isEqualTo(1);
    assertThat(b.verifyWithoutReplayCache(requests).isValid()).isTrue();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {300, 1048576})
  void verify_wouldRefuseAReplay_soThePoolIdsMustBeDistinct(int size) throws Exception {
    SigningBenchmark b = benchmarkOf(size);
    SigningBenchmark.Requests requests = new SigningBenchmark.Requests();
    requests.setUp(b);

    assertThat(requests.verifier.verify(requests.pool[0]).isValid()).isTrue();
    assertThat(requests.verifier.verify(requests.pool[0]).code()).isEqualTo("replayed-request-id");
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 120})
  void fixture_refusesASizeTooSmallForPrefixAndBody(int size) {
    assertThatThrownBy(() -> MessageFixture.ofSize(size))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message size " + size + " is too small");
  }
}
