/**
 * The Issuetrak API v1 request-signing scheme (HMAC-SHA512), as a reference implementation.
 *
 * <p>Start with {@link dev.itk.signing.RequestSigner} to sign requests and {@link
 * dev.itk.signing.SignatureVerifier} to check them. Each stage of signing is a value you can
 * inspect: the {@link dev.itk.signing.CanonicalMessage}, the signature and the {@link
 * dev.itk.signing.SignatureHeaders}, together in a {@link dev.itk.signing.SignedRequest}.
 *
 * <p>The rules implemented here, and how sure we are of each, are in {@code docs/scheme.md}. Types
 * that are not public are implementation details.
 */
package dev.itk.signing;
