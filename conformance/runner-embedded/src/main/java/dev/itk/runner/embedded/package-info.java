/**
 * The {@code embedded} runner: the Python and JavaScript samples' own signing code run in-process
 * with GraalVM Polyglot ({@code docs/embedded.md}). Found by {@code RunnerFactory} through {@code
 * ServiceLoader}; this module is the only one of the kit that needs GraalVM.
 */
package dev.itk.runner.embedded;
