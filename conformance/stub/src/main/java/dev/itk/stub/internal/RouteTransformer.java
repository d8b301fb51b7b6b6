package dev.itk.stub.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The WireMock transformer behind the stub's one catch-all mapping: answers admin routes and the
 * Issuetrak routes from the in-memory state. Runs only after {@link SignatureCheckFilter} let the
 * request through.
 */
final class RouteTransformer implements ResponseDefinitionTransformerV2 {
  private final IssuetrakRoutes routes;
  private final AdminRoutes admin;

  RouteTransformer(IssuetrakRoutes routes, AdminRoutes admin) {
    this.routes = routes;
    this.admin = admin;
  }

  @Override
  public String getName() {
    return "itk-routes";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Exchange e = Exchange.current();
    StubResponse response;
    try {
      response =
          e.isAdmin()
              ? admin.handle(e)
              : routes.handle(e.method(), e.rawPath(), e.rawQuery(), e.body());
    } catch (RuntimeException bug) {
      response =
          StubResponse.error(500, "internal-error", "the stub failed on this request: " + bug);
    }
    return definition(response);
  }

  static ResponseDefinition definition(StubResponse response) {
    ResponseDefinitionBuilder b =
        ResponseDefinitionBuilder.responseDefinition()
            .withStatus(response.status())
            .withHeader(
                "Content-Type",
                response.headers().getOrDefault("Content-Type", StubResponse.CONTENT_TYPE))
            .withBody(response.body());
    // the inspector's page and files name their own type
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equals("Content-Type")) {
                b.withHeader(name, value);
              }
            });
    return b.build();
  }
}
