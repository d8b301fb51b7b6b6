package dev.itk.client;

import static dev.itk.client.ClientTestSupport.verifyRaw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.RequestIdSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CapturingServerExtension.class)
class ConcurrencyTest {
  @Test
  void oneClient_signsManyConcurrentRequestsEachWithItsOwnIdAndBody(CapturingServer server)
      throws Exception {
    int count = 24;
    for (int i = 0; i < count; i++) {
      server.answer(200, String.valueOf(100 + i));
    }
    IssuetrakClient client =
        ClientTestSupport.builder(server).requestIds(RequestIdSource.randomUuids()).build();

    List<CompletableFuture<ApiResponse<Integer>>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(client.createNoteAsync(CreateNote.of(1, "note " + i)));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    Set<String> ids = new HashSet<>();
    Set<String> bodies = new HashSet<>();
    for (int i = 0; i < count; i++) {
      CapturingServer.Recorded r = server.take();
      assertThat(verifyRaw(r).code()).as(r.bodyText()).isEqualTo("valid");
      ids.add(r.header("X-Issuetrak-API-Request-ID"));
      bodies.add(r.bodyText());
    }
    assertThat(ids).hasSize(count);
    assertThat(bodies).hasSize(count).contains("{\"IssueNumber\":1,\"NoteText\":\"note 23\"}");
  }
}
