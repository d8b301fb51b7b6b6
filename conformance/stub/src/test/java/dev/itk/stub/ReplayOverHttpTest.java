package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stub's replay check end to end: a verbatim replay is refused however it races the original,
 * and however the stub's clock is moved.
 */
class ReplayOverHttpTest {
  private static final int THREADS = 16;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);
  private static final AtomicInteger IDS = new AtomicInteger(70_000);

  @RegisterExtension
  static IssuetrakStubExtension stub =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  /** A signed GET as raw HTTP: the same bytes each time it is sent. */
  private static String signedGet(Instant at, String requestId) {
    SignedRequest s =
        RequestSigner.create(KEY, Clock.fixed(at, ZoneOffset.UTC), RequestIdSource.fixed(requestId))
            .sign("GET", "/api/v1/notes/1", "", new byte[0]);
    StringBuilder head = new StringBuilder("GET /api/v1/notes/1 HTTP/1.1\nHost: 127.0.0.1\n");
    s.headers().asMap().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
    return head.append("Connection: close\n\n").toString();
  }

  private static int send(String head) {
    return RawHttp.send(stub.stub().port(), head).status();
  }

  @RepeatedTest(100)
  void theSameSignedRequestFromManyConnectionsAtOnce_isAcceptedExactlyOnce() throws Exception {
    String head = signedGet(StubClient.T0, StubClient.id(IDS.incrementAndGet()));
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(
          () -> {
            start.await(10, TimeUnit.SECONDS);
            return send(head);
          });
    }

    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : POOL.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
      statuses.add(f.get());
    }

    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 401).hasSize(THREADS - 1);
    assertThat(stub.stub().requests())
        .filteredOn(r -> r.status() == 401)
        .extracting(RecordedRequest::verdict)
        .containsOnly("replayed-request-id");
  }

  @Test
  void movingTheClockBackThroughTheAdminRoutes_doesNotReadmitAUsedId() {
    String used = signedGet(StubClient.T0, StubClient.id(1));
    assertThat(send(used)).isEqualTo(200);
    // An hour later a request arrives (which lets the stub forget the first ID)...
    assertThat(StubClient.admin(stub.stub(), "POST", "/clock/shift", "{\"by\":\"1h\"}").status())
        .isEqualTo(200);
    assertThat(send(signedGet(StubClient.T0.plusSeconds(3600), StubClient.id(2)))).isEqualTo(200);
    // ...then the clock goes back to when the first request was fresh.
    assertThat(StubClient.admin(stub.stub(), "POST", "/clock/reset", null).status()).isEqualTo(200);

    RawHttp.Answer replay = RawHttp.send(stub.stub().port(), used);

    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.body()).contains("\"error\":\"stale-timestamp\"").contains("forgotten");
    // a request signed now is accepted as usual
    assertThat(send(signedGet(StubClient.T0.plusSeconds(1), StubClient.id(3)))).isEqualTo(200);
  }
}
