package dev.itk.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test that declares a {@link CapturingServer} parameter a server of its own, started
 * for it and stopped after it; a test without the parameter starts none.
 *
 * <pre>{@code
 * @ExtendWith(CapturingServerExtension.class)
 * class SomeClientTest {
 *   @Test
 *   void getNote_sendsASignedGet(CapturingServer server) throws Exception {
 *     server.answer(200, "{}");
 *     ClientTestSupport.client(server).getNote(1);
 *     assertThat(server.take().rawPath()).isEqualTo("/NestedSite1/api/v1/notes/1");
 *   }
 * }
 * }</pre>
 */
final class CapturingServerExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CapturingServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CapturingServer.class;
  }

  // One server per test: @BeforeEach methods and the test method asking for it get the same one.
  @Override
  public CapturingServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(CapturingServer.class, key -> start(), CapturingServer.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    CapturingServer server =
        context.getStore(NAMESPACE).remove(CapturingServer.class, CapturingServer.class);
    if (server != null) {
      server.close();
    }
  }

  private static CapturingServer start() {
    try {
      return new CapturingServer();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the capturing server on 127.0.0.1", e);
    }
  }
}
