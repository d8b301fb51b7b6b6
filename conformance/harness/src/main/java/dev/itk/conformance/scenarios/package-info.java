/**
 * The scenarios of {@code fixtures/scenarios.json}: what the vendor's samples do, with fixed data,
 * performed by the Java reference client and by every implementation against the stub.
 */
package dev.itk.conformance.scenarios;
