/**
 * Why a signature does not match: {@link dev.itk.diagnose.Diagnoser} re-signs a refused request
 * with each catalogued {@link dev.itk.diagnose.Mistake} undone, alone and in pairs, within a {@link
 * dev.itk.diagnose.DiagnosisBudget}, and names the {@link dev.itk.diagnose.Cause}. The capture
 * readers turn what a user has (raw HTTP, a curl line, a HAR file, the stub's record) into a {@link
 * dev.itk.diagnose.CapturedRequest}. Catalogue and formats: {@code docs/debugging.md}.
 */
package dev.itk.diagnose;
