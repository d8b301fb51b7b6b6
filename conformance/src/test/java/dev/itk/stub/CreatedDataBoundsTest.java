package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The data clients create stays bounded on a long run (issue 15), as the record does. FAILS on this
 * branch: the stub keeps every note a client creates (IssuetrakData's notes map is never trimmed),
 * so a stub serving for hours grows without bound. Found by the 10-minute soak (docs/security.md,
 * Soak): 638 818 notes POSTed, the heap after GC grew from 155 MiB to 621 MiB, about 850 bytes per
 * note (one ObjectNode with 9 fields, 3 TextNodes, a TreeMap entry), and an issue read with its
 * notes answers every one of them.
 *
 * <p>The bound asserted is an assumption: the record's default bound, 10 000. A stub that drops the
 * oldest created notes and one that refuses new ones when full both pass.
 */
class CreatedDataBoundsTest {
  /** Assumed: the same bound as the record's default 10 000 requests. */
  private static final int BOUND = 10_000;

  @Test
  @Timeout(300) // 10 500 signed POSTs, one after the other
  void notesCreatedOverALongRun_stayBounded_andAnIssueReadWithItsNotesStaysBounded() {
    try (IssuetrakStub stub = IssuetrakStub.builder().key(KEY).clock(CLOCK).build().start()) {
      StubClient client = new StubClient(stub);
      for (int i = 0; i < BOUND + 500; i++) {
        StubClient.Reply r =
            client.send(
                "POST",
                "/api/v1/notes",
                String.format(Locale.ROOT, "{\"IssueNumber\":1,\"NoteText\":\"soak note %d\"}", i));
        assertThat(r.status()).as("POST %d: %s", i, r.text()).isLessThan(500);
      }

      JsonNode issue = client.send("GET", "/api/v1/issues/true/1").json();

      assertThat(issue.get("Notes").size())
          .as("notes of issue 1 the stub holds after %d were created", BOUND + 500)
          .isLessThanOrEqualTo(BOUND);
    }
  }
}
