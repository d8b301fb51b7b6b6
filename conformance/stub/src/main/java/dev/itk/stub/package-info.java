/**
 * A signature-verifying Issuetrak API v1 stub server on WireMock, for testing clients in any
 * language: {@link dev.itk.stub.IssuetrakStub}, its records ({@link dev.itk.stub.RecordedRequest})
 * and a JUnit 5 extension ({@link dev.itk.stub.IssuetrakStubExtension}).
 *
 * <p>{@code dev.itk.stub.internal} is the implementation, not API. Rules and formats: {@code
 * docs/stub.md}.
 */
package dev.itk.stub;
