package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code Metadata} object every Issuetrak response DTO carries.
 *
 * <pre>{@code
 * issue.metadata().apiVersion(); // "v1"
 * issue.metadata().queryDate();  // "2014-02-27T11:30:10.0000000", as the server wrote it
 * }</pre>
 *
 * <p>Dates stay the server's text. Rule: {@code docs/client.md#dtos}.
 *
 * @param apiVersion {@code APIVersion}, e.g. {@code v1}
 * @param queryDate {@code QueryDate}, when the server answered
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metadata(
    @JsonProperty("APIVersion") String apiVersion, @JsonProperty("QueryDate") String queryDate) {}
