package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.MacSpi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier computes the HMAC with every configured key whichever key matches (or none), so the
 * time it takes does not tell which key matched (docs/security.md). Counted, not timed: a provider
 * put first for HmacSHA512 counts every digest finished.
 */
class EveryKeyTriedTest {
  private static final AtomicInteger DIGESTS = new AtomicInteger();
  private static final String NAME = "ItkCountingHmac";
  private static final Instant T0 = Instant.parse("2014-09-10T17:28:08.3227351Z");
  private static final ApiKey[] KEYS = {
    ApiKey.of("first-key-0123456789"), ApiKey.of("second-key-0123456789"), ApiKey.of("third-key-0")
  };

  /** SunJCE's HmacSHA512, counting each {@code doFinal}. */
  public static final class CountingHmac extends MacSpi implements Cloneable {
    private Mac delegate;

    public CountingHmac() throws NoSuchAlgorithmException, NoSuchProviderException {
      this.delegate = Mac.getInstance("HmacSHA512", "SunJCE");
    }

    @Override
    protected int engineGetMacLength() {
      return delegate.getMacLength();
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      delegate.init(key, params);
    }

    @Override
    protected void engineUpdate(byte input) {
      delegate.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      delegate.update(input, offset, len);
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
      delegate.update(input);
    }

    @Override
    protected byte[] engineDoFinal() {
      DIGESTS.incrementAndGet();
      return delegate.doFinal();
    }

    @Override
    protected void engineReset() {
      delegate.reset();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
      CountingHmac copy = (CountingHmac) super.clone();
      copy.delegate = (Mac) delegate.clone();
      return copy;
    }
  }

  @BeforeEach
  void countFirst() {
    Provider p = new Provider(NAME, "1.0", "counts HmacSHA512 digests") {};
    p.put("Mac.HmacSHA512", CountingHmac.class.getName());
    Security.insertProviderAt(p, 1);
    DIGESTS.set(0);
  }

  @AfterEach
  void stopCounting() {
    Security.removeProvider(NAME);
  }

  @ParameterizedTest(name = "signed with key {0} of 3 (-1: none)")
  @ValueSource(ints = {0, 1, 2, -1})
  void verify_computesTheHmacWithEveryKey_whicheverMatches(int signer) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    SignatureVerifier.Builder b = SignatureVerifier.builder().clock(clock);
    for (ApiKey k : KEYS) {
      b.key(k);
    }
    SignatureVerifier verifier = b.build();
    ApiKey key = signer < 0 ? ApiKey.of("no-such-key-0123456789") : KEYS[signer];
    SignedRequest s =
        RequestSigner.create(
                key,
                clock,
                RequestIdSource.fixed("00000000-0000-4000-8000-00000000000" + (signer + 2)))
            .sign("GET", "/api/v1/notes/1", "", new byte[0]);
    ReceivedRequest.Builder r = ReceivedRequest.builder().method("GET").path("/api/v1/notes/1");
    s.headers().asMap().forEach(r::header);
    ReceivedRequest request = r.build();
    DIGESTS.set(0);

    VerificationResult result = verifier.verify(request);

    assertThat(result.isValid()).isEqualTo(signer >= 0);
    assertThat(DIGESTS.get()).as("HMACs computed for one request").isEqualTo(KEYS.length);
  }
}
