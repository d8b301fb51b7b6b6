package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An issue as the API returns it (ReadIssueDTO): the create fields plus the number, notes, SLA and
 * status fields.
 *
 * <pre>{@code
 * ReadIssue issue = client.getIssue(1, true).body();
 * issue.subject();       // "Printer on fire"
 * issue.notes().size();  // 2 (null when read without notes)
 * }</pre>
 *
 * <p>Unknown properties (e.g. {@code CauseID}) are ignored here; {@link
 * IssuetrakClient#updateIssue} works on the JSON tree and keeps them. Dates stay the server's text.
 * Rule: {@code docs/client.md#dtos}.
 *
 * @param extensionData {@code ExtensionData}; a JSON null reads as {@code NullNode}
 * @param metadata {@code Metadata}
 * @param issueNumber {@code IssueNumber}
 * @param shouldSuppressEmailForCreateOperation {@code ShouldSuppressEmailForCreateOperation}
 * @param userDefinedFields {@code UserDefinedFields}
 * @param submittedDate {@code SubmittedDate}
 * @param enteredBy {@code EnteredBy}
 * @param severityId {@code SeverityID}
 * @param subject {@code Subject}
 * @param description {@code Description}
 * @param isDescriptionRichText {@code IsDescriptionRichText}
 * @param issueTypeId {@code IssueTypeID}
 * @param issueSubTypeId {@code IssueSubTypeID}
 * @param issueSubType2Id {@code IssueSubType2ID}
 * @param issueSubType3Id {@code IssueSubType3ID}
 * @param issueSubType4Id {@code IssueSubType4ID}
 * @param priorityId {@code PriorityID}
 * @param assetNumber {@code AssetNumber}
 * @param locationId {@code LocationID}
 * @param submittedBy {@code SubmittedBy}
 * @param assignedTo {@code AssignedTo}
 * @param targetDate {@code TargetDate}
 * @param requiredByDate {@code RequiredByDate}
 * @param nextActionTo {@code NextActionTo}
 * @param subStatusId {@code SubStatusID}
 * @param projectId {@code ProjectID}
 * @param organizationId {@code OrganizationID}
 * @param shouldNeverSendEmailForIssue {@code ShouldNeverSendEmailForIssue}
 * @param classId {@code ClassID}
 * @param departmentId {@code DepartmentID}
 * @param specialFunction1 {@code SpecialFunction1}
 * @param specialFunction2 {@code SpecialFunction2}
 * @param specialFunction3 {@code SpecialFunction3}
 * @param specialFunction4 {@code SpecialFunction4}
 * @param specialFunction5 {@code SpecialFunction5}
 * @param notes {@code Notes}
 * @param slaComplianceStatus {@code SLAComplianceStatus}
 * @param slaid {@code Slaid}
 * @param status {@code Status}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadIssue(
    @JsonProperty("ExtensionData") JsonNode extensionData,
    @JsonProperty("Metadata") Metadata metadata,
    @JsonProperty("IssueNumber") int issueNumber,
    @JsonProperty("ShouldSuppressEmailForCreateOperation")
        Boolean shouldSuppressEmailForCreateOperation,
    @JsonProperty("UserDefinedFields") List<UserDefinedField> userDefinedFields,
    @JsonProperty("SubmittedDate") String submittedDate,
    @JsonProperty("EnteredBy") String enteredBy,
    @JsonProperty("SeverityID") Integer severityId,
    @JsonProperty("Subject") String subject,
    @JsonProperty("Description") String description,
    @JsonProperty("IsDescriptionRichText") Boolean isDescriptionRichText,
    @JsonProperty("IssueTypeID") Integer issueTypeId,
    @JsonProperty("IssueSubTypeID") Integer issueSubTypeId,
    @JsonProperty("IssueSubType2ID") Integer issueSubType2Id,
    @JsonProperty("IssueSubType3ID") Integer issueSubType3Id,
    @JsonProperty("IssueSubType4ID") Integer issueSubType4Id,
    @JsonProperty("PriorityID") Integer priorityId,
    @JsonProperty("AssetNumber") Integer assetNumber,
    @JsonProperty("LocationID") String locationId,
    @JsonProperty("SubmittedBy") String submittedBy,
    @JsonProperty("AssignedTo") String assignedTo,
    @JsonProperty("TargetDate") String targetDate,
    @JsonProperty("RequiredByDate") String requiredByDate,
    @JsonProperty("NextActionTo") String nextActionTo,
    @JsonProperty("SubStatusID") Integer subStatusId,
    @JsonProperty("ProjectID") Integer projectId,
    @JsonProperty("OrganizationID") Integer organizationId,
    @JsonProperty("ShouldNeverSendEmailForIssue") Boolean shouldNeverSendEmailForIssue,
    @JsonProperty("ClassID") Integer classId,
    @JsonProperty("DepartmentID") Integer departmentId,
    @JsonProperty("SpecialFunction1") String specialFunction1,
    @JsonProperty("SpecialFunction2") String specialFunction2,
    @JsonProperty("SpecialFunction3") String specialFunction3,
    @JsonProperty("SpecialFunction4") String specialFunction4,
    @JsonProperty("SpecialFunction5") String specialFunction5,
    @JsonProperty("Notes") List<ReadNote> notes,
    @JsonProperty("SLAComplianceStatus") String slaComplianceStatus,
    @JsonProperty("Slaid") Integer slaid,
    @JsonProperty("Status") String status) {

  /** Copies the lists, so the value is immutable. */
  public ReadIssue {
    notes = notes == null ? null : List.copyOf(notes);
    userDefinedFields = userDefinedFields == null ? null : List.copyOf(userDefinedFields);
  }
}
