package dev.itk.perf;

import dev.itk.conformance.vectors.VectorInput;
import dev.itk.runner.BenchSettings;
import dev.itk.signing.ApiKey;
import dev.itk.signing.CanonicalMessage;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;

/**
 * The Java reference's side of a bench, in this JVM: the loop every sample's adapter runs for
 * {@code bench}, around the kit's {@link RequestSigner}. One operation is what the reference client
 * does per request: build the {@link CanonicalMessage} (checks, lowercased path, UTF-8) and sign it
 * (HMAC-SHA512 with the signer's key, keyed once when the signer was made, and base64).
 */
public final class ReferenceSigningLoop {
  /** How reports name it. */
  public static final String ID = "inprocess:java-reference";

  private ReferenceSigningLoop() {}

  /** Warms up, then measures, by {@link System#nanoTime()}, as {@code settings} says. */
  public static Measurement run(SigningWorkload workload, BenchSettings settings) {
    VectorInput in = workload.input();
    RequestSigner signer = RequestSigner.create(ApiKey.of(in.key()));
    byte[] body = in.bodyBytes();
    long duration = settings.duration().toNanos();
    long warmUntil = System.nanoTime() + settings.warmup().toNanos();
    SignedRequest signed = signOnce(signer, in, body);
    while (System.nanoTime() < warmUntil) {
      signed = signOnce(signer, in, body);
    }
    long operations = 0;
    long elapsed;
    long started = System.nanoTime();
    do {
      signed = signOnce(signer, in, body);
      operations++;
      elapsed = System.nanoTime() - started;
    } while (operations < settings.iterations() || elapsed < duration);
    return new Measurement(operations, elapsed, signed.signature());
  }

  private static SignedRequest signOnce(RequestSigner signer, VectorInput in, byte[] body) {
    return signer.sign(
        CanonicalMessage.builder()
            .method(in.method())
            .requestId(in.requestId())
            .timestamp(in.timestamp())
            .path(in.path())
            .query(in.query())
            .body(body)
            .build());
  }
}
