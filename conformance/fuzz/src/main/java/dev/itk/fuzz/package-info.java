/**
 * Differential fuzzing ({@code itk fuzz}, {@code docs/fuzzing.md}): signing inputs generated from a
 * grammar of the scheme's corners ({@link dev.itk.fuzz.InputGenerator}), signed by the reference
 * and by every implementation through its adapter ({@code signBatch}); every difference is shrunk
 * to a minimal input and written as a vector ({@link dev.itk.fuzz.FuzzRun}).
 */
package dev.itk.fuzz;
