package dev.itk.stub;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
 * the seed data and resets the clock, so tests do not depend on each other's order.
 */
public final class IssuetrakStubExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final IssuetrakStub stub;
  private final boolean resetStateBetweenTests;
  private boolean perTest;

  private IssuetrakStubExtension(IssuetrakStub stub, boolean resetStateBetweenTests) {
    this.stub = stub;
    this.resetStateBetweenTests = resetStateBetweenTests;
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
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stub.close();
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

    /** The extension; the stub starts when the tests do. */
    public IssuetrakStubExtension build() {
      return new IssuetrakStubExtension(stub.build(), resetStateBetweenTests);
    }
  }
}
