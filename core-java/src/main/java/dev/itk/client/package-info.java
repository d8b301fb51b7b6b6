/**
 * The reference Java client for the Issuetrak REST API v1, built on {@link
 * java.net.http.HttpClient} and the signer in {@link dev.itk.signing}.
 *
 * <p>Start with {@link dev.itk.client.IssuetrakClient}. Every request can be inspected before it is
 * sent ({@link dev.itk.client.PreparedRequest}); answers are {@link dev.itk.client.ApiResponse}
 * values; failures are {@link dev.itk.client.IssuetrakApiException} (the server answered) or {@link
 * dev.itk.client.IssuetrakTransportException} (it did not). The DTOs are records named after
 * Issuetrak's, with its PascalCase JSON names. Configuration, operations and errors: {@code
 * docs/client.md}; the wire contract with the kit's stub: {@code docs/scheme.md}.
 */
package dev.itk.client;
