package dev.itk.stub;

import static dev.itk.stub.StubClient.CLOCK;
import static dev.itk.stub.StubClient.KEY;
import static dev.itk.stub.StubClient.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.itk.signing.ApiKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * {@code failOnRefusedRequests(true)} as a user's test run sees it: the fixture classes below run
 * through the JUnit engine, and a fixture test that sent a request the stub refused fails with the
 * stub's diagnosis in its message; one that sent only accepted requests passes; with the option
 * off, nothing fails. The expected messages are written out by hand from docs/stub.md and the
 * mistake catalogue (diagnosis Mistake.KEY_WHITESPACE).
 */
class IssuetrakStubExtensionRefusalsTest {
  /** The configuration parameter under which the fixtures run (and without which they skip). */
  private static final String FIXTURES = "itk.test.extension-fixtures";

  /** The key's text with a line feed after it: the catalogue's {@code key-whitespace}. */
  private static final ApiKey KEY_WITH_NEWLINE =
      ApiKey.of(new String(KEY.asSecretKey().getEncoded(), StandardCharsets.UTF_8) + "\n");

  @Test
  void failOn_aTestWithARequestSignedWithAnotherKey_failsNamingItsCodeAndMessage() {
    AssertionFailedError failure =
        (AssertionFailedError) runFailingOn().get("anotherKey").getThrowable().orElseThrow();

    assertThat(failure.getMessage())
        .isEqualTo(
            """
            The Issuetrak stub refused the signature of 1 request during this test, and accepted \
            1 request:
            #1 GET /api/v1/notes/1?x=%2F: 401 bad-signature
              detail: the signature does not match the canonical message this verifier computed \
            for the request; compare that message with the one your client signed
              cause: none catalogued (no known mistake, nor pair, reproduces the signature): \
            compare the canonical message below with the one your client signed; if they are \
            equal, the key differs
              canonical message the stub computed (\\n marks each line feed):
                GET\\n
                00000000-0000-4000-8000-000000000001\\n
                2014-09-10T17:28:08.3227351Z\\n
                /api/v1/notes/1\\n
                x=%2F\\n
            (IssuetrakStubExtension failOnRefusedRequests: a test that means to send a refused \
            request calls stub.clearRequests() after it)""");
  }

  @Test
  void failOn_aTestWithAKeyWithATrailingNewline_failsNamingTheCauseAndItsFix() {
    TestExecutionResult result = runFailingOn().get("keyWithANewline");

    assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(result.getThrowable().orElseThrow().getMessage())
        .startsWith(
            "The Issuetrak stub refused the signature of 1 request during this test, and accepted"
                + " 2 requests:\n")
        .contains("#2 POST /api/v1/notes: 401 bad-signature\n")
        .contains(
            "  cause key-whitespace: the client's copy of the API key has whitespace around it (a"
                + " trailing newline?)\n"
                + "    fix: trim the key when you read it from a file or an environment variable\n")
        .contains(
            "    POST\\n\n"
                + "    00000000-0000-4000-8000-000000000001\\n\n"
                + "    2014-09-10T17:28:08.3227351Z\\n\n"
                + "    /api/v1/notes\\n\n"
                + "    \\n\n"
                + "    {\"IssueNumber\":1,\"NoteText\":\"hi\"}\n");
  }

