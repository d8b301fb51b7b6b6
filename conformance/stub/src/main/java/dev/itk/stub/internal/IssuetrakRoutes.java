package dev.itk.stub.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Issuetrak API v1 routes of the wire contract ({@code docs/stub.md#routes}), for requests
 * whose signature was already accepted.
 *
 * <p>Routing uses the raw path lowercased with {@link Locale#ROOT}: any folders, then {@code
 * /api/v1}, then the route. Percent escapes are not decoded and empty segments do not match, so
 * {@code /api/v1//issues/false/1} is an unknown route even when correctly signed. One trailing
 * slash is allowed. Methods are matched exactly: {@code Get} is not {@code GET}.
 */
final class IssuetrakRoutes {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
  private static final String API_PREFIX = "/api/v1/";

  private final IssuetrakData data;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  IssuetrakRoutes(IssuetrakData data) {
    this.data = data;
  }

  StubResponse handle(String method, String rawPath, String rawQuery, byte[] body) {
    try {
      return route(method, rawPath, rawQuery == null ? "" : rawQuery, body);
    } catch (ApiError e) {
      return e.toResponse();
    }
  }

  private StubResponse route(String method, String rawPath, String query, byte[] body) {
    String lower = rawPath.toLowerCase(Locale.ROOT);
    int at = lower.indexOf(API_PREFIX);
    if (at < 0) {
      throw unknownRoute(rawPath);
    }
    String route = lower.substring(at + API_PREFIX.length());
    boolean trailingSlash = route.endsWith("/");
    if (trailingSlash) {
      route = route.substring(0, route.length() - 1);
    }
    List<String> s = Arrays.asList(route.split("/", -1));
    if (s.contains("")) {
      throw unknownRoute(rawPath);
    }
    String first = s.get(0);
    int n = s.size();

    if (first.equals("issues")) {
      if (n == 1) {
        return switch (allow(method, rawPath, "POST", "PUT")) {
          case "POST" -> createIssue(body);
          default -> updateIssue(body);
        };
      }
      if (n == 2 && s.get(1).equals("search")) {
        allow(method, rawPath, "POST");
        return search(body);
      }
      if (n == 2 || (n == 3 && s.get(2).equals("list"))) {
        allow(method, rawPath, "GET");
        return issueList(includeNotes(s.get(1)), query);
      }
      if (n == 3) {
        allow(method, rawPath, "GET");
        boolean includeNotes = includeNotes(s.get(1));
        int number = number(s.get(2), "issue number");
        return StubResponse.ok(
            data.readIssue(number, includeNotes).orElseThrow(() -> unknownIssue(number)));
      }
    }
    if (first.equals("notes")) {
      if (n == 1) {
        allow(method, rawPath, "POST");
        return createNote(body);
      }
      if (n == 2) {
        allow(method, rawPath, "GET");
        int id = number(s.get(1), "note ID");
        return StubResponse.ok(
            data.readNote(id)
                .orElseThrow(
                    () -> new ApiError(400, "unknown-note", "note ID " + id + " does not exist")));
      }
      if (n == 3 && s.get(1).equals("issue")) {
        allow(method, rawPath, "GET");
        int number = number(s.get(2), "issue number");
        if (!data.hasIssue(number)) {
          throw unknownIssue(number);
        }
        return StubResponse.ok(data.notesOf(number));
      }
    }
    var lookup = data.lookup(first);
    if (lookup.isPresent() && n <= 2) {
      allow(method, rawPath, "GET");
      if (n == 1) {
        return StubResponse.ok(data.lookupEntries(lookup.get()));
      }
      String id = s.get(1);
      if (!NUMBER.matcher(id).matches()) {
        throw new ApiError(422, "not-a-number", first + " ID \"" + id + "\" is not a number");
      }
      // A number too long for a long names no entry: 404 like any other missing ID.
      long wanted = id.length() > 18 ? Long.MIN_VALUE : Long.parseLong(id);
      return StubResponse.ok(
          data.lookupEntry(lookup.get(), wanted)
              .orElseThrow(
                  () -> new ApiError(404, "not-found", first + " ID " + id + " does not exist")));
    }
    throw unknownRoute(rawPath);
  }

  /** Returns the method if the route allows it; otherwise refuses with 405. */
  private static String allow(String method, String rawPath, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return a;
      }
    }
    String list = String.join(", ", allowed);
    String caseHint =
        Arrays.stream(allowed).anyMatch(a -> a.equalsIgnoreCase(method))
            ? "; methods are case-sensitive: send and sign " + method.toUpperCase(Locale.ROOT)
            : "";
    throw new ApiError(
            405,
            "method-not-allowed",
            "method " + method + " is not allowed on " + rawPath + "; allowed: " + list + caseHint)
        .allowing(list);
  }

  private static ApiError unknownRoute(String rawPath) {
    return new ApiError(
        404,
        "unknown-route",
        "no Issuetrak API v1 route matches the path "
            + rawPath
            + " (routes are matched on the raw path lowercased, after /api/v1/)");
  }

  private static ApiError unknownIssue(int number) {
    return new ApiError(400, "unknown-issue", "issue number " + number + " does not exist");
  }

  private static boolean includeNotes(String segment) {
    return switch (segment) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiError.invalidArgument("includeNotes \"" + segment + "\" must be true or false");
    };
  }

  private static int number(String text, String what) {
    if (!NUMBER.matcher(text).matches()) {
      throw ApiError.invalidArgument(what + " \"" + text + "\" is not a number");
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiError.invalidArgument(what + " " + text + " is out of range");
    }
  }

  private StubResponse issueList(boolean includeNotes, String query) {
    String list = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equalsIgnoreCase("issueNumbers")) {
        if (list != null) {
          throw ApiError.invalidArgument("issueNumbers is given more than once");
        }
        list = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      }
    }
    if (list == null) {
      throw ApiError.invalidArgument(
          "the query must carry issueNumbers, a comma-separated list like issueNumbers=1,2,3");
    }
    List<Integer> numbers = new ArrayList<>();
    for (String item : list.split(",", -1)) {
      String t = item.strip();
      if (!NUMBER.matcher(t).matches()) {
        throw ApiError.invalidArgument(
            "issueNumbers \"" + list + "\" has \"" + item + "\", which is not a number");
      }
      numbers.add(number(t, "issue number"));
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int number : numbers) {
      out.add(data.readIssue(number, includeNotes).orElseThrow(() -> unknownIssue(number)));
    }
    return StubResponse.ok(out);
  }

  private StubResponse createIssue(byte[] body) {
    ObjectNode create = object(body, "CreateIssueDTO");
    JsonNode subject = create.get("Subject");
    if (subject == null || !subject.isTextual() || subject.textValue().isBlank()) {
      throw ApiError.invalidArgument("Subject is missing; a new issue needs a non-empty Subject");
    }
    JsonNode notes = create.get("Notes");
    if (notes != null && !notes.isNull()) {
      if (!notes.isArray()) {
        throw ApiError.invalidArgument("Notes must be an array of CreateNoteDTO or null");
      }
      for (int i = 0; i < notes.size(); i++) {
        if (!notes.get(i).isObject() || !notes.get(i).path("NoteText").isTextual()) {
          throw ApiError.invalidArgument("Notes[" + i + "].NoteText is missing");
        }
      }
    }
    checkUdfs(create, false);
    return StubResponse.json(200, IntNode.valueOf(data.createIssue(create)));
  }

  private StubResponse updateIssue(byte[] body) {
    ObjectNode update = object(body, "UpdateIssueDTO");
    for (String field : IssuetrakData.READ_ONLY_ISSUE_FIELDS) {
      if (update.has(field)) {
        throw readOnly(field);
      }
    }
    checkUdfs(update, true);
    JsonNode numberNode = update.get("IssueNumber");
    int number;
    if (numberNode != null && numberNode.isIntegralNumber() && numberNode.canConvertToInt()) {
      number = numberNode.intValue();
    } else if (numberNode != null
        && numberNode.isTextual()
        && NUMBER.matcher(numberNode.textValue().strip()).matches()) {
      number = number(numberNode.textValue().strip(), "IssueNumber");
    } else {
      throw ApiError.invalidArgument(
          "IssueNumber is " + (numberNode == null ? "missing" : "not a number: " + numberNode));
    }
    if (!data.hasIssue(number)) {
      throw unknownIssue(number);
    }
    data.updateIssue(number, update);
    return StubResponse.json(200, IntNode.valueOf(number));
  }

  private static ApiError readOnly(String field) {
    return new ApiError(
        400,
        "read-only-field",
        field
            + " is read-only and must not be sent in an update; remove it from the issue as read"
            + " (as the vendor's sample does)");
  }

  private static void checkUdfs(ObjectNode dto, boolean update) {
    JsonNode udfs = dto.get("UserDefinedFields");
    if (udfs == null || udfs.isNull()) {
      return;
    }
    if (!udfs.isArray()) {
      throw ApiError.invalidArgument("UserDefinedFields must be an array or null");
    }
    for (int i = 0; i < udfs.size(); i++) {
      JsonNode u = udfs.get(i);
      if (!u.isObject()) {
        throw ApiError.invalidArgument("UserDefinedFields[" + i + "] must be an object");
      }
      if (update) {
        for (String field : IssuetrakData.READ_ONLY_UDF_FIELDS) {
          if (u.has(field)) {
            throw readOnly("UserDefinedFields[" + i + "]." + field);
          }
        }
      }
    }
  }

  private StubResponse search(byte[] body) {
    JsonNode search = parse(body);
    boolean includeNotes = search.path("CanIncludeNotes").asBoolean(false);
    return StubResponse.ok(IssueSearch.run(search, data.allIssues(includeNotes), data.metadata()));
  }

  private StubResponse createNote(byte[] body) {
    ObjectNode create = object(body, "CreateNoteDTO");
    JsonNode text = create.get("NoteText");
    if (text == null || !text.isTextual()) {
      throw ApiError.invalidArgument("NoteText is missing; a note needs its text");
    }
    JsonNode issue = create.get("IssueNumber");
    if (issue == null || !issue.isIntegralNumber() || !issue.canConvertToInt()) {
      throw ApiError.invalidArgument(
          "IssueNumber is " + (issue == null ? "missing" : "not a number: " + issue));
    }
    if (!data.hasIssue(issue.intValue())) {
      throw unknownIssue(issue.intValue());
    }
    return StubResponse.json(200, IntNode.valueOf(data.createNote(create)));
  }

  private ObjectNode object(byte[] body, String dto) {
    JsonNode node = parse(body);
    if (!node.isObject()) {
      throw new ApiError(
          400,
          "malformed-json",
          "the body must be a JSON object (" + dto + "); got a " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  private JsonNode parse(byte[] body) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ApiError(
          400,
          "malformed-body",
          "the body is not UTF-8 (first bad byte near offset "
              + firstBadByte(body)
              + "); encode the JSON as UTF-8 and sign those same bytes");
    }
    if (text.isBlank()) {
      throw new ApiError(400, "malformed-json", "the body is empty; send a JSON object");
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400, "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static int firstBadByte(byte[] body) {
    ByteBuffer in = ByteBuffer.wrap(body);
    StandardCharsets.UTF_8.newDecoder().decode(in, java.nio.CharBuffer.allocate(body.length), true);
    return in.position();
  }

  private static String formDecode(String raw) {
    return dev.itk.signing.QueryForm.DECODED.signedQuery(raw);
  }
}
