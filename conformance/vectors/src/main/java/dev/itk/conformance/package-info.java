/**
 * Checking an implementation's output against a vector: {@link dev.itk.conformance.VectorCheck}
 * compares message, signature and headers stage by stage, {@link dev.itk.conformance.MessageDiff}
 * explains the first differing byte, {@link dev.itk.conformance.ReferenceImplementation} is the
 * kit's own signer and verifier as an implementation.
 */
package dev.itk.conformance;
