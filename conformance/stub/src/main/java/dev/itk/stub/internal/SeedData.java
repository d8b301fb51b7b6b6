package dev.itk.stub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The issues and notes the stub starts with ({@code docs/stub.md#seed-data}): issues 1, 2 and 3,
 * issue 1 with notes 1 and 2. Issue 2 has non-ASCII text, so a client's UTF-8 handling shows.
 */
final class SeedData {
  private SeedData() {}

  private static final String ISSUES =
      """
      [
        {"IssueNumber": 1, "Status": "Open", "Subject": "Printer on floor 3 jams",
         "Description": "The printer by the lifts jams on every duplex job.",
         "IsDescriptionRichText": false, "EnteredBy": "admin", "SubmittedBy": "jdoe",
         "AssignedTo": "helpdesk", "NextActionTo": "helpdesk", "SeverityID": 2, "PriorityID": 1,
         "IssueTypeID": 1, "IssueSubTypeID": 0, "IssueSubType2ID": 1, "IssueSubType3ID": 1,
         "IssueSubType4ID": null, "SubStatusID": 0, "ProjectID": 0, "OrganizationID": 1,
         "LocationID": "HQ-3", "DepartmentID": 4, "ClassID": 1, "AssetNumber": 1042,
         "TargetDate": "2014-03-03T17:00:00.0000000", "RequiredByDate": null,
         "ShouldSuppressEmailForCreateOperation": false, "ShouldNeverSendEmailForIssue": false,
         "SpecialFunction1": "", "SpecialFunction2": "", "SpecialFunction3": "",
         "SpecialFunction4": "", "SpecialFunction5": "", "CauseID": 2, "ClosedDate": null,
         "ClosedBy": null,
         "UserDefinedFields": [{"UserDefinedFieldID": 1, "Value": "ASSET-1042"},
                               {"UserDefinedFieldID": 4, "Value": "DOC-77"}],
         "SubmittedDate": "2014-02-27T11:30:10.0000000", "SLAComplianceStatus": "Compliant",
         "Slaid": 3},
        {"IssueNumber": 2, "Status": "Open", "Subject": "Café Wi-Fi drops every hour",
         "Description": "Résumé uploads fail when the Wi-Fi drops – “smart quotes” included.",
         "IsDescriptionRichText": true, "EnteredBy": "admin", "SubmittedBy": "zoë",
         "AssignedTo": null, "NextActionTo": null, "SeverityID": null, "PriorityID": 2,
         "IssueTypeID": 3, "IssueSubTypeID": 0, "IssueSubType2ID": 0, "IssueSubType3ID": 0,
         "IssueSubType4ID": null, "SubStatusID": 0, "ProjectID": 0, "OrganizationID": 1,
         "LocationID": "", "DepartmentID": null, "ClassID": 1, "AssetNumber": 0,
         "TargetDate": null, "RequiredByDate": null,
         "ShouldSuppressEmailForCreateOperation": false, "ShouldNeverSendEmailForIssue": false,
         "SpecialFunction1": "", "SpecialFunction2": "", "SpecialFunction3": "",
         "SpecialFunction4": "", "SpecialFunction5": "", "CauseID": null, "ClosedDate": null,
         "ClosedBy": null, "UserDefinedFields": [],
         "SubmittedDate": "2014-03-01T08:05:00.1234567", "SLAComplianceStatus": "Not Applicable",
         "Slaid": null},
        {"IssueNumber": 3, "Status": "Closed", "Subject": "New starter needs a laptop",
         "Description": "Laptop for the new starter in accounts.",
         "IsDescriptionRichText": false, "EnteredBy": "admin", "SubmittedBy": "admin",
         "AssignedTo": "helpdesk", "NextActionTo": null, "SeverityID": 3, "PriorityID": 3,
         "IssueTypeID": 1, "IssueSubTypeID": 0, "IssueSubType2ID": 2, "IssueSubType3ID": 0,
         "IssueSubType4ID": null, "SubStatusID": 0, "ProjectID": 7, "OrganizationID": 2,
         "LocationID": "HQ-1", "DepartmentID": 2, "ClassID": 2, "AssetNumber": 0,
         "TargetDate": null, "RequiredByDate": "2014-03-10T09:00:00.0000000",
         "ShouldSuppressEmailForCreateOperation": false, "ShouldNeverSendEmailForIssue": true,
         "SpecialFunction1": "PO-5531", "SpecialFunction2": "", "SpecialFunction3": "",
         "SpecialFunction4": "", "SpecialFunction5": "", "CauseID": 5,
         "ClosedDate": "2014-03-07T16:45:00.0000000", "ClosedBy": "helpdesk",
         "UserDefinedFields": [{"UserDefinedFieldID": 1008, "Value": "2014-03-10T00:00:00"}],
         "SubmittedDate": "2014-03-04T10:00:00.0000000", "SLAComplianceStatus": "Compliant",
         "Slaid": 1}
      ]
      """;

  private static final String NOTES =
      """
      [
        {"NoteID": 1, "IssueNumber": 1, "CreatedDate": "2014-02-27T11:45:00.0000000",
         "CreatedBy": "helpdesk", "ModifiedBy": "helpdesk",
         "ModifiedDate": "2014-02-27T11:45:00.0000000",
         "NoteText": "Cleared the jam; asked facilities for a service visit.",
         "IsPrivate": false, "IsRichText": false},
        {"NoteID": 2, "IssueNumber": 1, "CreatedDate": "2014-02-28T09:10:00.0000000",
         "CreatedBy": "admin", "ModifiedBy": "admin",
         "ModifiedDate": "2014-02-28T09:10:00.0000000",
         "NoteText": "<p>Vendor visit booked for <b>Monday</b>.</p>",
         "IsPrivate": true, "IsRichText": true}
      ]
      """;

  static List<ObjectNode> issues() {
    return parse(ISSUES);
  }

  static List<ObjectNode> notes() {
    return parse(NOTES);
  }

  private static List<ObjectNode> parse(String json) {
    try {
      List<ObjectNode> out = new ArrayList<>();
      StubResponse.JSON.readTree(json).forEach(n -> out.add((ObjectNode) n));
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stub's seed data is not valid JSON", e);
    }
  }
}
