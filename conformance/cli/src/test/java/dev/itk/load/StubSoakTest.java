package dev.itk.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short soak: one stub with its clock running gets valid, invalid, oversized, stalled and admin
 * traffic at once for 15 s, and must answer each as documented, never with a 5xx, and record every
 * answered request once within its bounds. The 10-minute run's figures are in
 * docs/security.md#soak. Counts only: nothing here depends on how fast the machine is.
 */
class StubSoakTest {
  private static final ApiKey KEY = ApiKey.of("soak-test-key-7d21a9");

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // 15 s of traffic, at most 180 s to finish, GCs
  void fifteenSecondSoak_everyKindAnsweredAsDocumented_no5xx_recordCountsEveryAnswerWithinBounds() {
    SoakFigures f =
        StubSoak.run(
            KEY, new StubSoak.Plan(Duration.ofSeconds(15), 16, 3, 20141010L), System.out::println);
    System.out.println("15 s soak:\n" + f.render());

    assertThat(f.problems()).as("wrong answers, transport errors, failed checks").isEmpty();
    assertThat(f.wrongAnswers()).as("wrong answers").isZero();
    assertThat(f.serverErrors()).as("5xx answers").isZero();
    assertThat(f.transportErrors()).as("requests without an answer").isZero();
    assertThat(f.byTraffic())
        .as("every kind of traffic was sent and answered a few times")
        .hasSize(SoakTraffic.values().length)
        .allSatisfy(
            (traffic, p) ->
                assertThat(p.answered() + p.unanswered()).as(traffic.label()).isGreaterThan(2));
    assertThat(f.byTraffic().get(SoakTraffic.LARGE_BODY_BAD_SIGNATURE).answers())
        .as("large bodies with a wrong signature")
        .containsOnlyKeys("401 bad-signature");
    assertThat(f.largeBodyDiagnoses().values().stream().mapToLong(Long::longValue).sum())
        .as("large-body 401s that carried a diagnosis object")
        .isEqualTo(f.byTraffic().get(SoakTraffic.LARGE_BODY_BAD_SIGNATURE).answered());
    assertThat(f.byTraffic().get(SoakTraffic.STALLED_BODY).answers().keySet())
        .as("stalled bodies end with 408 or a closed connection")
        .contains("408 request-timeout")
        .isSubsetOf("408 request-timeout", "closed");

    SoakFigures.RecordCheck r = f.record();
    assertThat(r.total())
        .as("records made, against requests answered outside /__itk/ (%s)", r)
        .isBetween(r.answeredNonAdmin(), r.answeredNonAdmin() + r.unansweredNonAdmin());
    assertThat(r.peakKept()).isLessThanOrEqualTo(f.stub().maxRecordedRequests());
    assertThat(r.peakKeptBytes()).isLessThanOrEqualTo(f.stub().maxRecordedBytes());
    assertThat(r.statusChecks()).as("kept records compared with their answers").isPositive();
    assertThat(r.statusMismatches()).isZero();
    assertThat(r.foreignRecords()).isZero();
    assertThat(f.samples().get(0).at()).isZero();
    assertThat(f.samples()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(f.samples())
        .allSatisfy(
            s -> assertThat(s.record().kept()).isLessThanOrEqualTo(f.stub().maxRecordedRequests()))
        .allSatisfy(
            s ->
                assertThat(s.rememberedRequestIds()).isLessThanOrEqualTo(StubSoak.REPLAY_CAPACITY));
    assertThat(f.render())
        .contains("5xx answers                        0")
        .contains("wrong answers                      0")
        .contains("memory over time")
        .contains("large_body_bad_signature");
    assertThat(f.clean()).isTrue();
  }
}
