package dev.itk.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.signing.IssuetrakTimestamp;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stub's in-memory Issuetrak: issues, notes and the lookups, seeded as {@code
 * docs/stub.md#seed-data} says. Every method is synchronized, so concurrent requests see whole
 * issues.
 *
 * <p>Bounded: what clients create is kept up to {@link DataLimits}, the oldest dropped first.
 *
 * <p>An issue is stored as the fields a client can write, in {@link #WRITABLE_ISSUE_FIELDS} order,
 * then any fields the stub does not know (kept as sent), plus the read-only fields. Reads add
 * {@code ExtensionData}, {@code Metadata} and the notes.
 */
public final class IssuetrakData {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The fields of an issue that create and update set, in the order reads show them. */
  static final List<String> WRITABLE_ISSUE_FIELDS =
      List.of(
          "Status",
          "Subject",
          "Description",
          "IsDescriptionRichText",
          "EnteredBy",
          "SubmittedBy",
          "AssignedTo",
          "NextActionTo",
          "SeverityID",
          "PriorityID",
          "IssueTypeID",
          "IssueSubTypeID",
          "IssueSubType2ID",
          "IssueSubType3ID",
          "IssueSubType4ID",
          "SubStatusID",
          "ProjectID",
          "OrganizationID",
          "LocationID",
          "DepartmentID",
          "ClassID",
          "AssetNumber",
          "TargetDate",
          "RequiredByDate",
          "ShouldSuppressEmailForCreateOperation",
          "ShouldNeverSendEmailForIssue",
          "SpecialFunction1",
          "SpecialFunction2",
          "SpecialFunction3",
          "SpecialFunction4",
          "SpecialFunction5",
          "CauseID",
          "ClosedDate",
          "ClosedBy");

  /** Fields an update must not carry (the server sets them), as the vendor's sample removes. */
  static final List<String> READ_ONLY_ISSUE_FIELDS =
      List.of(
          "Metadata", "ExtensionData", "Notes", "SubmittedDate", "SLAComplianceStatus", "Slaid");

  /** Fields of a user-defined field entry that an update must not carry. */
  static final List<String> READ_ONLY_UDF_FIELDS =
      List.of("ExtensionData", "Metadata", "DisplayName");

  /** A lookup route, its ID field and its entries. */
  record Lookup(String route, String idField, List<ObjectNode> entries) {}

  /**
   * How much clients may create: at most {@code maxCreated} issues and notes together, and about
   * {@code maxCreatedBytes} of them; beyond either, the oldest created are dropped (the seed data
   * never is), so a stub that serves a client for hours stays bounded.
   */
  public record DataLimits(int maxCreated, long maxCreatedBytes) {
    /** 10 000 created issues and notes, 64 MiB. */
    public static final DataLimits DEFAULT = new DataLimits(10_000, 64L << 20);

    public DataLimits {
      if (maxCreated < 1) {
        throw new IllegalArgumentException("maxCreatedItems must be at least 1; got " + maxCreated);
      }
      if (maxCreatedBytes < 1) {
        throw new IllegalArgumentException(
            "maxCreatedBytes must be at least 1; got " + maxCreatedBytes);
      }
    }
  }

  /** What clients created and what was dropped to stay within the limits. */
  record DataCounts(
      int issues,
      int notes,
      int created,
      long createdBytes,
      long droppedIssues,
      long droppedNotes) {}

  /** An issue or note a client created, in creation order, with about how much memory it holds. */
  private record Created(boolean note, int id) {}

  private final Clock clock;
  private final DataLimits limits;
  private final TreeMap<Integer, ObjectNode> issues = new TreeMap<>();
  private final TreeMap<Integer, ObjectNode> notes = new TreeMap<>();
  private final Map<String, Lookup> lookups = new LinkedHashMap<>();
  private final Map<Integer, String> udfNames = new LinkedHashMap<>();
  private final ArrayDeque<Created> createdOrder = new ArrayDeque<>();
  private final Map<Integer, Long> createdIssueBytes = new HashMap<>();
  private final Map<Integer, Long> createdNoteBytes = new HashMap<>();
  private long createdBytes;
  private long droppedIssues;
  private long droppedNotes;
  private int nextIssue;
  private int nextNote;

  IssuetrakData(Clock clock, DataLimits limits) {
    this.clock = clock;
    this.limits = limits;
    reset();
  }

  /** Restores the seed data; what clients created is gone, and so are the counts. */
  synchronized void reset() {
    issues.clear();
    notes.clear();
    createdOrder.clear();
    createdIssueBytes.clear();
    createdNoteBytes.clear();
    createdBytes = 0;
    droppedIssues = 0;
    droppedNotes = 0;
    lookups.clear();
    udfNames.clear();
    udfNames.put(1, "Asset Tag");
    udfNames.put(4, "Document Number");
    udfNames.put(1008, "Due Date");
    SeedData.issues().forEach(i -> issues.put(i.get("IssueNumber").intValue(), i));
    SeedData.notes().forEach(n -> notes.put(n.get("NoteID").intValue(), n));
    nextIssue = issues.lastKey() + 1;
    nextNote = notes.lastKey() + 1;
    lookup("issuetypes", "IssueTypeID", "IssueTypeName", "Hardware", "Software", "Network");
    lookup("issuesubtypes2", "IssueSubType2ID", "IssueSubType2Name", "Printer", "Laptop");
    lookup("issuesubtypes3", "IssueSubType3ID", "IssueSubType3Name", "Paper jam", "Toner");
    lookup(
        "userdefinedfieldtypes",
        "UserDefinedFieldTypeID",
        "UserDefinedFieldTypeName",
        "Text",
        "Date",
        "Number");
  }

  private void lookup(String route, String idField, String nameField, String... names) {
    List<ObjectNode> entries = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      ObjectNode e = NODES.objectNode();
      e.put(idField, i + 1);
      e.put(nameField, names[i]);
      e.put("IsActive", true);
      entries.add(e);
    }
    lookups.put(route, new Lookup(route, idField, entries));
  }

  /** The {@code Metadata} object every response DTO carries. */
  ObjectNode metadata() {
    ObjectNode m = NODES.objectNode();
    m.put("APIVersion", "v1");
    m.put("QueryDate", dotNetDate());
    return m;
  }

  /** Now, as Issuetrak writes dates: 7 fractional digits, no zone. */
  String dotNetDate() {
    String ts = IssuetrakTimestamp.format(clock.instant());
    return ts.substring(0, ts.length() - 1);
  }

  private ObjectNode dto() {
    ObjectNode o = NODES.objectNode();
    o.putNull("ExtensionData");
    o.set("Metadata", metadata());
    return o;
  }

  synchronized boolean hasIssue(int number) {
    return issues.containsKey(number);
  }

  synchronized Set<Integer> issueNumbers() {
    return Set.copyOf(issues.keySet());
  }

  /** The ReadIssueDTO of an issue, with its notes when {@code includeNotes}. */
  synchronized Optional<ObjectNode> readIssue(int number, boolean includeNotes) {
    ObjectNode stored = issues.get(number);
    if (stored == null) {
      return Optional.empty();
    }
    ObjectNode out = dto();
    out.put("IssueNumber", number);
    for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      switch (f.getKey()) {
        case "IssueNumber", "Notes" -> {}
        case "UserDefinedFields" -> out.set("UserDefinedFields", readUdfs(f.getValue()));
        default -> out.set(f.getKey(), f.getValue().deepCopy());
      }
    }
    if (includeNotes) {
      out.set("Notes", notesOf(number));
    } else {
      out.putNull("Notes");
    }
    return Optional.of(out);
  }

  private ArrayNode readUdfs(JsonNode stored) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode udf : stored) {
      ObjectNode o = NODES.objectNode();
      o.putNull("ExtensionData");
      o.set("Metadata", metadata());
      JsonNode id = udf.get("UserDefinedFieldID");
      o.set("UserDefinedFieldID", id == null ? NODES.nullNode() : id.deepCopy());
      o.set("Value", udf.has("Value") ? udf.get("Value").deepCopy() : NODES.nullNode());
      String name = id != null && id.canConvertToInt() ? udfNames.get(id.intValue()) : null;
      o.put("DisplayName", name);
      udf.fields()
          .forEachRemaining(
              f -> {
                if (!o.has(f.getKey())) {
                  o.set(f.getKey(), f.getValue().deepCopy());
                }
              });
      out.add(o);
    }
    return out;
  }

  /** Creates an issue from a CreateIssueDTO already checked by the router; returns its number. */
  synchronized int createIssue(ObjectNode create) {
    int number = nextIssue++;
    ObjectNode stored = NODES.objectNode();
    stored.put("IssueNumber", number);
    copyWritable(create, stored);
    if (!create.hasNonNull("Status")) {
      stored.put("Status", "Open");
    }
    JsonNode submitted = create.get("SubmittedDate");
    stored.set(
        "SubmittedDate",
        submitted != null && !submitted.isNull()
            ? submitted.deepCopy()
            : NODES.textNode(dotNetDate()));
    stored.put("SLAComplianceStatus", "Not Applicable");
    stored.putNull("Slaid");
    issues.put(number, stored);
    createdOrder.addLast(new Created(false, number));
    long size = weight(stored);
    createdIssueBytes.put(number, size);
    createdBytes += size;
    JsonNode createNotes = create.get("Notes");
    if (createNotes != null && createNotes.isArray()) {
      for (JsonNode n : createNotes) {
        ObjectNode note = ((ObjectNode) n).deepCopy();
        note.put("IssueNumber", number);
        createNote(note);
      }
    }
    trim();
    return number;
  }

  /**
   * Replaces an issue's writable fields with those of an UpdateIssueDTO already checked by the
   * router: a writable field the update leaves out becomes null; fields the stub does not know are
   * kept as sent; the read-only fields keep their values.
   */
  synchronized void updateIssue(int number, ObjectNode update) {
    ObjectNode old = issues.get(number);
    ObjectNode stored = NODES.objectNode();
    stored.put("IssueNumber", number);
    copyWritable(update, stored);
    for (String readOnly : List.of("SubmittedDate", "SLAComplianceStatus", "Slaid")) {
      stored.set(readOnly, old.get(readOnly).deepCopy());
    }
    issues.put(number, stored);
    Long before = createdIssueBytes.get(number);
    if (before != null) {
      long size = weight(stored);
      createdIssueBytes.put(number, size);
      createdBytes += size - before;
      trim();
    }
  }

  /** Drops the oldest created issues and notes while over a limit; never the newest one. */
  private void trim() {
    while (createdOrder.size() > 1
        && (createdOrder.size() > limits.maxCreated() || createdBytes > limits.maxCreatedBytes())) {
      Created c = createdOrder.removeFirst();
      if (c.note()) {
        notes.remove(c.id());
        createdBytes -= createdNoteBytes.remove(c.id());
        droppedNotes++;
      } else {
        issues.remove(c.id());
        createdBytes -= createdIssueBytes.remove(c.id());
        droppedIssues++;
      }
    }
  }

  synchronized DataCounts counts() {
    return new DataCounts(
        issues.size(),
        notes.size(),
        createdOrder.size(),
        createdBytes,
        droppedIssues,
        droppedNotes);
  }

  /** About the memory a stored value holds: its text and a fixed overhead per node. */
  private static long weight(JsonNode node) {
    long w = 48;
    if (node.isTextual()) {
      w += 2L * node.textValue().length();
    } else if (node.isContainerNode()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        w += 48 + 2L * f.getKey().length() + weight(f.getValue());
      }
      if (node.isArray()) {
        for (JsonNode item : node) {
          w += weight(item);
        }
      }
    }
    return w;
  }

  private static void copyWritable(ObjectNode from, ObjectNode to) {
    for (String field : WRITABLE_ISSUE_FIELDS) {
      JsonNode v = from.get(field);
      to.set(field, v == null ? NODES.nullNode() : v.deepCopy());
    }
    JsonNode udfs = from.get("UserDefinedFields");
    ArrayNode storedUdfs = NODES.arrayNode();
    if (udfs != null && udfs.isArray()) {
      udfs.forEach(u -> storedUdfs.add(u.deepCopy()));
    }
    to.set("UserDefinedFields", storedUdfs);
    from.fields()
        .forEachRemaining(
            f -> {
              String k = f.getKey();
              boolean known =
                  WRITABLE_ISSUE_FIELDS.contains(k)
                      || READ_ONLY_ISSUE_FIELDS.contains(k)
                      || k.equals("UserDefinedFields")
                      || k.equals("IssueNumber");
              if (!known) {
                to.set(k, f.getValue().deepCopy());
              }
            });
  }

  /** Every issue's ReadIssueDTO, by issue number. */
  synchronized List<ObjectNode> allIssues(boolean includeNotes) {
    List<ObjectNode> out = new ArrayList<>();
    for (int n : issues.keySet()) {
      out.add(readIssue(n, includeNotes).orElseThrow());
    }
    return out;
  }

  synchronized Optional<ObjectNode> readNote(int noteId) {
    ObjectNode stored = notes.get(noteId);
    return stored == null ? Optional.empty() : Optional.of(readNote(stored));
  }

  private ObjectNode readNote(ObjectNode stored) {
    ObjectNode out = dto();
    out.setAll(stored.deepCopy());
    return out;
  }

  /** The ReadNoteDTOs of an issue, by note ID. */
  synchronized ArrayNode notesOf(int issueNumber) {
    ArrayNode out = NODES.arrayNode();
    for (ObjectNode n : notes.values()) {
      if (n.get("IssueNumber").intValue() == issueNumber) {
        out.add(readNote(n));
      }
    }
    return out;
  }

  /** Adds a note from a CreateNoteDTO already checked by the router; returns its ID. */
  synchronized int createNote(ObjectNode create) {
    int id = nextNote++;
    ObjectNode stored = NODES.objectNode();
    stored.put("NoteID", id);
    stored.put("IssueNumber", create.get("IssueNumber").intValue());
    String now = dotNetDate();
    JsonNode created = create.get("CreatedDate");
    JsonNode createdDate =
        created != null && !created.isNull() ? created.deepCopy() : NODES.textNode(now);
    JsonNode createdBy = orDefault(create.get("CreatedBy"), NODES.textNode("api"));
    stored.set("CreatedDate", createdDate);
    stored.set("CreatedBy", createdBy);
    stored.set("ModifiedBy", createdBy.deepCopy());
    stored.set("ModifiedDate", createdDate.deepCopy());
    stored.set("NoteText", create.get("NoteText").deepCopy());
    stored.set("IsPrivate", orDefault(create.get("IsPrivate"), NODES.booleanNode(false)));
    stored.set("IsRichText", orDefault(create.get("IsRichText"), NODES.booleanNode(false)));
    notes.put(id, stored);
    createdOrder.addLast(new Created(true, id));
    long size = weight(stored);
    createdNoteBytes.put(id, size);
    createdBytes += size;
    trim();
    return id;
  }

  private static JsonNode orDefault(JsonNode value, JsonNode fallback) {
    return value == null || value.isNull() ? fallback : value.deepCopy();
  }

  synchronized Optional<Lookup> lookup(String route) {
    return Optional.ofNullable(lookups.get(route));
  }

  /** The lookup's entries as response DTOs. */
  synchronized ArrayNode lookupEntries(Lookup lookup) {
    ArrayNode out = NODES.arrayNode();
    lookup.entries().forEach(e -> out.add(lookupEntry(e)));
    return out;
  }

  synchronized Optional<ObjectNode> lookupEntry(Lookup lookup, long id) {
    return lookup.entries().stream()
        .filter(e -> e.get(lookup.idField()).longValue() == id)
        .findFirst()
        .map(this::lookupEntry);
  }

  private ObjectNode lookupEntry(ObjectNode e) {
    ObjectNode out = dto();
    out.setAll(e.deepCopy());
    return out;
  }
}
