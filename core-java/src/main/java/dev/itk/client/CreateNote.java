package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A new note (CreateNoteDTO), the body of {@code POST /notes}.
 *
 * <pre>{@code
 * CreateNote note = CreateNote.of(1, "Called the customer").withCreatedBy("admin");
 * int noteId = client.createNote(note).body();
 * }</pre>
 *
 * <p>Null components are not written; dates are text, sent as given. Rule: {@code
 * docs/client.md#dtos}.
 *
 * @param issueNumber {@code IssueNumber}; null (not written) for a note inside a {@link
 *     CreateIssue}
 * @param createdBy {@code CreatedBy}
 * @param createdDate {@code CreatedDate}, e.g. {@code 2014-02-27T11:30:10.0000000}
 * @param noteText {@code NoteText}
 * @param isPrivate {@code IsPrivate}
 * @param isRichText {@code IsRichText}
 * @param shouldSuppressEmailForCreateOperation {@code ShouldSuppressEmailForCreateOperation}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateNote(
    @JsonProperty("IssueNumber") Integer issueNumber,
    @JsonProperty("CreatedBy") String createdBy,
    @JsonProperty("CreatedDate") String createdDate,
    @JsonProperty("NoteText") String noteText,
    @JsonProperty("IsPrivate") Boolean isPrivate,
    @JsonProperty("IsRichText") Boolean isRichText,
    @JsonProperty("ShouldSuppressEmailForCreateOperation")
        Boolean shouldSuppressEmailForCreateOperation) {

  /** A note with only the issue number (null inside a {@link CreateIssue}) and the text set. */
  public static CreateNote of(Integer issueNumber, String noteText) {
    return new CreateNote(issueNumber, null, null, noteText, null, null, null);
  }

  /** This note with {@code CreatedBy} set. */
  public CreateNote withCreatedBy(String createdBy) {
    return new CreateNote(
        issueNumber,
        createdBy,
        createdDate,
        noteText,
        isPrivate,
        isRichText,
        shouldSuppressEmailForCreateOperation);
  }

  /** This note with {@code CreatedDate} set (text, sent as given). */
  public CreateNote withCreatedDate(String createdDate) {
    return new CreateNote(
        issueNumber,
        createdBy,
        createdDate,
        noteText,
        isPrivate,
        isRichText,
        shouldSuppressEmailForCreateOperation);
  }

  /** This note with {@code IsPrivate} set. */
  public CreateNote withPrivate(boolean isPrivate) {
    return new CreateNote(
        issueNumber,
        createdBy,
        createdDate,
        noteText,
        isPrivate,
        isRichText,
        shouldSuppressEmailForCreateOperation);
  }

  /** This note with {@code IsRichText} set. */
  public CreateNote withRichText(boolean isRichText) {
    return new CreateNote(
        issueNumber,
        createdBy,
        createdDate,
        noteText,
        isPrivate,
        isRichText,
        shouldSuppressEmailForCreateOperation);
  }

  /** This note with {@code ShouldSuppressEmailForCreateOperation} set. */
  public CreateNote withSuppressEmail(boolean suppress) {
    return new CreateNote(
        issueNumber, createdBy, createdDate, noteText, isPrivate, isRichText, suppress);
  }
}
