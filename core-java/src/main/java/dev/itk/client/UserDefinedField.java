package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user-defined field of an issue, as read ({@code DisplayName}, {@code ExtensionData}, {@code
 * Metadata} set) or as sent on create (only the ID and the value).
 *
 * <pre>{@code
 * UserDefinedField.of(4, "1234"); // {"UserDefinedFieldID":4,"Value":"1234"}
 * }</pre>
 *
 * <p>Null components are not written. Rule: {@code docs/client.md#dtos}.
 *
 * @param userDefinedFieldId {@code UserDefinedFieldID}
 * @param value {@code Value}, as text (dates too)
 * @param displayName {@code DisplayName}; read-only
 * @param extensionData {@code ExtensionData}; a JSON null reads as {@code NullNode}; read-only
 * @param metadata {@code Metadata}; read-only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserDefinedField(
    @JsonProperty("UserDefinedFieldID") Integer userDefinedFieldId,
    @JsonProperty("Value") String value,
    @JsonProperty("DisplayName") String displayName,
    @JsonProperty("ExtensionData") JsonNode extensionData,
    @JsonProperty("Metadata") Metadata metadata) {

  /** A field to send: its ID and value only. */
  public static UserDefinedField of(int userDefinedFieldId, String value) {
    return new UserDefinedField(userDefinedFieldId, value, null, null, null);
  }
}
