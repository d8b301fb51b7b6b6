/**
 * The cross-language conformance run: every implementation signs every valid vector and performs
 * every scenario against the stub; the results, with every difference explained, go into a {@link
 * dev.itk.conformance.run.RunReport} that the report writers render.
 */
package dev.itk.conformance.run;
