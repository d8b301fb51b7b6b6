package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://Sub.Example.com/NestedSite1/api/v1/issues/False/1 | /NestedSite1/api/v1/issues/False/1 | ''",
        "https://host//api/v1/notes/5 | //api/v1/notes/5 | ''",
        "http://user:pw@host:8080/api/v1/x?b=2&a=%2C#frag | /api/v1/x | b=2&a=%2C",
        "https://host | / | ''",
        "https://host? | / | ''",
        "HTTPS://HOST/API/%C3%A9 | /API/%C3%A9 | ''",
      })
  void fromUrl_takesTheRawPathAndQuery(String url, String path, String query) {
    assertThat(RequestTarget.fromUrl(url)).isEqualTo(new RequestTarget(path, query));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/issues | must be absolute",
        "https://host/a b | not a valid URL",
        "mailto:x@example.com | must be absolute",
      })
  void fromUrl_namesTheUrlThatIsNotUsable(String url, String problem) {
    assertThatThrownBy(() -> RequestTarget.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(url)
        .hasMessageContaining(problem);
  }
}
