package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTokenTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"GET", "get", "M-SEARCH", "X-Issuetrak-API-Timestamp", "!#$%&'*+-.^_`|~", "a1"})
  void tokens(String text) {
    assertThat(HttpToken.is(text)).isTrue();
    assertThat(HttpToken.firstInvalid(text)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "GET /",
        "GE\tT",
        "X:Y",
        "a\"b",
        "(x)",
        "a,b",
        "a;b",
        "a/b",
        "a@b",
        "[a]",
        "{a}",
        "a=b",
        "a?b",
        "\u00e9",
        "\u212A",
        "GET\u0000"
      })
  void notTokens(String text) {
    assertThat(HttpToken.is(text)).isFalse();
  }

  @Test
  void firstInvalid_pointsAtTheFirstBadCharacter() {
    assertThat(HttpToken.firstInvalid("X-Issuetrak API-Timestamp")).isEqualTo(11);
    assertThat(HttpToken.firstInvalid("é")).isZero();
  }

  @Test
  void theRuleListsTheFifteenSymbols() {
    // RFC 9110 section 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "."
    //   / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    assertThat(HttpToken.SYMBOLS).hasSize(15).isEqualTo("!#$%&'*+-.^_`|~");
    assertThat(HttpToken.RULE).isEqualTo("RFC 9110: letters, digits and !#$%&'*+-.^_`|~");
  }
}
