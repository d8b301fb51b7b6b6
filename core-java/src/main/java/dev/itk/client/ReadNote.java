package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A note as the API returns it (ReadNoteDTO).
 *
 * <pre>{@code
 * ReadNote note = client.getNote(1).body();
 * note.noteText(); // "First note"
 * }</pre>
 *
 * <p>Unknown properties are ignored; dates stay the server's text. Rule: {@code
 * docs/client.md#dtos}.
 *
 * @param extensionData {@code ExtensionData}; a JSON null reads as {@code NullNode}
 * @param metadata {@code Metadata}
 * @param noteId {@code NoteID}
 * @param issueNumber {@code IssueNumber}
 * @param createdDate {@code CreatedDate}
 * @param createdBy {@code CreatedBy}
 * @param modifiedBy {@code ModifiedBy}
 * @param modifiedDate {@code ModifiedDate}
 * @param noteText {@code NoteText}
 * @param isPrivate {@code IsPrivate}
 * @param isRichText {@code IsRichText}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadNote(
    @JsonProperty("ExtensionData") JsonNode extensionData,
    @JsonProperty("Metadata") Metadata metadata,
    @JsonProperty("NoteID") int noteId,
    @JsonProperty("IssueNumber") int issueNumber,
    @JsonProperty("CreatedDate") String createdDate,
    @JsonProperty("CreatedBy") String createdBy,
    @JsonProperty("ModifiedBy") String modifiedBy,
    @JsonProperty("ModifiedDate") String modifiedDate,
    @JsonProperty("NoteText") String noteText,
    @JsonProperty("IsPrivate") Boolean isPrivate,
    @JsonProperty("IsRichText") Boolean isRichText) {}
