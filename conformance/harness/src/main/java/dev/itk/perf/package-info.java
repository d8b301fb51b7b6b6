/**
 * How fast each implementation signs, measured the same way for all: the adapter's {@code bench}
 * command ({@code docs/runner-protocol.md#bench}) for the samples, and the same loop in this JVM
 * for the Java reference signer; every signature checked. {@code docs/performance.md} explains what
 * is measured and shows a run.
 */
package dev.itk.perf;
