package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code bindAddress}: the default is loopback; every interface ({@code 0.0.0.0}, as in a container
 * whose port is published) still answers on 127.0.0.1, the only address these tests send to.
 */
class BindAddressOverHttpTest {
  @Test
  void byDefault_bindsLoopback() {
    try (IssuetrakStub stub = IssuetrakStub.builder().key(KEY).build().start()) {
      assertThat(stub.bindAddress()).isEqualTo("127.0.0.1");
      assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port() + "/api/v1");
    }
  }

  @Test
  void everyInterface_answersSignedRequestsOnLoopback_withLoopbackUrls() {
    try (IssuetrakStub stub =
        IssuetrakStub.builder().key(KEY).clock(CLOCK).bindAddress("0.0.0.0").build().start()) {
      StubClient.Reply valid = new StubClient(stub).send("GET", "/api/v1/notes/1");
      StubClient.Reply health = StubClient.get(stub.adminUrl() + "/health");
      StubClient.Reply unsigned = StubClient.get(stub.url("/notes/1"));

      assertThat(stub.bindAddress()).isEqualTo("0.0.0.0");
      assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port() + "/api/v1");
      assertThat(stub.adminUrl()).isEqualTo("http://127.0.0.1:" + stub.port() + "/__itk");
      assertThat(valid.status()).as(valid.text()).isEqualTo(200);
      assertThat(health.status()).as(health.text()).isEqualTo(200);
      assertThat(unsigned.status()).isEqualTo(401);
    }
  }

  @Test
  void aHostName_isRefusedByTheBuilder_namingIt() {
    IssuetrakStub.Builder builder = IssuetrakStub.builder().key(KEY);

    assertThatThrownBy(() -> builder.bindAddress("localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an IP address literal")
        .hasMessageEndingWith("got \"localhost\"");
  }
}
