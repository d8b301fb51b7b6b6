package dev.itk.stub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.RequestIdSource;
import dev.itk.signing.RequestSigner;
import dev.itk.signing.SignatureVerifier;
import dev.itk.signing.SignedRequest;
import dev.itk.signing.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stub's bounds on diagnosing refused requests: at most N at once, and an off switch. */
class FailureDiagnosisTest {
  private static final ApiKey KEY = ApiKey.of("the-stub-key-0123456789");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2014-09-10T17:28:08.3227351Z"), ZoneOffset.UTC);

  /** A note signed with the key text plus a line feed: the catalogue's key-whitespace. */
  private static ReceivedRequest refused() {
    SignedRequest s =
        RequestSigner.create(
                ApiKey.of("the-stub-key-0123456789\n"),
                CLOCK,
                RequestIdSource.fixed("00000000-0000-4000-8000-000000000001"))
            .sign(
                "POST",
                "/api/v1/notes",
                "",
                "{\"NoteText\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
    ReceivedRequest.Builder b =
        ReceivedRequest.builder().method("POST").path("/api/v1/notes").body(s.message().body());
    s.headers().asMap().forEach(b::header);
    return b.build();
  }

  private static VerificationResult verify(ReceivedRequest r) {
    return SignatureVerifier.builder().key(KEY).clock(CLOCK).build().verify(r);
  }

  private static FailureDiagnosis diagnosis(boolean enabled, int maxConcurrent) {
    return new FailureDiagnosis(List.of(KEY), Duration.ofMinutes(5), CLOCK, enabled, maxConcurrent);
  }

  @Test
  void namesTheCause_whenAPermitIsFree() {
    ReceivedRequest r = refused();

    FailureDiagnosis.Outcome o = diagnosis(true, 2).diagnose(r, verify(r));

    assertThat(o.status()).isEqualTo("complete");
    assertThat(o.causes()).extracting(c -> c.id()).containsExactly("key-whitespace");
    assertThat(o.hashedBytes()).isPositive();
  }

  @Test
  void saysBusy_andHashesNothing_whenEveryPermitIsHeld() throws Exception {
    FailureDiagnosis d = diagnosis(true, 2);
    ReceivedRequest r = refused();
    d.running.acquire(2); // two diagnoses running elsewhere

    FailureDiagnosis.Outcome o = d.diagnose(r, verify(r));

    assertThat(o.status()).isEqualTo("busy");
    assertThat(o.detail()).startsWith("2 other refused requests were being diagnosed");
    assertThat(o.causes()).isEmpty();
    assertThat(o.hashedBytes()).isZero();
    d.running.release(2);
    assertThat(d.diagnose(r, verify(r)).status()).isEqualTo("complete");
    assertThat(d.running.availablePermits()).as("every permit given back").isEqualTo(2);
  }

  @Test
  void off_diagnosesNothing() {
    ReceivedRequest r = refused();

    FailureDiagnosis.Outcome o = diagnosis(false, 2).diagnose(r, verify(r));

    assertThat(o.status()).isEqualTo("off");
    assertThat(o.causes()).isEmpty();
  }

  @Test
  void aRefusalItsDetailExplains_isNotDiagnosed() {
    ReceivedRequest missing =
        ReceivedRequest.builder().method("GET").path("/api/v1/notes/1").build();

    FailureDiagnosis.Outcome o = diagnosis(true, 2).diagnose(missing, verify(missing));

    assertThat(o.status()).isEqualTo("not-applicable");
    assertThat(o.detail()).contains("missing-header");
  }
}
