package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.itk.signing.ApiKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The diagnosis on requests near real ones: a case of fixtures/diagnosis/cases.json with parts
 * replaced by what Jazzer makes up. It always answers, and never names a cause for a request its
 * verifier accepts.
 */
class DiagnoserFuzzTest {
  private static final List<DiagnosisCases.Case> CASES = DiagnosisCases.all();
  private static final Duration WINDOW = DiagnosisCases.window();

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void diagnose_alwaysAnswers(FuzzedDataProvider data) {
    DiagnosisCases.Case c = CASES.get(data.consumeInt(0, CASES.size() - 1));
    List<String[]> headers = new ArrayList<>(c.headers());
    String method = data.consumeBoolean() ? data.consumeString(8) : c.method();
    String path = data.consumeBoolean() ? data.consumeString(60) : c.path();
    String query = data.consumeBoolean() ? data.consumeString(40) : c.query();
    if (data.consumeBoolean() && !headers.isEmpty()) {
      int i = data.consumeInt(0, headers.size() - 1);
      headers.set(i, new String[] {headers.get(i)[0], data.consumeString(100)});
    }
    if (data.consumeBoolean() && !headers.isEmpty()) {
      headers.remove(data.consumeInt(0, headers.size() - 1));
    }
    byte[] body = data.consumeBoolean() ? data.consumeRemainingAsBytes() : c.body();
    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), WINDOW)
            .diagnose(
                DiagnosisCases.Case.received(method, path, query, headers, body),
                c.now(),
                Set.copyOf(c.seenRequestIds()));

    assertThat(d.code()).isNotBlank();
    if (d.valid()) {
      assertThat(d.causes()).as("causes for a valid request").isEmpty();
    }
  }
}
