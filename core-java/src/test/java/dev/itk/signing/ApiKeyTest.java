package dev.itk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyTest {
  @Test
  void of_refusesEmptyKeysWithoutEchoingThem() {
    assertThatThrownBy(() -> ApiKey.of("")).hasMessageContaining("API key is empty");
    assertThatThrownBy(() -> ApiKey.of(null)).hasMessageContaining("API key is missing");
  }

  @Test
  void of_refusesTextWithoutAUtf8Encoding() {
    assertThatThrownBy(() -> ApiKey.of("abc\ud800def"))
        .hasMessageContaining("unpaired surrogate at index 3")
        .hasMessageNotContaining("abc");
  }

  @Test
  void keyIsTextNotBase64_andKeptVerbatim() {
    ApiKey key = ApiKey.of("wV4JA/59PUf6XjiMF1om+Eg+D4rQlE8WGRTybNIkdrs=");
    assertThat(key.byteLength()).isEqualTo(44);
    assertThat(ApiKey.of(" abc\n").byteLength()).isEqualTo(5);
    assertThat(ApiKey.of("clé").byteLength()).isEqualTo(4);
  }

  @Test
  void equalityAndFingerprint() {
    assertThat(ApiKey.of("abc")).isEqualTo(ApiKey.of("abc")).isNotEqualTo(ApiKey.of("abd"));
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(ApiKey.of("abc").fingerprint()).isEqualTo("sha256:ba7816bf8f01cfea");
    assertThat(ApiKey.of("abc").toString()).isEqualTo("ApiKey[sha256:ba7816bf8f01cfea]");
  }
}
