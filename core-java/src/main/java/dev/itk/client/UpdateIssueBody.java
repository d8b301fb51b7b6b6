package dev.itk.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Turns an issue as read ({@code GET /issues/false/{n}}) into the body of {@code PUT /issues}: a
 * copy without the read-only fields, every other field kept as read, unknown ones included.
 *
 * <pre>{@code
 * ObjectNode body = UpdateIssueBody.from(readIssueJson); // no Metadata, Notes, Slaid, ...
 * body.get("CauseID");                                   // kept, though the client does not model it
 * }</pre>
 *
 * <p>Field names match exactly (case-sensitive), as the server writes them. Rule: {@code
 * docs/client.md#update-issue}.
 */
public final class UpdateIssueBody {
  /** Issue fields the server refuses in an update. */
  public static final List<String> READ_ONLY_FIELDS =
      List.of(
          "Metadata", "ExtensionData", "Notes", "SubmittedDate", "SLAComplianceStatus", "Slaid");

  /** Fields of each {@code UserDefinedFields} element the server refuses in an update. */
  public static final List<String> READ_ONLY_UDF_FIELDS =
      List.of("ExtensionData", "Metadata", "DisplayName");

  private UpdateIssueBody() {}

  /**
   * A deep copy of {@code issueAsRead} without the read-only fields, also removed from each
   * user-defined field.
   *
   * @throws IllegalArgumentException if {@code issueAsRead} is not a JSON object
   */
  public static ObjectNode from(JsonNode issueAsRead) {
    if (issueAsRead == null || !issueAsRead.isObject()) {
      throw new IllegalArgumentException(
          "the issue as read must be a JSON object; got "
              + (issueAsRead == null ? "nothing" : issueAsRead.getNodeType()));
    }
    ObjectNode body = ((ObjectNode) issueAsRead).deepCopy();
    body.remove(READ_ONLY_FIELDS);
    JsonNode fields = body.get("UserDefinedFields");
    if (fields != null && fields.isArray()) {
      for (JsonNode field : fields) {
        if (field.isObject()) {
          ((ObjectNode) field).remove(READ_ONLY_UDF_FIELDS);
        }
      }
    }
    return body;
  }
}
