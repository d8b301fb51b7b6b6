package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A new issue (CreateIssueDTO), the body of {@code POST /issues}.
 *
 * <pre>{@code
 * CreateIssue issue = CreateIssue.builder()
 *     .subject("Printer on fire").description("Third floor").issueTypeId(1).submittedBy("admin")
 *     .build();
 * int issueNumber = client.createIssue(issue).body();
 * }</pre>
 *
 * <p>Null components are not written, so the server sees only what was set. Dates are text, sent as
 * given. Rule: {@code docs/client.md#dtos}.
 *
 * @param shouldSuppressEmailForCreateOperation {@code ShouldSuppressEmailForCreateOperation}
 * @param notes {@code Notes}
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateIssue(
    @JsonProperty("ShouldSuppressEmailForCreateOperation")
        Boolean shouldSuppressEmailForCreateOperation,
    @JsonProperty("Notes") List<CreateNote> notes,
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
    @JsonProperty("SpecialFunction5") String specialFunction5) {

  /** Copies the lists, so the value is immutable. */
  public CreateIssue {
    notes = notes == null ? null : List.copyOf(notes);
    userDefinedFields = userDefinedFields == null ? null : List.copyOf(userDefinedFields);
  }

  /** A builder with every field unset (null, not written). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this issue's fields. */
  public Builder toBuilder() {
    return new Builder()
        .shouldSuppressEmailForCreateOperation(shouldSuppressEmailForCreateOperation)
        .notes(notes)
        .userDefinedFields(userDefinedFields)
        .submittedDate(submittedDate)
        .enteredBy(enteredBy)
        .severityId(severityId)
        .subject(subject)
        .description(description)
        .isDescriptionRichText(isDescriptionRichText)
        .issueTypeId(issueTypeId)
        .issueSubTypeId(issueSubTypeId)
        .issueSubType2Id(issueSubType2Id)
        .issueSubType3Id(issueSubType3Id)
        .issueSubType4Id(issueSubType4Id)
        .priorityId(priorityId)
        .assetNumber(assetNumber)
        .locationId(locationId)
        .submittedBy(submittedBy)
        .assignedTo(assignedTo)
        .targetDate(targetDate)
        .requiredByDate(requiredByDate)
        .nextActionTo(nextActionTo)
        .subStatusId(subStatusId)
        .projectId(projectId)
        .organizationId(organizationId)
        .shouldNeverSendEmailForIssue(shouldNeverSendEmailForIssue)
        .classId(classId)
        .departmentId(departmentId)
        .specialFunction1(specialFunction1)
        .specialFunction2(specialFunction2)
        .specialFunction3(specialFunction3)
        .specialFunction4(specialFunction4)
        .specialFunction5(specialFunction5);
  }

  /** Builds a {@link CreateIssue}; every setter takes the value exactly as it is to be sent. */
  public static final class Builder {
    private Boolean shouldSuppressEmailForCreateOperation;
    private List<CreateNote> notes;
    private List<UserDefinedField> userDefinedFields;
    private String submittedDate;
    private String enteredBy;
    private Integer severityId;
    private String subject;
    private String description;
    private Boolean isDescriptionRichText;
    private Integer issueTypeId;
    private Integer issueSubTypeId;
    private Integer issueSubType2Id;
    private Integer issueSubType3Id;
    private Integer issueSubType4Id;
    private Integer priorityId;
    private Integer assetNumber;
    private String locationId;
    private String submittedBy;
    private String assignedTo;
    private String targetDate;
    private String requiredByDate;
    private String nextActionTo;
    private Integer subStatusId;
    private Integer projectId;
    private Integer organizationId;
    private Boolean shouldNeverSendEmailForIssue;
    private Integer classId;
    private Integer departmentId;
    private String specialFunction1;
    private String specialFunction2;
    private String specialFunction3;
    private String specialFunction4;
    private String specialFunction5;

    private Builder() {}

    /** {@code ShouldSuppressEmailForCreateOperation}. */
    public Builder shouldSuppressEmailForCreateOperation(
        Boolean shouldSuppressEmailForCreateOperation) {
      this.shouldSuppressEmailForCreateOperation = shouldSuppressEmailForCreateOperation;
      return this;
    }

    /** {@code Notes}; copied. */
    public Builder notes(List<CreateNote> notes) {
      this.notes = notes == null ? null : List.copyOf(notes);
      return this;
    }

    /** {@code UserDefinedFields}; copied. */
    public Builder userDefinedFields(List<UserDefinedField> userDefinedFields) {
      this.userDefinedFields = userDefinedFields == null ? null : List.copyOf(userDefinedFields);
      return this;
    }

    /** {@code SubmittedDate}. */
    public Builder submittedDate(String submittedDate) {
      this.submittedDate = submittedDate;
      return this;
    }

    /** {@code EnteredBy}. */
    public Builder enteredBy(String enteredBy) {
      this.enteredBy = enteredBy;
      return this;
    }

    /** {@code SeverityID}. */
    public Builder severityId(Integer severityId) {
      this.severityId = severityId;
      return this;
    }

    /** {@code Subject}. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** {@code Description}. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** {@code IsDescriptionRichText}. */
    public Builder isDescriptionRichText(Boolean isDescriptionRichText) {
      this.isDescriptionRichText = isDescriptionRichText;
      return this;
    }

    /** {@code IssueTypeID}. */
    public Builder issueTypeId(Integer issueTypeId) {
      this.issueTypeId = issueTypeId;
      return this;
    }

    /** {@code IssueSubTypeID}. */
    public Builder issueSubTypeId(Integer issueSubTypeId) {
      this.issueSubTypeId = issueSubTypeId;
      return this;
    }

    /** {@code IssueSubType2ID}. */
    public Builder issueSubType2Id(Integer issueSubType2Id) {
      this.issueSubType2Id = issueSubType2Id;
      return this;
    }

    /** {@code IssueSubType3ID}. */
    public Builder issueSubType3Id(Integer issueSubType3Id) {
      this.issueSubType3Id = issueSubType3Id;
      return this;
    }

    /** {@code IssueSubType4ID}. */
    public Builder issueSubType4Id(Integer issueSubType4Id) {
      this.issueSubType4Id = issueSubType4Id;
      return this;
    }

    /** {@code PriorityID}. */
    public Builder priorityId(Integer priorityId) {
      this.priorityId = priorityId;
      return this;
    }

    /** {@code AssetNumber}. */
    public Builder assetNumber(Integer assetNumber) {
      this.assetNumber = assetNumber;
      return this;
    }

    /** {@code LocationID}. */
    public Builder locationId(String locationId) {
      this.locationId = locationId;
      return this;
    }

    /** {@code SubmittedBy}. */
    public Builder submittedBy(String submittedBy) {
      this.submittedBy = submittedBy;
      return this;
    }

    /** {@code AssignedTo}. */
    public Builder assignedTo(String assignedTo) {
      this.assignedTo = assignedTo;
      return this;
    }

    /** {@code TargetDate}. */
    public Builder targetDate(String targetDate) {
      this.targetDate = targetDate;
      return this;
    }

    /** {@code RequiredByDate}. */
    public Builder requiredByDate(String requiredByDate) {
      this.requiredByDate = requiredByDate;
      return this;
    }

    /** {@code NextActionTo}. */
    public Builder nextActionTo(String nextActionTo) {
      this.nextActionTo = nextActionTo;
      return this;
    }

    /** {@code SubStatusID}. */
    public Builder subStatusId(Integer subStatusId) {
      this.subStatusId = subStatusId;
      return this;
    }

    /** {@code ProjectID}. */
    public Builder projectId(Integer projectId) {
      this.projectId = projectId;
      return this;
    }

    /** {@code OrganizationID}. */
    public Builder organizationId(Integer organizationId) {
      this.organizationId = organizationId;
      return this;
    }

    /** {@code ShouldNeverSendEmailForIssue}. */
    public Builder shouldNeverSendEmailForIssue(Boolean shouldNeverSendEmailForIssue) {
      this.shouldNeverSendEmailForIssue = shouldNeverSendEmailForIssue;
      return this;
    }

    /** {@code ClassID}. */
    public Builder classId(Integer classId) {
      this.classId = classId;
      return this;
    }

    /** {@code DepartmentID}. */
    public Builder departmentId(Integer departmentId) {
      this.departmentId = departmentId;
      return this;
    }

    /** {@code SpecialFunction1}. */
    public Builder specialFunction1(String specialFunction1) {
      this.specialFunction1 = specialFunction1;
      return this;
    }

    /** {@code SpecialFunction2}. */
    public Builder specialFunction2(String specialFunction2) {
      this.specialFunction2 = specialFunction2;
      return this;
    }

    /** {@code SpecialFunction3}. */
    public Builder specialFunction3(String specialFunction3) {
      this.specialFunction3 = specialFunction3;
      return this;
    }

    /** {@code SpecialFunction4}. */
    public Builder specialFunction4(String specialFunction4) {
      this.specialFunction4 = specialFunction4;
      return this;
    }

    /** {@code SpecialFunction5}. */
    public Builder specialFunction5(String specialFunction5) {
      this.specialFunction5 = specialFunction5;
      return this;
    }

    /** The issue. */
    public CreateIssue build() {
      return new CreateIssue(
          shouldSuppressEmailForCreateOperation,
          notes,
          userDefinedFields,
          submittedDate,
          enteredBy,
          severityId,
          subject,
          description,
          isDescriptionRichText,
          issueTypeId,
          issueSubTypeId,
          issueSubType2Id,
          issueSubType3Id,
          issueSubType4Id,
          priorityId,
          assetNumber,
          locationId,
          submittedBy,
          assignedTo,
          targetDate,
          requiredByDate,
          nextActionTo,
          subStatusId,
          projectId,
          organizationId,
          shouldNeverSendEmailForIssue,
          classId,
          departmentId,
          specialFunction1,
          specialFunction2,
          specialFunction3,
          specialFunction4,
          specialFunction5);
    }
  }
}
