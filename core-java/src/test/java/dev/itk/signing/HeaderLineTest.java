package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderLineTest {
  @ParameterizedTest(name = "\"{0}\" vs \"{1}\": {2}")
  @CsvSource({
    "X-Issuetrak-API-Timestamp, x-issuetrak-api-timestamp, true",
    "X-ISSUETRAK-API-TIMESTAMP, X-Issuetrak-API-Timestamp, true",
    "Host, host, true",
    "Host, Hos, false",
    "Host, Hosts, false",
    // The Kelvin sign and the long s fold to k and s in String.equalsIgnoreCase, not in HTTP.
    "\u212Aey, key, false",
    "\u212Aey, Key, false",
    "Ho\u017Ft, Host, false",
    // Only A-Z fold: '@' and '`' sit next to them in ASCII and must not.
    "X@, X`, false",
    "[, {, false",
  })
  void sameName_foldsAsciiLettersOnly(String a, String b, boolean same) {
    assertThat(HeaderLine.sameName(a, b)).isEqualTo(same);
    assertThat(HeaderLine.sameName(b, a)).isEqualTo(same);
    assertThat(new HeaderLine(a, "v").hasName(b)).isEqualTo(same);
  }

  @Test
  void values_keepsOrderAndRepeatedLines_firstTakesTheFirst() {
    List<HeaderLine> lines =
        List.of(
            new HeaderLine("X-Custom", "a"),
            new HeaderLine("Accept", "*/*"),
            new HeaderLine("x-custom", "b"),
            new HeaderLine("\u212A-custom", "not this one"));

    assertThat(HeaderLine.values(lines, "X-CUSTOM")).containsExactly("a", "b");
    assertThat(HeaderLine.first(lines, "x-custom")).contains("a");
    assertThat(HeaderLine.first(lines, "k-custom")).isEmpty();
    assertThat(HeaderLine.contains(lines, "accept")).isTrue();
    assertThat(HeaderLine.contains(lines, "Host")).isFalse();
  }

  @Test
  void toString_hidesCredentialsAndTheSignature() {
    assertThat(new HeaderLine("X-Issuetrak-API-Authorization", "c2lnbmF0dXJl"))
        .hasToString("X-Issuetrak-API-Authorization: (signature)");
    assertThat(new HeaderLine("authorization", "Bearer s3cret"))
        .hasToString("authorization: (hidden)");
    assertThat(new HeaderLine("Proxy-Authorization", "Basic s3cret"))
        .hasToString("Proxy-Authorization: (hidden)");
    assertThat(new HeaderLine("COOKIE", "session=s3cret")).hasToString("COOKIE: (hidden)");
    assertThat(new HeaderLine("Accept", "application/json"))
        .hasToString("Accept: application/json");
  }

  @Test
  void bothPartsAreRequired() {
    assertThatNullPointerException()
        .isThrownBy(() -> new HeaderLine(null, "v"))
        .withMessage("header name");
    assertThatNullPointerException()
        .isThrownBy(() -> new HeaderLine("n", null))
        .withMessage("header value");
  }
}
