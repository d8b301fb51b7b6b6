/**
 * Load on the stub: many concurrent signed requests with known expected outcomes, checked answer by
 * answer and against the stub's record ({@code itk load}, docs/security.md#load).
 */
package dev.itk.load;
