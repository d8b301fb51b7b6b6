package dev.itk.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CapturingServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CapturingServerExtensionTest {
  private static CapturingServer fromTheFirstTest;

  @Test
  @Order(1)
  void aTest_getsOneRunningServerHoweverManyTimesItAsks(CapturingServer a, CapturingServer b)
      throws Exception {
    a.answer(200, "{}");

    int status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(b.url("/ping"))).build(), BodyHandlers.ofString())
            .statusCode();

    assertThat(b).isSameAs(a);
    assertThat(status).isEqualTo(200);
    assertThat(a.take().rawPath()).isEqualTo("/ping");
    fromTheFirstTest = a;
  }

  @Test
  @Order(2)
  void theNextTest_getsAFreshServer_andTheLastOneIsStopped(CapturingServer server) {
    assertThat(fromTheFirstTest).as("the first test ran").isNotNull();
    assertThat(server).isNotSameAs(fromTheFirstTest);
    assertThat(fromTheFirstTest.isClosed()).isTrue();
    assertThat(server.isClosed()).isFalse();
  }
}
