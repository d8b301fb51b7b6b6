package dev.itk.conformance;

import dev.itk.conformance.vectors.Vector;
import dev.itk.conformance.vectors.VectorInput;
import dev.itk.signing.ApiKey;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.SignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The kit's own Java signer and verifier, run in-process against the vectors. */
public final class ReferenceImplementation {
  /** How reports name it. */
  public static final String ID = "inprocess:java-reference";

  /** Signs a valid vector's inputs. */
  public SigningOutcome sign(Vector vector) {
    VectorInput in = vector.input();
    SignedRequest signed = RequestSigner.create(ApiKey.of(in.key())).sign(in.toCanonicalMessage());
    return new SigningOutcome(
        signed.message().toBytes(), signed.signature(), signed.headers().asMap());
  }

  /** The verifier's code for an invalid vector ({@code valid} if it accepts it). */
  public String verify(Vector vector, Duration window) {
    VectorInput in = vector.input();
    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .key(ApiKey.of(in.key()))
            .window(window)
            .clock(Clock.fixed(Instant.parse(vector.verifyAt()), ZoneOffset.UTC))
            .build();
    return verifier.verify(in.toReceivedRequest(in.signature())).code();
  }
}
