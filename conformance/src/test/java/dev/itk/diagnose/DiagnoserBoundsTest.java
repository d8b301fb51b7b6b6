package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis on what anyone may send the stub: it always answers, and its work is bounded (issue
 * 15).
 */
class DiagnoserBoundsTest {
  private static final List<DiagnosisCases.Case> CASES = DiagnosisCases.all();

  @Test
  void diagnose_aTimestampWhoseInstantIsBeforeYear1_answersWithoutThrowing() {
    // 0001-01-01T00:00 at +00:01 is 0000-12-31T23:59Z, which IssuetrakTimestamp.format refuses.
    DiagnosisCases.Case c = byId("path-not-lowercased-01");
    ReceivedRequest request =
        withHeader(c, "X-Issuetrak-API-Timestamp", "0001-01-01T00:00:00+00:01", c.body());

    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(request, c.now(), Set.of());

    // refused either way: as a stale or wrong signature, or (once the parser rejects the instant)
    // as malformed; no catalogued mistake explains a signature made over another timestamp
    assertThat(d.code()).isIn("stale-timestamp", "bad-signature", "malformed-timestamp");
    assertThat(d.valid()).isFalse();
    assertThat(d.causes()).isEmpty();
  }

  static DiagnosisCases.Case byId(String id) {
    return CASES.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  /** The case's request with one header's value replaced (by name, any case) and this body. */
  static ReceivedRequest withHeader(DiagnosisCases.Case c, String name, String value, byte[] body) {
    List<String[]> headers = new ArrayList<>();
    for (String[] h : c.headers()) {
      headers.add(h[0].equalsIgnoreCase(name) ? new String[] {h[0], value} : h);
    }
    return DiagnosisCases.Case.received(c.method(), c.path(), c.query(), headers, body);
  }
}
