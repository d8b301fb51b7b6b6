package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JUnit 5 extension as users register it: it starts the stub, resolves {@code IssuetrakStub}
 * parameters and gives each test a clean record, replay cache, data set and clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuetrakStubExtensionTest {
  @RegisterExtension
  static IssuetrakStubExtension extension =
      IssuetrakStubExtension.builder().configure(b -> b.key(KEY).clock(CLOCK)).build();

  static int portOfFirstTest;

  @Test
  @Order(1)
  void firstTest_changesEverything(IssuetrakStub stub) {
    portOfFirstTest = stub.port();
    StubClient client = new StubClient(stub);
    assertThat(client.send("POST", "/api/v1/issues", "{\"Subject\": \"made in test 1\"}").text())
        .isEqualTo("4");
    stub.shiftClock(Duration.ofHours(1));

    assertThat(stub).isSameAs(extension.stub());
    assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port() + "/api/v1");
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  @Order(2)
  void secondTest_startsClean_onTheSameServer(IssuetrakStub stub) {
    StubClient client = new StubClient(stub); // request ID ...0001 again: the replay cache is clear

    StubClient.Reply r = client.send("GET", "/api/v1/issues/false/4");

    assertThat(stub.port()).as("one server for the class").isEqualTo(portOfFirstTest);
    assertThat(r.status()).as("seed data restored, clock reset: %s", r.text()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("unknown-issue");
    assertThat(stub.requests()).hasSize(1);
  }

  /** Registered on an instance field, the stub lives for one test. */
  @Nested
  class PerTest {
    @RegisterExtension
    IssuetrakStubExtension perTest =
        IssuetrakStubExtension.builder()
            .key(KEY)
            .configure(b -> b.clock(CLOCK))
            .resetStateBetweenTests(false)
            .build();

    @Test
    void runsForThisTestOnly() {
      IssuetrakStub stub = perTest.stub();

      assertThat(stub.isRunning()).isTrue();
      assertThat(stub.port()).isNotEqualTo(portOfFirstTest);
      assertThat(new StubClient(stub).send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
    }
  }
}
