package dev.itk.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A change to an issue's update body, for {@link IssuetrakClient#updateIssue}: it receives the
 * issue as read less its read-only fields, and returns the body to send (usually the same node,
 * changed in place).
 *
 * <pre>{@code
 * client.updateIssue(1, IssueEdit.subject("Printer fixed").then(IssueEdit.userDefinedField(4, "1234")));
 * client.updateIssue(1, issue -> issue.put("PriorityID", 2)); // any UnaryOperator<ObjectNode>
 * }</pre>
 *
 * <p>Rule: {@code docs/client.md#update-issue}.
 */
@FunctionalInterface
public interface IssueEdit extends UnaryOperator<ObjectNode> {

  /** Sets {@code Subject}. */
  static IssueEdit subject(String subject) {
    Objects.requireNonNull(subject, "subject");
    return issue -> issue.put("Subject", subject);
  }

  /**
   * Sets any field to a JSON value.
   *
   * @throws IllegalArgumentException if the field is read-only ({@link
   *     UpdateIssueBody#READ_ONLY_FIELDS}): the server refuses it
   */
  static IssueEdit field(String name, JsonNode value) {
    Objects.requireNonNull(value, "value (use NullNode.getInstance() for JSON null)");
    if (UpdateIssueBody.READ_ONLY_FIELDS.contains(name)) {
      throw new IllegalArgumentException(
          "field \""
              + name
              + "\" is read-only: the server refuses an update that carries any of "
              + UpdateIssueBody.READ_ONLY_FIELDS);
    }
    return issue -> issue.set(name, value.deepCopy());
  }

  /**
   * Sets the {@code Value} of the user-defined field with this ID, or appends {@code
   * {"UserDefinedFieldID": id, "Value": value}} when the issue has none with that ID; the other
   * user-defined fields are kept.
   */
  static IssueEdit userDefinedField(int userDefinedFieldId, String value) {
    return issue -> {
      JsonNode fields = issue.get("UserDefinedFields");
      if (fields == null || !fields.isArray()) {
        fields = issue.putArray("UserDefinedFields");
      }
      for (JsonNode field : fields) {
        JsonNode id = field.get("UserDefinedFieldID");
        if (field.isObject()
            && id != null
            && id.canConvertToInt()
            && id.asInt() == userDefinedFieldId) {
          ((ObjectNode) field).put("Value", value);
          return issue;
        }
      }
      ((ArrayNode) fields)
          .addObject()
          .put("UserDefinedFieldID", userDefinedFieldId)
          .put("Value", value);
      return issue;
    };
  }

  /** This change, then {@code next} on its result. */
  default IssueEdit then(UnaryOperator<ObjectNode> next) {
    Objects.requireNonNull(next, "next");
    return issue -> next.apply(apply(issue));
  }
}
