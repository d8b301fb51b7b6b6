/**
 * Not API: the runner protocol's line session (one JSON request, one JSON answer, with time, size
 * and stderr limits) that the runners share, and the bounded stderr tail they report.
 */
package dev.itk.runner.internal;
