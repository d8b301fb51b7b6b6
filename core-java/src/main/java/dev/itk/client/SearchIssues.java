package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A search (SearchIssueDTO), the body of {@code POST /issues/search}.
 *
 * <pre>{@code
 * SearchIssues search = SearchIssues.page(0, 25)
 *     .withOrdering(new QueryOrdering("IssueNumber", "Descending"))
 *     .withQuerySet(new QuerySet(0, "And", List.of(
 *         new QueryExpression("Subject", "printer", null, "Contains", "And"))));
 * IssueSearchResult result = client.searchIssues(search).body();
 * }</pre>
 *
 * <p>Null components are not written. Operator and direction names are sent as given: the kit does
 * not know Issuetrak's accepted values. Rule: {@code docs/client.md#dtos}.
 *
 * @param canIncludeNotes {@code CanIncludeNotes}
 * @param pageIndex {@code PageIndex}, from 0
 * @param pageSize {@code PageSize}
 * @param queryOrderingDefinitions {@code QueryOrderingDefinitions}
 * @param querySetDefinitions {@code QuerySetDefinitions}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchIssues(
    @JsonProperty("CanIncludeNotes") Boolean canIncludeNotes,
    @JsonProperty("PageIndex") Integer pageIndex,
    @JsonProperty("PageSize") Integer pageSize,
    @JsonProperty("QueryOrderingDefinitions") List<QueryOrdering> queryOrderingDefinitions,
    @JsonProperty("QuerySetDefinitions") List<QuerySet> querySetDefinitions) {

  /** Copies the lists, so the value is immutable. */
  public SearchIssues {
    queryOrderingDefinitions =
        queryOrderingDefinitions == null ? null : List.copyOf(queryOrderingDefinitions);
    querySetDefinitions = querySetDefinitions == null ? null : List.copyOf(querySetDefinitions);
  }

  /** One page of every issue, without notes, with empty ordering and query-set lists. */
  public static SearchIssues page(int pageIndex, int pageSize) {
    return new SearchIssues(false, pageIndex, pageSize, List.of(), List.of());
  }

  /** This search with {@code CanIncludeNotes} set. */
  public SearchIssues withNotes(boolean canIncludeNotes) {
    return new SearchIssues(
        canIncludeNotes, pageIndex, pageSize, queryOrderingDefinitions, querySetDefinitions);
  }

  /** This search with one more ordering, after the existing ones. */
  public SearchIssues withOrdering(QueryOrdering ordering) {
    return new SearchIssues(
        canIncludeNotes,
        pageIndex,
        pageSize,
        append(queryOrderingDefinitions, ordering),
        querySetDefinitions);
  }

  /** This search with one more query set, after the existing ones. */
  public SearchIssues withQuerySet(QuerySet querySet) {
    return new SearchIssues(
        canIncludeNotes,
        pageIndex,
        pageSize,
        queryOrderingDefinitions,
        append(querySetDefinitions, querySet));
  }

  private static <T> List<T> append(List<T> list, T item) {
    ArrayList<T> out = new ArrayList<>(list == null ? List.of() : list);
    out.add(item);
    return out;
  }

  /**
   * One ordering of a search (a {@code QueryOrderingDefinitions} element).
   *
   * <pre>{@code
   * new QueryOrdering("IssueNumber", "Descending")
   * }</pre>
   *
   * @param fieldName {@code FieldName}
   * @param queryOrderingDirection {@code QueryOrderingDirection}, sent as given
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record QueryOrdering(
      @JsonProperty("FieldName") String fieldName,
      @JsonProperty("QueryOrderingDirection") String queryOrderingDirection) {}

  /**
   * One set of filter expressions (a {@code QuerySetDefinitions} element).
   *
   * <pre>{@code
   * new QuerySet(0, "And", List.of(new QueryExpression("Status", "Open", null, "Equal", "And")))
   * }</pre>
   *
   * @param querySetIndex {@code QuerySetIndex}
   * @param querySetOperator {@code QuerySetOperator}, sent as given
   * @param querySetExpressions {@code QuerySetExpressions}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record QuerySet(
      @JsonProperty("QuerySetIndex") Integer querySetIndex,
      @JsonProperty("QuerySetOperator") String querySetOperator,
      @JsonProperty("QuerySetExpressions") List<QueryExpression> querySetExpressions) {

    /** Copies the list, so the value is immutable. */
    public QuerySet {
      querySetExpressions = querySetExpressions == null ? null : List.copyOf(querySetExpressions);
    }
  }

  /**
   * One filter of a query set (a {@code QuerySetExpressions} element).
   *
   * <pre>{@code
   * new QueryExpression("SubmittedDate", "2014-01-01T00:00:00", "2014-12-31T00:00:00", "Between", "And")
   * }</pre>
   *
   * @param fieldName {@code FieldName}
   * @param fieldFilterValue1 {@code FieldFilterValue1}
   * @param fieldFilterValue2 {@code FieldFilterValue2}
   * @param queryExpressionOperation {@code QueryExpressionOperation}, sent as given
   * @param queryExpressionOperator {@code QueryExpressionOperator}, sent as given
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record QueryExpression(
      @JsonProperty("FieldName") String fieldName,
      @JsonProperty("FieldFilterValue1") String fieldFilterValue1,
      @JsonProperty("FieldFilterValue2") String fieldFilterValue2,
      @JsonProperty("QueryExpressionOperation") String queryExpressionOperation,
      @JsonProperty("QueryExpressionOperator") String queryExpressionOperator) {}
}
