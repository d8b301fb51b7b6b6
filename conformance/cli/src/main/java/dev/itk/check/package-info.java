/**
 * {@code itk check}: any client, unmodified, checked as a black box. {@link dev.itk.check.Check}
 * starts the stub, runs the client's command with the stub's URL and a key in its environment, and
 * turns every request the stub recorded into a {@link dev.itk.check.CheckedRequest}: accepted, or
 * refused with the named cause; {@link dev.itk.check.CheckReports} writes the reports. See {@code
 * docs/debugging.md#itk-check}.
 */
package dev.itk.check;
