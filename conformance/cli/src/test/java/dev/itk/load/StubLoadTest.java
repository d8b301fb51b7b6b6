package dev.itk.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import dev.itk.stub.IssuetrakStub;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stub under load on loopback: 64 concurrent clients, 50 000 signed requests, a third of them
 * invalid in seven ways; then a flood of unique request IDs against a small replay cache. Figures
 * go to standard output; docs/security.md#load has a run's figures.
 */
class StubLoadTest {
  private static final ApiKey KEY = ApiKey.of("load-test-key-5f0c1e");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:00:00.1234567Z"), ZoneOffset.UTC);

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // bounded in time as well as in count
  void mixedLoad_everyAnswerAsExpected_everyRequestRecordedOnce_no5xx() {
    try (IssuetrakStub stub =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).maxRecordedRequests(50_000).build().start()) {
      LoadFigures f = StubLoad.run(stub, KEY, StubLoad.Plan.mixed(64, 50_000), System.out::println);
      System.out.println("mixed load:\n" + f.render());

      assertThat(f.answered()).as("answered").isEqualTo(50_000);
      assertThat(f.transportErrors()).as("requests without an answer").isZero();
      assertThat(f.wrongAccepts()).as("invalid requests accepted").isZero();
      assertThat(f.wrongRejects()).as("valid requests refused").isZero();
      assertThat(f.wrongCodes()).as("refusals with the wrong code").isZero();
      assertThat(f.serverErrors()).as("5xx answers").isZero();
      assertThat(f.lostRecords()).as("answered requests missing from the record").isZero();
      assertThat(f.extraRecords()).as("records made twice or for no request").isZero();
      assertThat(f.recordStatusMismatches()).as("records whose status differs").isZero();
      assertThat(f.sentByKind())
          .as("every kind of request was sent often")
          .hasSize(StubLoad.Kind.values().length)
          .allSatisfy((kind, n) -> assertThat(n).as(kind.name()).isGreaterThan(1_000));
      assertThat(f.clean()).isTrue();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void uniqueIdFlood_replayCacheHoldsAtItsCapacity_refusesTheRestWith401_no5xx() {
    int capacity = 5_000;
    try (IssuetrakStub stub =
        IssuetrakStub.builder()
            .key(KEY)
            .clock(CLOCK)
            .replayCapacity(capacity)
            .maxRecordedRequests(12_000)
            .build()
            .start()) {
      LoadFigures f = StubLoad.run(stub, KEY, StubLoad.Plan.flood(64, 12_000), System.out::println);
      System.out.println("unique-ID flood, replay capacity " + capacity + ":\n" + f.render());

      assertThat(f.answered()).isEqualTo(12_000);
      assertThat(f.answers())
          .as("answers by status and code")
          .containsOnly(
              org.assertj.core.api.Assertions.entry("200", capacity),
              org.assertj.core.api.Assertions.entry("401 replay-cache-full", 12_000 - capacity));
      assertThat(f.cacheFullRefusals()).isEqualTo(12_000 - capacity);
      assertThat(f.peakRememberedIds()).isLessThanOrEqualTo(capacity);
      assertThat(stub.rememberedRequestIds()).isEqualTo(capacity);
      assertThat(f.serverErrors()).isZero();
      assertThat(f.lostRecords()).isZero();
      assertThat(f.clean()).isTrue();
    }
  }
}
