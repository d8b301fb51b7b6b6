package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.itk.signing.ApiKey;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import dev.itk.signing.VerificationError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The diagnosis on requests near real ones: a case of fixtures/diagnosis/cases.json with parts
 * replaced by what Jazzer makes up. Under the server's budget it always answers, never names a
 * cause for a request its verifier accepts, hashes no more than the budget allows, and the JSON
 * forms it tries stay a small multiple of the body.
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

    List<byte[]> forms = JsonForms.otherForms(body);
    assertThat(forms.size()).as("JSON forms").isLessThanOrEqualTo(7);
    for (byte[] form : forms) {
      assertThat(form.length)
          .as("a JSON form's length")
          .isLessThanOrEqualTo(4 * body.length + 8192);
    }

    ReceivedRequest request = DiagnosisCases.Case.received(method, path, query, headers, body);
    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), WINDOW)
            .diagnose(request, c.now(), Set.copyOf(c.seenRequestIds()), DiagnosisBudget.SERVER);

    assertThat(d.code())
        .as("the verdict: valid, or one of the verifier's codes")
        .isIn(
            Stream.concat(
                    Stream.of("valid"), Stream.of(VerificationError.values()).map(e -> e.code()))
                .toList());
    if (d.valid()) {
      assertThat(d.causes()).as("causes for a valid request").isEmpty();
    }
    assertThat(d.hashedBytes())
        .as("bytes hashed (%s)", d.limit())
        .isLessThanOrEqualTo(DiagnosisBudget.SERVER.maxHashedBytes(messageLength(request)));
  }

  /** The canonical message's length: six fields (missing headers as empty), five line feeds. */
  private static long messageLength(ReceivedRequest r) {
    return utf8(r.method())
        + utf8(first(r, SignatureHeaders.REQUEST_ID))
        + utf8(first(r, SignatureHeaders.TIMESTAMP))
        + utf8(r.path().toLowerCase(Locale.ROOT))
        + utf8(r.query() == null ? "" : r.query())
        + r.body().length
        + 5;
  }

  private static String first(ReceivedRequest r, String name) {
    List<String> v = r.headerValues(name);
    return v.isEmpty() ? "" : v.get(0);
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
