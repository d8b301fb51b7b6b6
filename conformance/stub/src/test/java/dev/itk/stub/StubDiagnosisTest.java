package dev.itk.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itk.diagnose.Cause;
import dev.itk.diagnose.DiagnosisCases;
import dev.itk.signing.ApiKey;
import dev.itk.signing.IssuetrakTimestamp;
import dev.itk.signing.SignatureHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stub's 401 names the same causes: every case of {@code fixtures/diagnosis/cases.json} sent as
 * raw bytes to a stub holding the case's key, its clock at the case's time; and its record keeps
 * them ({@link RecordedRequest#diagnosis()}).
 */
class StubDiagnosisTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<DiagnosisCases.Case> cases() {
    return DiagnosisCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the401NamesTheCauses(DiagnosisCases.Case c) throws Exception {
    if (c.headers().stream().anyMatch(h -> h[1].indexOf('\n') >= 0)) {
      // a header value with a line break (signature-mime-wrapped) cannot be sent over HTTP/1.1;
      // it reaches the diagnosis from a curl command or a HAR file (DiagnoserTest covers it)
      return;
    }
    // a retry after the window: its first attempt is accepted at the time it was signed, then
    // the same request comes again at the case's clock
    boolean retryAfterWindow = !c.seenRequestIds().isEmpty() && c.code().equals("stale-timestamp");
    MovableClock clock = new MovableClock(c.now());
    try (IssuetrakStub stub =
        IssuetrakStub.builder()
            .key(ApiKey.of(c.key()))
            .window(DiagnosisCases.window())
            .clock(clock)
            .build()
            .start()) {
      StringBuilder head =
          new StringBuilder(c.method())
              .append(' ')
              .append(c.path())
              .append(c.query() == null ? "" : "?" + c.query())
              .append(" HTTP/1.1\n");
      boolean host = false;
      for (String[] h : c.headers()) {
        host |= h[0].equalsIgnoreCase("Host");
        head.append(h[0]).append(": ").append(h[1]).append('\n');
      }
      if (!host) {
        head.append("Host: 127.0.0.1\n");
      }
      head.append("Content-Length: ").append(c.body().length).append('\n');
      head.append("Connection: close\n\n");
      if (retryAfterWindow) {
        String ts =
            c.headers().stream()
                .filter(h -> h[0].equalsIgnoreCase(SignatureHeaders.TIMESTAMP))
                .findFirst()
                .orElseThrow()[1];
        clock.now = IssuetrakTimestamp.parse(ts).instant();
        assertThat(RawHttp.send(stub.port(), head.toString(), c.body()).status())
            .as("the first attempt, at the time it was signed")
            .isNotEqualTo(401);
        clock.now = c.now();
      } else if (!c.seenRequestIds().isEmpty()) {
        RawHttp.send(stub.port(), head.toString(), c.body()); // the server sees the ID once
      }

      RawHttp.Answer answer = RawHttp.send(stub.port(), head.toString(), c.body());

      if (c.valid()) {
        assertThat(answer.status()).as(answer.body()).isNotEqualTo(401);
        assertThat(stub.lastRequest().diagnosis()).isEmpty();
        return;
      }
      assertThat(answer.status()).as(answer.body()).isEqualTo(401);
      JsonNode body = JSON.readTree(answer.body());
      Set<String> ids = new TreeSet<>();
      body.path("causes").forEach(x -> ids.add(x.path("id").asText()));
      assertThat(ids).as("%s: %s", c.id(), answer.body()).isEqualTo(c.causes());
      assertThat(body.path("error").asText()).isEqualTo(c.code());
      // and the record keeps them, for IssuetrakStubExtension's failOnRefusedRequests
      RefusalDiagnosis kept = stub.lastRequest().diagnosis().orElseThrow();
      assertThat(new TreeSet<>(kept.causes().stream().map(Cause::id).toList()))
          .isEqualTo(c.causes());
      assertThat(kept.status()).isEqualTo(body.path("diagnosis").path("status").asText());
    }
  }

  /** A clock the test moves: the stub reads it on every request. */
  private static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
