/**
 * Implementations under test, addressed as {@code kind:language} ({@code process:php}), behind one
 * {@link dev.itk.runner.Runner} interface: a runner opens an {@link dev.itk.runner.AdapterSession}
 * that speaks the runner protocol ({@code docs/runner-protocol.md}) with the implementation's
 * adapter. {@code dev.itk.runner.internal} is not API.
 */
package dev.itk.runner;
