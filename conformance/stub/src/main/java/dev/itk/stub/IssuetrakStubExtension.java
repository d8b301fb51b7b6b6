package dev.itk.stub;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;

/**
 * Runs an {@link IssuetrakStub} for JUnit 5 tests and resolves {@code IssuetrakStub} parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static IssuetrakStubExtension stub =
 *     IssuetrakStubExtension.builder().configure(b -> b.key(ApiKey.of(KEY))).build();
 *
 * @Test
 * void readsAnIssue(IssuetrakStub stub) {
 *   new MyClient(stub.baseUrl(), KEY).getIssue(1);
 *   assertThat(stub.lastRequest().verdict()).isEqualTo("valid");
 * }
 * }</pre>
 *
 * <p>In a static field the stub runs for the whole class; in an instance field, for each test.
 * Before each test it forgets recorded requests and seen request IDs, and by default also restores
 * the seed data and resets the clock, so tests do not depend on each other's order. With {@link
 * Builder#failOnRefusedRequests(boolean)} a test fails when the stub refused the signature of any
 * of its requests, the causes in the message ({@code docs/stub.md#the-junit-5-extension}).
 */
public final class IssuetrakStubExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(IssuetrakStubExtension.class);

  /** The store key of the stub's record total before a test. */
  private static final String RECORDED_BEFORE = "recordedBefore";

  private final IssuetrakStub stub;
  private final boolean resetStateBetweenTests;
  private final boolean failOnRefusedRequests;
  private boolean perTest;

  private IssuetrakStubExtension(
      IssuetrakStub stub, boolean resetStateBetweenTests, boolean failOnRefusedRequests) {
    this.stub = stub;
    this.resetStateBetweenTests = resetStateBetweenTests;
    this.failOnRefusedRequests = failOnRefusedRequests;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The stub (running during tests). */
  public IssuetrakStub stub() {
    return stub;
  }

  /** The stub's API base URL, {@code http://127.0.0.1:PORT/api/v1}. */
  public String baseUrl() {
    return stub.baseUrl();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!stub.isRunning()) {
      stub.start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stub.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!stub.isRunning()) {
      perTest = true; // registered on an instance field: beforeAll never ran
      stub.start();
    }
    stub.clearRequests();
    stub.clearReplayCache();
    if (resetStateBetweenTests) {
      stub.resetData();
      stub.resetClock();
    }
    context.getStore(NAMESPACE).put(RECORDED_BEFORE, stub.recordCounts().total());
  }

  /**
   * Fails the test if the stub refused one of its requests (when asked to). A test that failed
   * already keeps its own failure: JUnit reports this one as suppressed in it.
   */
  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (failOnRefusedRequests) {
        failOnRefusedRequests(context);
      }
    } finally {
      if (perTest) {
        stub.close();
      }
    }
  }

  private void failOnRefusedRequests(ExtensionContext context) {
    List<RecordedRequest> requests = stub.requests();
    Long before = context.getStore(NAMESPACE).get(RECORDED_BEFORE, Long.class);
    long ofTest = before == null ? requests.size() : stub.recordCounts().total() - before;
    Optional<String> message =
        RefusedRequests.message(requests, Math.max(0, ofTest - requests.size()));
    if (message.isPresent()) {
      throw new AssertionFailedError(message.get());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == IssuetrakStub.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stub;
  }

  /** Configures an {@link IssuetrakStubExtension}. */
  public static final class Builder {
    private final IssuetrakStub.Builder stub = IssuetrakStub.builder();
    private boolean resetStateBetweenTests = true;
    private boolean failOnRefusedRequests = false;

    private Builder() {}

    /** Configures the stub itself: keys, window, query form, clock, ... */
    public Builder configure(Consumer<IssuetrakStub.Builder> configuration) {
      Objects.requireNonNull(configuration, "configuration").accept(stub);
      return this;
    }

    /** Accepts signatures made with this key (a shortcut for {@code configure(b -> b.key(k))}). */
    public Builder key(dev.itk.signing.ApiKey key) {
      stub.key(key);
      return this;
    }

    /**
     * Whether the seed data and the clock are restored before each test (default true). Recorded
     * requests and seen request IDs are always forgotten.
     */
    public Builder resetStateBetweenTests(boolean reset) {
      this.resetStateBetweenTests = reset;
      return this;
    }

    /**
     * Whether a test fails when the stub's signature check refused any request it sent (default
     * false): after the test, the message lists each refused request (method, target, error code,
     * the causes and fixes its 401 named, the canonical message the stub computed) and how many
     * were accepted. Requests the stub accepted, even if a route then answered 404, and requests it
     * did not check do not count.
     */
    public Builder failOnRefusedRequests(boolean fail) {
      this.failOnRefusedRequests = fail;
      return this;
    }

    /** The extension; the stub starts when the tests do. */
    public IssuetrakStubExtension build() {
      return new IssuetrakStubExtension(
          stub.build(), resetStateBetweenTests, failOnRefusedRequests);
    }
  }
}
