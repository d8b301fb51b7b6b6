/**
 * The kit's fixed test vectors as Java values: {@link dev.itk.conformance.vectors.VectorSet} loads
 * the files bundled in the {@code itk-vectors} jar or those under {@code fixtures/vectors}, whose
 * format is {@code docs/vectors.md}.
 */
package dev.itk.conformance.vectors;
