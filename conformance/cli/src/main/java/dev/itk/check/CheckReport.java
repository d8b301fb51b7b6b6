package dev.itk.check;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one {@code itk check} run; {@code check.json} is this value.
 *
 * @param startedAt when the run started, ISO 8601
 * @param durationMillis how long the command and the check took
 * @param command the command as run (its words)
 * @param exitCode the command's exit status; -1 when it was stopped before it ended
 * @param baseUrl the API base URL the command was given ({@code ITK_BASE_URL})
 * @param keyFingerprint the accepted key's fingerprint (never the key)
 * @param freshKey whether the key was a fresh random test key
 * @param minRequests the fewest requests that prove something
 * @param requests every request the stub recorded, in order
 * @param recordDropped requests the stub's bounded record dropped (oldest first); 0 normally
 */
public record CheckReport(
    String startedAt,
    long durationMillis,
    List<String> command,
    int exitCode,
    String baseUrl,
    String keyFingerprint,
    boolean freshKey,
    int minRequests,
    List<CheckedRequest> requests,
    long recordDropped) {
  /** Copies the lists. */
  public CheckReport {
    command = List.copyOf(command);
    requests = List.copyOf(requests);
  }

  /** Requests whose signature the stub accepted. */
  @JsonProperty("accepted")
  public long accepted() {
    return requests.stream().filter(CheckedRequest::accepted).count();
  }

  /** Requests the stub refused. */
  @JsonProperty("refused")
  public long refused() {
    return requests.size() - accepted();
  }

  /** Why the check failed, one sentence each; empty when it passed. */
  @JsonProperty("problems")
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (exitCode != 0) {
      out.add(
          exitCode < 0
              ? "the command was stopped before it ended"
              : "the command exited with status " + exitCode);
    }
    long total = requests.size() + recordDropped;
    if (total < minRequests) {
      out.add(
          total
              + (total == 1 ? " request" : " requests")
              + " arrived; at least "
              + minRequests
              + " must (--min-requests): a client that sent nothing has proven nothing");
    }
    if (refused() > 0) {
      out.add(refused() + " of " + requests.size() + " requests were refused");
    }
    if (recordDropped > 0) {
      out.add(
          recordDropped
              + " requests were dropped from the stub's bounded record and were not checked");
    }
    return out;
  }

  /** Whether the command exited 0, enough requests arrived and every one was accepted. */
  @JsonProperty("passed")
  public boolean passed() {
    return problems().isEmpty();
  }
}
