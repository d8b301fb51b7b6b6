package dev.itk.stub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code POST /issues/search}: the subset of SearchIssueDTO the stub understands ({@code
 * docs/stub.md#search}). Filters compare an issue's field with {@code FieldFilterValue1} (and
 * {@code 2} for {@code Between}): numerically when both are numbers, else as text ignoring case.
 * Operation and operator names are the kit's choice, matched ignoring case.
 */
final class IssueSearch {
  private enum Operation {
    EQUAL,
    NOTEQUAL,
    CONTAINS,
    DOESNOTCONTAIN,
    STARTSWITH,
    ENDSWITH,
    GREATERTHAN,
    GREATERTHANOREQUAL,
    LESSTHAN,
    LESSTHANOREQUAL,
    BETWEEN,
    ISNULL,
    ISNOTNULL;

    static Operation of(String name) {
      String n = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
      n = n.replace("EQUALTO", "EQUAL").replace("EQUALS", "EQUAL");
      for (Operation o : values()) {
        if (o.name().equals(n)) {
          return o;
        }
      }
      throw ApiError.invalidArgument(
          "QueryExpressionOperation \""
              + name
              + "\" is not one of Equal, NotEqual, Contains, DoesNotContain, StartsWith, EndsWith,"
              + " GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, Between, IsNull,"
              + " IsNotNull");
    }
  }

  private IssueSearch() {}

  /** Runs a search over {@code issues} (ReadIssueDTOs) and builds the paged answer. */
  static ObjectNode run(JsonNode search, List<ObjectNode> issues, ObjectNode metadata) {
    if (!search.isObject()) {
      throw ApiError.invalidArgument("the search body must be a JSON object (SearchIssueDTO)");
    }
    int pageIndex = intField(search, "PageIndex", 0);
    int pageSize = intField(search, "PageSize", 0);
    if (pageIndex < 0 || pageSize < 0) {
      throw ApiError.invalidArgument(
          "PageIndex and PageSize must be 0 or more; got " + pageIndex + " and " + pageSize);
    }
    Predicate<ObjectNode> filter = filter(search.get("QuerySetDefinitions"));
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode issue : issues) {
      if (filter.test(issue)) {
        matching.add(issue);
      }
    }
    matching.sort(ordering(search.get("QueryOrderingDefinitions")));

    List<ObjectNode> page = matching;
    if (pageSize > 0) {
      int from = (int) Math.min((long) pageIndex * pageSize, matching.size());
      page = matching.subList(from, Math.min(from + pageSize, matching.size()));
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.putNull("ExtensionData");
    out.set("Metadata", metadata);
    out.put("TotalRecordCount", matching.size());
    out.put("PageIndex", pageIndex);
    out.put("PageSize", pageSize);
    ArrayNode collection = out.putArray("Collection");
    page.forEach(collection::add);
    return out;
  }

  private static int intField(JsonNode search, String name, int fallback) {
    JsonNode v = search.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw ApiError.invalidArgument(name + " must be a whole number; got " + v);
    }
    return v.intValue();
  }

  private static Predicate<ObjectNode> filter(JsonNode sets) {
    if (sets == null || sets.isNull()) {
      return issue -> true;
    }
    if (!sets.isArray()) {
      throw ApiError.invalidArgument("QuerySetDefinitions must be an array");
    }
    List<JsonNode> ordered = new ArrayList<>();
    sets.forEach(ordered::add);
    ordered.sort(Comparator.comparingInt(s -> s.path("QuerySetIndex").asInt(0)));
    Predicate<ObjectNode> all = null;
    for (JsonNode set : ordered) {
      Predicate<ObjectNode> p = expressions(set.get("QuerySetExpressions"));
      all =
          all == null
              ? p
              : combine(all, p, text(set.get("QuerySetOperator"), "And"), "QuerySetOperator");
    }
    return all == null ? issue -> true : all;
  }

  private static Predicate<ObjectNode> expressions(JsonNode expressions) {
    if (expressions == null || expressions.isNull()) {
      return issue -> true;
    }
    if (!expressions.isArray()) {
      throw ApiError.invalidArgument("QuerySetExpressions must be an array");
    }
    Predicate<ObjectNode> all = null;
    for (JsonNode e : expressions) {
      Predicate<ObjectNode> p = expression(e);
      all =
          all == null
              ? p
              : combine(
                  all, p, text(e.get("QueryExpressionOperator"), "And"), "QueryExpressionOperator");
    }
    return all == null ? issue -> true : all;
  }

  private static Predicate<ObjectNode> combine(
      Predicate<ObjectNode> left, Predicate<ObjectNode> right, String operator, String field) {
    return switch (operator.toLowerCase(Locale.ROOT)) {
      case "and" -> left.and(right);
      case "or" -> left.or(right);
      default -> throw ApiError.invalidArgument(field + " \"" + operator + "\" is not And or Or");
    };
  }

  private static Predicate<ObjectNode> expression(JsonNode e) {
    String field = text(e.get("FieldName"), null);
    if (field == null) {
      throw ApiError.invalidArgument("a query expression has no FieldName");
    }
    Operation op = Operation.of(text(e.get("QueryExpressionOperation"), "Equal"));
    JsonNode v1 = e.get("FieldFilterValue1");
    JsonNode v2 = e.get("FieldFilterValue2");
    return issue -> {
      JsonNode value = fieldValue(issue, field);
      boolean isNull = value == null || value.isNull();
      return switch (op) {
        case ISNULL -> isNull;
        case ISNOTNULL -> !isNull;
        case EQUAL -> !isNull && compare(value, v1) == 0;
        case NOTEQUAL -> isNull || compare(value, v1) != 0;
        case CONTAINS -> !isNull && lower(value).contains(lower(v1));
        case DOESNOTCONTAIN -> isNull || !lower(value).contains(lower(v1));
        case STARTSWITH -> !isNull && lower(value).startsWith(lower(v1));
        case ENDSWITH -> !isNull && lower(value).endsWith(lower(v1));
        case GREATERTHAN -> !isNull && compare(value, v1) > 0;
        case GREATERTHANOREQUAL -> !isNull && compare(value, v1) >= 0;
        case LESSTHAN -> !isNull && compare(value, v1) < 0;
        case LESSTHANOREQUAL -> !isNull && compare(value, v1) <= 0;
        case BETWEEN -> !isNull && compare(value, v1) >= 0 && compare(value, v2) <= 0;
      };
    };
  }

  /** The issue's field, its name matched ignoring case; an unknown name is refused. */
  private static JsonNode fieldValue(ObjectNode issue, String field) {
    for (Iterator<Map.Entry<String, JsonNode>> it = issue.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equalsIgnoreCase(field)) {
        return f.getValue();
      }
    }
    throw ApiError.invalidArgument("FieldName \"" + field + "\" is not a field of an issue");
  }

  private static Comparator<ObjectNode> ordering(JsonNode orderings) {
    Comparator<ObjectNode> byNumber = Comparator.comparingInt(i -> i.get("IssueNumber").intValue());
    if (orderings == null || orderings.isNull()) {
      return byNumber;
    }
    if (!orderings.isArray()) {
      throw ApiError.invalidArgument("QueryOrderingDefinitions must be an array");
    }
    Comparator<ObjectNode> all = null;
    for (JsonNode o : orderings) {
      String field = text(o.get("FieldName"), null);
      if (field == null) {
        throw ApiError.invalidArgument("a query ordering has no FieldName");
      }
      String direction = text(o.get("QueryOrderingDirection"), "Ascending");
      boolean descending =
          switch (direction.toLowerCase(Locale.ROOT)) {
            case "ascending", "asc", "0" -> false;
            case "descending", "desc", "1" -> true;
            default ->
                throw ApiError.invalidArgument(
                    "QueryOrderingDirection \"" + direction + "\" is not Ascending or Descending");
          };
      Comparator<ObjectNode> c =
          (a, b) -> compareNullsFirst(fieldValue(a, field), fieldValue(b, field));
      c = descending ? c.reversed() : c;
      all = all == null ? c : all.thenComparing(c);
    }
    return all == null ? byNumber : all.thenComparing(byNumber);
  }

  private static int compareNullsFirst(JsonNode a, JsonNode b) {
    boolean an = a == null || a.isNull();
    boolean bn = b == null || b.isNull();
    if (an || bn) {
      return Boolean.compare(!an, !bn);
    }
    return compare(a, b);
  }

  /** Numbers compare as numbers, anything else as text ignoring case. */
  private static int compare(JsonNode value, JsonNode filter) {
    BigDecimal a = number(value);
    BigDecimal b = number(filter);
    if (a != null && b != null) {
      return a.compareTo(b);
    }
    return lower(value).compareTo(lower(filter));
  }

  private static BigDecimal number(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    if (n.isTextual()) {
      try {
        return new BigDecimal(n.textValue().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String lower(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText().toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode n, String fallback) {
    return n == null || n.isNull() ? fallback : n.asText();
  }
}
