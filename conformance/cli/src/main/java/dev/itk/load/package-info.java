/**
 * Load on the stub: many concurrent signed requests with known expected outcomes, checked answer by
 * answer and against the stub's record ({@code itk load}, docs/security.md#load); and a soak, every
 * kind of traffic for a fixed time with the memory sampled ({@code itk load --duration},
 * docs/security.md#soak).
 */
package dev.itk.load;
