package dev.itk.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of search results, the answer to {@code POST /issues/search}.
 *
 * <pre>{@code
 * IssueSearchResult page = client.searchIssues(SearchIssues.page(0, 25)).body();
 * page.totalRecordCount(); // 3
 * page.collection();       // the issues on this page
 * }</pre>
 *
 * <p>Unknown properties are ignored. Rule: {@code docs/client.md#dtos}.
 *
 * @param extensionData {@code ExtensionData}; a JSON null reads as {@code NullNode}
 * @param metadata {@code Metadata}
 * @param totalRecordCount {@code TotalRecordCount}, over all pages
 * @param pageIndex {@code PageIndex}
 * @param pageSize {@code PageSize}
 * @param collection {@code Collection}, the issues on this page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssueSearchResult(
    @JsonProperty("ExtensionData") JsonNode extensionData,
    @JsonProperty("Metadata") Metadata metadata,
    @JsonProperty("TotalRecordCount") Integer totalRecordCount,
    @JsonProperty("PageIndex") Integer pageIndex,
    @JsonProperty("PageSize") Integer pageSize,
    @JsonProperty("Collection") List<ReadIssue> collection) {

  /** Copies the list, so the value is immutable. */
  public IssueSearchResult {
    collection = collection == null ? null : List.copyOf(collection);
  }
}
