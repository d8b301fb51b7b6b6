/**
 * JMH benchmarks of {@code dev.itk.signing}: the reference signer and verifier against the raw
 * {@code Mac}, reported as ratios measured in one run ({@code docs/performance.md}). Built by
 * {@code verify}, run with {@code java -jar benchmarks/target/benchmarks.jar}; not published.
 */
package dev.itk.benchmarks;
