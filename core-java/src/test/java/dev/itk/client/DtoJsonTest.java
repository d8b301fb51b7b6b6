package dev.itk.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DTOs' JSON names and order, against the reference's field lists, written by hand. */
class DtoJsonTest {
  private final IssuetrakClient client =
      IssuetrakClient.builder()
          .baseUrl("http://127.0.0.1:8089/api/v1")
          .apiKey(ClientTestSupport.KEY)
          .build();

  @Test
  void createIssue_writesEveryFieldWithItsIssuetrakName() {
    CreateIssue issue =
        CreateIssue.builder()
            .shouldSuppressEmailForCreateOperation(true)
            .notes(List.of(CreateNote.of(null, "n").withCreatedBy("admin").withPrivate(false)))
            .userDefinedFields(List.of(UserDefinedField.of(1, "v")))
            .submittedDate("2014-02-27T11:30:10")
            .enteredBy("admin")
            .severityId(1)
            .subject("S")
            .description("D")
            .isDescriptionRichText(false)
            .issueTypeId(2)
            .issueSubTypeId(3)
            .issueSubType2Id(4)
            .issueSubType3Id(5)
            .issueSubType4Id(6)
            .priorityId(7)
            .assetNumber(8)
            .locationId("HQ")
            .submittedBy("sb")
            .assignedTo("at")
            .targetDate("2014-03-01T00:00:00")
            .requiredByDate("2014-03-02T00:00:00")
            .nextActionTo("na")
            .subStatusId(9)
            .projectId(10)
            .organizationId(11)
            .shouldNeverSendEmailForIssue(false)
            .classId(12)
            .departmentId(13)
            .specialFunction1("f1")
            .specialFunction2("f2")
            .specialFunction3("f3")
            .specialFunction4("f4")
            .specialFunction5("f5")
            .build();

    assertThat(new String(client.toJson(issue), UTF_8))
        .isEqualTo(
            "{\"ShouldSuppressEmailForCreateOperation\":true,"
                + "\"Notes\":[{\"CreatedBy\":\"admin\",\"NoteText\":\"n\",\"IsPrivate\":false}],"
                + "\"UserDefinedFields\":[{\"UserDefinedFieldID\":1,\"Value\":\"v\"}],"
                + "\"SubmittedDate\":\"2014-02-27T11:30:10\",\"EnteredBy\":\"admin\","
                + "\"SeverityID\":1,\"Subject\":\"S\",\"Description\":\"D\","
                + "\"IsDescriptionRichText\":false,\"IssueTypeID\":2,\"IssueSubTypeID\":3,"
                + "\"IssueSubType2ID\":4,\"IssueSubType3ID\":5,\"IssueSubType4ID\":6,"
                + "\"PriorityID\":7,\"AssetNumber\":8,\"LocationID\":\"HQ\",\"SubmittedBy\":\"sb\","
                + "\"AssignedTo\":\"at\",\"TargetDate\":\"2014-03-01T00:00:00\","
                + "\"RequiredByDate\":\"2014-03-02T00:00:00\",\"NextActionTo\":\"na\","
                + "\"SubStatusID\":9,\"ProjectID\":10,\"OrganizationID\":11,"
                + "\"ShouldNeverSendEmailForIssue\":false,\"ClassID\":12,\"DepartmentID\":13,"
                + "\"SpecialFunction1\":\"f1\",\"SpecialFunction2\":\"f2\","
                + "\"SpecialFunction3\":\"f3\",\"SpecialFunction4\":\"f4\","
                + "\"SpecialFunction5\":\"f5\"}");
  }

  @Test
  void createIssue_toBuilder_keepsEveryField() {
    CreateIssue issue =
        CreateIssue.builder().subject("S").issueSubType3Id(5).specialFunction5("f5").build();

    assertThat(issue.toBuilder().build()).isEqualTo(issue);
  }

  @Test
  void createNote_writesEveryFieldWithItsIssuetrakName() {
    CreateNote note =
        CreateNote.of(1, "text")
            .withCreatedBy("admin")
            .withCreatedDate("2014-02-27T11:30:10.0000000")
            .withPrivate(true)
            .withRichText(false)
            .withSuppressEmail(true);

    assertThat(new String(client.toJson(note), UTF_8))
        .isEqualTo(
            "{\"IssueNumber\":1,\"CreatedBy\":\"admin\","
                + "\"CreatedDate\":\"2014-02-27T11:30:10.0000000\",\"NoteText\":\"text\","
                + "\"IsPrivate\":true,\"IsRichText\":false,"
                + "\"ShouldSuppressEmailForCreateOperation\":true}");
  }
}
