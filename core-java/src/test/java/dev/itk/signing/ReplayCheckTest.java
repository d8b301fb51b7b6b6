package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The replay check under concurrency and clock moves: a request ID, once accepted, is never
 * accepted again while a request carrying it could still pass the window, whatever order the
 * verifier's threads read their clock in and wherever the clock is moved.
 */
class ReplayCheckTest {
  private static final ApiKey KEY = ApiKey.of("wV4JA/59PUf6XjiMF1om+Eg+D4rQlE8WGRTybNIkdrs=");
  private static final Instant T0 = Instant.parse("2014-09-10T17:28:08.3227351Z");
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int THREADS = 16;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  /**
   * A clock whose reading each thread sets for itself: concurrent requests read different times.
   */
  private static final class PerThreadClock extends Clock {
    private final ThreadLocal<Instant> now = ThreadLocal.withInitial(() -> T0);

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static ReceivedRequest signedAt(Instant when, String requestId) {
    SignedRequest s =
        RequestSigner.create(
                KEY, Clock.fixed(when, ZoneOffset.UTC), RequestIdSource.fixed(requestId))
            .sign("GET", "/api/v1/issues/false/1", "", new byte[0]);
    ReceivedRequest.Builder b =
        ReceivedRequest.builder().method("GET").path("/api/v1/issues/false/1");
    s.headers().asMap().forEach(b::header);
    return b.build();
  }

  private static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  @Test
  void aReplayReadingAnEarlierTimeThanARequestThatPurgedItsId_isRefused() {
    MutableClock clock = new MutableClock(T0);
    SignatureVerifier v = SignatureVerifier.builder().key(KEY).clock(clock).window(WINDOW).build();
    ReceivedRequest first = signedAt(T0, id(1));
    assertThat(v.verify(first).isValid()).isTrue();

    // A request whose clock reading is past the first one's window purges its ID...
    Instant late = T0.plus(WINDOW).plusSeconds(1);
    clock.set(late);
    assertThat(v.verify(signedAt(late, id(2))).isValid()).isTrue();
    // ...and a replay of the first that read the clock earlier (a slower thread) comes after it.
    clock.set(T0.plus(WINDOW).minusSeconds(1));
    VerificationResult replay = v.verify(first);

    assertThat(replay.isValid()).as(replay.toString()).isFalse();
    assertThat(replay.code()).isEqualTo("stale-timestamp");
    assertThat(replay.detail())
        .contains("request IDs accepted with timestamps up to 2014-09-10T17:28:08.3227351Z")
        .contains("already been forgotten");
  }

  @Test
  void movingTheClockBack_doesNotReadmitAUsedId_butAcceptsNewerRequests() {
    MutableClock clock = new MutableClock(T0);
    SignatureVerifier v = SignatureVerifier.builder().key(KEY).clock(clock).window(WINDOW).build();
    ReceivedRequest used = signedAt(T0, id(1));
    assertThat(v.verify(used).isValid()).isTrue();
    Instant hourLater = T0.plus(Duration.ofHours(1));
    clock.set(hourLater);
    assertThat(v.verify(signedAt(hourLater, id(2))).isValid()).isTrue();

    clock.set(T0.plusSeconds(10));

    assertThat(v.verify(used).code()).isEqualTo("stale-timestamp");
    // A request signed after the forgotten one's timestamp cannot be its replay: accepted.
    assertThat(v.verify(signedAt(T0.plusSeconds(10), id(3))).isValid()).isTrue();
    // Only clearing the request IDs resets the replay check's memory of time.
    v.forgetRequestIds();
    assertThat(v.verify(used).isValid()).isTrue();
  }

  @Test
  void movingTheClockBack_stillRefusesAnIdStillRemembered() {
    MutableClock clock = new MutableClock(T0);
    SignatureVerifier v = SignatureVerifier.builder().key(KEY).clock(clock).window(WINDOW).build();
    ReceivedRequest used = signedAt(T0, id(1));
    assertThat(v.verify(used).isValid()).isTrue();
    clock.set(T0.plus(WINDOW)); // the ID's last instant: still remembered
    assertThat(v.verify(signedAt(T0.plus(WINDOW), id(2))).isValid()).isTrue();

    clock.set(T0.minusSeconds(30));

    assertThat(v.verify(used).code()).isEqualTo("replayed-request-id");
  }

  /** The same signed request from many threads at once: exactly one is accepted. */
  @RepeatedTest(100)
  void theSameRequestFromManyThreadsAtOnce_isAcceptedExactlyOnce() throws Exception {
    SignatureVerifier v =
        SignatureVerifier.builder().key(KEY).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    ReceivedRequest request = signedAt(T0, id(7));
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Callable<String>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(
          () -> {
            start.await(10, TimeUnit.SECONDS);
            return v.verify(request).code();
          });
    }

    List<String> codes = codes(POOL.invokeAll(tasks, 60, TimeUnit.SECONDS));

    assertThat(codes).filteredOn("valid"::equals).hasSize(1);
    assertThat(codes).filteredOn("replayed-request-id"::equals).hasSize(THREADS - 1);
  }

  /**
   * Replays of an accepted request, each reading a time inside its window, race with new requests
   * reading a time past it (which purge its ID): no replay is ever accepted.
   */
  @RepeatedTest(100)
  void replaysRacingRequestsThatPurgeTheirId_areNeverAccepted() throws Exception {
    PerThreadClock clock = new PerThreadClock();
    SignatureVerifier v = SignatureVerifier.builder().key(KEY).clock(clock).window(WINDOW).build();
    ReceivedRequest first = signedAt(T0, id(1));
    assertThat(v.verify(first).isValid()).isTrue();
    Instant insideItsWindow = T0.plus(WINDOW).minusMillis(1);
    Instant pastItsWindow = T0.plus(WINDOW).plusMillis(1);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Callable<String>> replays = new ArrayList<>();
    List<Callable<String>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      boolean replay = t % 2 == 0;
      ReceivedRequest request = replay ? first : signedAt(pastItsWindow, id(100 + t));
      Instant reading = replay ? insideItsWindow : pastItsWindow;
      Callable<String> task =
          () -> {
            clock.set(reading);
            start.await(10, TimeUnit.SECONDS);
            return (replay ? "replay " : "new ") + v.verify(request).code();
          };
      tasks.add(task);
      if (replay) {
        replays.add(task);
      }
    }

    List<String> codes = codes(POOL.invokeAll(tasks, 60, TimeUnit.SECONDS));

    assertThat(codes).filteredOn(c -> c.startsWith("replay ")).hasSize(replays.size());
    assertThat(codes)
        .filteredOn(c -> c.startsWith("replay "))
        .allMatch(
            c -> c.equals("replay replayed-request-id") || c.equals("replay stale-timestamp"));
    assertThat(codes).filteredOn(c -> c.startsWith("new ")).allMatch("new valid"::equals);
  }

  private static List<String> codes(List<Future<String>> futures) throws Exception {
    List<String> out = new ArrayList<>();
    for (Future<String> f : futures) {
      out.add(f.get());
    }
    return out;
  }
}
