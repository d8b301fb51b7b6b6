/**
 * The {@code itk} command line (picocli): {@code conformance}, {@code check}, {@code stub}, {@code
 * diagnose}, {@code capture-to-vector}, {@code sign}, {@code bench} and {@code load}. Entry point
 * {@link dev.itk.cli.Itk}; exit codes 0 (success), 1 (a check failed), 2 (bad input). The commands
 * are the API; their classes are not.
 */
package dev.itk.cli;
