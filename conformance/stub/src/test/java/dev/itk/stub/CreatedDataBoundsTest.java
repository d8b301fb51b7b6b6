package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The data clients create stays bounded on a long run, as the record does. Found by the 10-minute
 * soak (docs/security.md, Soak): 638 818 notes POSTed, the heap after GC grew from 155 MiB to 621
 * MiB, about 850 bytes per note, and an issue read with its notes answered every one of them. The
 * stub now keeps at most 10 000 created issues and notes and about 64 MiB of them, dropping the
 * oldest it created first (never the seed data).
 */
class CreatedDataBoundsTest {
  private static IssuetrakStub start(UnaryOperator<IssuetrakStub.Builder> b) {
    return b.apply(IssuetrakStub.builder().key(KEY).clock(CLOCK)).build().start();
  }

  private static StubClient.Reply note(StubClient client, int i, String text) {
    StubClient.Reply r =
        client.send(
            "POST",
            "/api/v1/notes",
            String.format(Locale.ROOT, "{\"IssueNumber\":1,\"NoteText\":\"%s %d\"}", text, i));
    assertThat(r.status()).as("POST %d: %s", i, r.text()).isEqualTo(200);
    return r;
  }

  @Test
  @Timeout(300) // 10 500 signed POSTs, one after the other
  void notesCreatedOverALongRun_stayWithinTheDefault10000() {
    try (IssuetrakStub stub = start(b -> b)) {
      StubClient client = new StubClient(stub);
      for (int i = 0; i < 10_500; i++) {
        note(client, i, "soak note");
      }

      JsonNode issue = client.send("GET", "/api/v1/issues/true/1").json();
      JsonNode data = StubClient.get(stub.adminUrl() + "/health").json().get("data");

      // the two seed notes and the newest 10 000 created
      assertThat(issue.get("Notes").size()).isEqualTo(10_002);
      assertThat(issue.get("Notes").get(2).get("NoteText").asText()).isEqualTo("soak note 500");
      assertThat(data.get("droppedNotes").asLong()).isEqualTo(500);
      assertThat(data.get("created").asLong()).isEqualTo(10_000);
    }
  }

  @Test
  void theOldestCreatedAreDropped_neverTheSeedData_andIdsKeepCounting() {
    try (IssuetrakStub stub = start(b -> b.maxCreatedItems(3))) {
      StubClient client = new StubClient(stub);
      for (int i = 0; i < 5; i++) {
        assertThat(note(client, i, "n").text()).isEqualTo(Integer.toString(3 + i));
      }
      assertThat(client.send("POST", "/api/v1/issues", "{\"Subject\":\"x\"}").text())
          .isEqualTo("4");

      assertThat(client.send("GET", "/api/v1/notes/1").status()).as("seed note").isEqualTo(200);
      assertThat(client.send("GET", "/api/v1/notes/5").status()).as("dropped").isEqualTo(400);
      assertThat(client.send("GET", "/api/v1/notes/6").status()).isEqualTo(200);
      assertThat(client.send("GET", "/api/v1/notes/7").status()).isEqualTo(200);
      assertThat(client.send("GET", "/api/v1/issues/false/4").status()).isEqualTo(200);
      JsonNode data = StubClient.get(stub.adminUrl() + "/health").json().get("data");
      assertThat(data.get("droppedNotes").asLong()).isEqualTo(3);
      assertThat(data.get("notes").asLong()).isEqualTo(4);
      // reset restores the seed data and forgets the counts
      StubClient.admin(stub, "POST", "/reset", null);
      assertThat(
              StubClient.get(stub.adminUrl() + "/health")
                  .json()
                  .get("data")
                  .get("created")
                  .asLong())
          .isZero();
    }
  }

  @Test
  void createdDataStaysUnderItsByteBound() {
    String big = "x".repeat(50_000);
    try (IssuetrakStub stub = start(b -> b.maxCreatedBytes(1_000_000))) {
      StubClient client = new StubClient(stub);
      for (int i = 0; i < 30; i++) {
        note(client, i, big);
      }

      JsonNode data = StubClient.get(stub.adminUrl() + "/health").json().get("data");
      assertThat(data.get("createdBytes").asLong()).isLessThanOrEqualTo(1_000_000);
      assertThat(data.get("droppedNotes").asLong()).isGreaterThanOrEqualTo(20);
      assertThat(client.send("GET", "/api/v1/notes/32").json().get("NoteText").asText())
          .isEqualTo(big + " 29");
    }
  }

  @Test
  void limitsBelowOne_areRefusedNamingTheSetting() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> IssuetrakStub.builder().key(KEY).maxCreatedItems(0).build())
        .hasMessage("maxCreatedItems must be at least 1; got 0");
  }
}