  @Test
  void failOn_aTestWithOnlyAcceptedRequests_passes_evenWhenARouteAnswered404() {
    assertThat(runFailingOn().get("onlyAcceptedRequests").getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }

  @Test
  void failOn_aTestThatClearsTheRecordAfterARefusal_passes() {
    assertThat(runFailingOn().get("refusalOnPurpose_thenCleared").getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }

  @Test
  void failOn_aTestThatFailedOnItsOwn_keepsItsFailure_withTheRefusalsSuppressed() {
    Throwable failure =
        runFailingOn().get("failsOnItsOwn_afterARefusal").getThrowable().orElseThrow();

    assertThat(failure).hasMessage("the test's own failure");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("#1 GET /api/v1/notes/1?x=%2F: 401 bad-signature\n");
  }

  @Test
  void failOn_aTestAbortedAfterARefusal_fails_withTheAbortSuppressed() {
    TestExecutionResult result = runFailingOn().get("abortedAfterARefusal");

    assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    Throwable failure = result.getThrowable().orElseThrow();
    assertThat(failure).hasMessageContaining("#1 GET /api/v1/notes/1: 401 bad-signature\n");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).isInstanceOf(TestAbortedException.class);
  }

  @Test
  void failOn_countsEveryTestOfTheFixture() {
    EngineExecutionResults results = run(FailingOnRefusals.class);

    results.testEvents().assertStatistics(s -> s.started(6).succeeded(2).failed(4).aborted(0));
  }

  @Test
  void off_byDefault_aTestWithARefusedRequestPasses() {
    EngineExecutionResults results = run(NotFailing.class);

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
  }

  private static Map<String, TestExecutionResult> runFailingOn() {
    return run(FailingOnRefusals.class).testEvents().finished().stream()
        .collect(
            Collectors.toMap(
                e -> e.getTestDescriptor().getLegacyReportingName().replaceAll("\\(.*", ""),
                e -> e.getRequiredPayload(TestExecutionResult.class)));
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(FIXTURES, "true")
        .selectors(selectClass(fixture))
        .execute();
  }

  // ------------------------------------------------------------------ the fixtures

  /** Runs a fixture only under {@link #run}, so that a build that finds it does not fail. */
  static final class OnlyUnderEngineTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(FIXTURES).isPresent()
          ? ConditionEvaluationResult.enabled("run by IssuetrakStubExtensionRefusalsTest")
          : ConditionEvaluationResult.disabled(
              "a fixture of IssuetrakStubExtensionRefusalsTest, which runs it");
    }
  }

  /** A stub per test (an instance field), so that each test's requests are numbered from 1. */
  @ExtendWith(OnlyUnderEngineTestKit.class)
  static class FailingOnRefusals {
    @RegisterExtension
    IssuetrakStubExtension extension =
        IssuetrakStubExtension.builder()
            .key(KEY)
            .configure(b -> b.clock(CLOCK))
            .failOnRefusedRequests(true)
            .build();

    @Test
    void anotherKey(IssuetrakStub stub) {
      assertThat(new StubClient(stub, OTHER_KEY).send("GET", "/api/v1/notes/1?x=%2F").status())
          .isEqualTo(401);
      assertThat(new StubClient(stub).send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
    }

    @Test
    void keyWithANewline(IssuetrakStub stub) {
      StubClient client = new StubClient(stub);
      assertThat(client.send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
      assertThat(
              new StubClient(stub, KEY_WITH_NEWLINE)
                  .send("POST", "/api/v1/notes", "{\"IssueNumber\":1,\"NoteText\":\"hi\"}")
                  .status())
          .isEqualTo(401);
      assertThat(client.send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
    }

    @Test
    void onlyAcceptedRequests(IssuetrakStub stub) {
      StubClient client = new StubClient(stub);
      assertThat(client.send("GET", "/api/v1/notes/1").status()).isEqualTo(200);
      assertThat(client.send("GET", "/api/v1/no-such-route").status()).isEqualTo(404);
      assertThat(StubClient.admin(stub, "GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void refusalOnPurpose_thenCleared(IssuetrakStub stub) {
      assertThat(new StubClient(stub, OTHER_KEY).send("GET", "/api/v1/notes/1").status())
          .isEqualTo(401);
      stub.clearRequests();
    }

    @Test
    void failsOnItsOwn_afterARefusal(IssuetrakStub stub) {
      new StubClient(stub, OTHER_KEY).send("GET", "/api/v1/notes/1?x=%2F");
      fail("the test's own failure");
    }

    @Test
    void abortedAfterARefusal(IssuetrakStub stub) {
      new StubClient(stub, OTHER_KEY).send("GET", "/api/v1/notes/1");
      assumeTrue(false, "the test's own assumption");
    }
  }

  /** The option off, as by default. */
  @ExtendWith(OnlyUnderEngineTestKit.class)
  static class NotFailing {
    @RegisterExtension
    IssuetrakStubExtension extension =
        IssuetrakStubExtension.builder().key(KEY).configure(b -> b.clock(CLOCK)).build();

    @Test
    void anotherKey(IssuetrakStub stub) {
      assertThat(new StubClient(stub, OTHER_KEY).send("GET", "/api/v1/notes/1").status())
          .isEqualTo(401);
    }
  }
}
