package dev.itk.benchmarks;

import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.SignedRequest;
import dev.itk.signing.VerificationResult;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reference signer and verifier against the JVM's limit, a reused pre-keyed {@code HmacSHA512}
 * {@link Mac}, for one message size per trial. Every benchmark covers the same bytes (see {@link
 * MessageFixture}); what each adds to the HMAC is in {@code docs/performance.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {
  /** The whole canonical message's length in bytes: prefix and body. */
  @Param({"300", "4096", "1048576"})
  public int size;

  MessageFixture fixture;
  byte[] messageBytes;
  Mac mac;
  CanonicalMessage message;
  RequestSigner signer;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    fixture = MessageFixture.ofSize(size);
    message = fixture.message(MessageFixture.REQUEST_ID);
    messageBytes = message.toBytes();
    mac = Mac.getInstance("HmacSHA512");
    mac.init(MessageFixture.KEY.asSecretKey());
    signer =
        RequestSigner.create(
            MessageFixture.KEY,
            Clock.fixed(MessageFixture.NOW, ZoneOffset.UTC),
            RequestIdSource.fixed(MessageFixture.REQUEST_ID));

    // The baseline and the signer must cover the same bytes, or the ratios compare nothing.
    check(messageBytes.length == size, "message is " + messageBytes.length + " bytes, not " + size);
    String baseline = rawMacBase64();
    check(sign().signature().equals(baseline), "sign disagrees with the raw Mac");
    check(signFromParts().signature().equals(baseline), "signFromParts disagrees with the raw Mac");
  }

  /** HMAC-SHA512 only: the JVM's limit, without the base64 the header needs. */
  @Benchmark
  public byte[] rawMac() {
    return mac.doFinal(messageBytes);
  }

  /** HMAC-SHA512 and base64, the header value: the fair baseline for the signer. */
  @Benchmark
  public String rawMacBase64() {
    return Base64.getEncoder().encodeToString(mac.doFinal(messageBytes));
  }

  /** The signer's signature and headers for a prepared message. */
  @Benchmark
  public SignedRequest sign() {
    return signer.sign(message);
  }

  /** The signer from method, path, query and body: builds the message, then signs it. */
  @Benchmark
  public SignedRequest signFromParts() {
    return signer.sign(fixture.method(), fixture.rawPath(), fixture.query(), fixture.body());
  }

  /** The verifier as built by default (window and replay check), accepting a fresh request. */
  @Benchmark
  public VerificationResult verify(Requests requests) {
    return requests.verifyNext(requests.verifier);
  }

  /** The same without the replay check, to show what remembering request IDs costs. */
  @Benchmark
  public VerificationResult verifyWithoutReplayCache(Requests requests) {
    return requests.verifyNext(requests.verifierWithoutReplayCache);
  }

  /**
   * Correctly signed requests with distinct request IDs, received at {@link MessageFixture#NOW}, so
   * each verification is a real accept rather than a replay rejection.
   */
  @State(Scope.Thread)
  public static class Requests {
    /** Pool bodies take at most this much heap (at least 16 requests). */
    private static final int POOL_BYTES = 64 << 20;

    ReceivedRequest[] pool;
    int next;
    SignatureVerifier verifier;
    SignatureVerifier verifierWithoutReplayCache;

    @Setup(Level.Trial)
    public void setUp(SigningBenchmark benchmark) {
      ApiKey key = MessageFixture.KEY;
      Clock clock = Clock.fixed(MessageFixture.NOW, ZoneOffset.UTC);
      verifier = SignatureVerifier.builder().key(key).clock(clock).build();
      verifierWithoutReplayCache =
          SignatureVerifier.builder().key(key).clock(clock).replayProtection(false).build();

      RequestSigner signer = RequestSigner.create(key);
      pool = new ReceivedRequest[Math.max(16, Math.min(1024, POOL_BYTES / benchmark.size))];
      for (int i = 0; i < pool.length; i++) {
        CanonicalMessage m = benchmark.fixture.message(MessageFixture.id(i));
        pool[i] = ReceivedRequest.of(signer.sign(m));
      }
      for (SignatureVerifier v : new SignatureVerifier[] {verifier, verifierWithoutReplayCache}) {
        VerificationResult r = v.verify(pool[0]);
        check(r.isValid(), "the verifier refuses the benchmark's request: " + r);
        v.forgetRequestIds();
      }
    }

    /**
     * Verifies the next request of the pool. After the last one the verifier forgets the IDs it
     * accepted (its clock is fixed, so none expire), so the pool can be used again.
     */
    VerificationResult verifyNext(SignatureVerifier v) {
      if (next == pool.length) {
        next = 0;
        v.forgetRequestIds();
      }
      VerificationResult r = v.verify(pool[next++]);
      if (!r.isValid()) {
        throw new IllegalStateException("measured a rejection, not an accept: " + r);
      }
      return r;
    }
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalStateException(problem);
    }
  }
}
