package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.api.http.Problems2.assertProblem;

import io.javalin.http.HandlerType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protected route with every scope (200 or 403), without a key and with a wrong key (401).
 */
class AuthMatrixTest {
  @TempDir static Path warehouse;
  static ApiFixture api;

  @BeforeAll
  static void start() {
    api = new ApiFixture(warehouse, true);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static List<ApiRoute> routes() {
    return ApiApp.routes(new ApiServices(null, null, null, null, null, null, null, 0));
  }

  /** A request that succeeds on the route when the key may call it. */
  static HttpRequest.Builder request(ApiRoute route) {
    String path =
        route
            .path()
            .replace("/customers/{id}", "/customers/C001")
            .replace("/invoices/{id}", "/invoices/INV-1");
    HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path));
    if (route.method() == HandlerType.POST) {
      String body =
          path.endsWith("/prospects/score")
              ? "{\"country\":\"FR\",\"companyAgeYears\":4,\"requestedAmount\":1000}"
              : path.endsWith("/quotes/check")
                  ? "{\"customerId\":\"C001\",\"amount\":100,\"requestedTermsDays\":30}"
                  : "";
      b.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    }
    return b;
  }

  static Stream<Arguments> protectedRoutesTimesScopes() {
    List<Arguments> cases = new ArrayList<>();
    for (ApiRoute route : routes()) {
      if (route.scope() != null) {
        for (Scope scope : Scope.values()) {
          cases.add(Arguments.of(route.method() + " " + route.path(), scope));
        }
      }
    }
    return cases.stream();
  }

  static ApiRoute route(String name) {
    return routes().stream()
        .filter(r -> (r.method() + " " + r.path()).equals(name))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0} with a {1} key")
  @MethodSource("protectedRoutesTimesScopes")
  void aKeyReachesExactlyTheRoutesOfItsScope(String name, Scope scope) {
    ApiRoute route = route(name);
    HttpResponse<String> r = api.send(request(route), api.key(scope));
    if (scope == Scope.ADMIN || scope == route.scope()) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    } else {
      assertThat(assertProblem(r, 403).get("detail").asText())
          .contains("'" + route.scope().word() + "' scope");
    }
  }

  static Stream<String> protectedRoutes() {
    return routes().stream().filter(r -> r.scope() != null).map(r -> r.method() + " " + r.path());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protectedRoutes")
  void withoutAKeyOrWithAWrongKeyIs401(String name) {
    ApiRoute route = route(name);
    assertProblem(api.send(request(route), null), 401);
    assertProblem(api.send(request(route), "enc_not-a-key"), 401);
    assertProblem(api.send(request(route).header("X-API-Key", "enc_wrong"), null), 401);
    assertProblem(
        api.send(request(route).header("Authorization", "Basic dXNlcjpwYXNz"), null), 401);
  }

  @ParameterizedTest(name = "HEAD {0}")
  @MethodSource("protectedGetRoutes")
  void headChecksTheKeyLikeGet(String path) {
    assertThat(api.send(head(path), null).statusCode()).isEqualTo(401);
    assertThat(api.send(head(path), "enc_not-a-key").statusCode()).isEqualTo(401);
    HttpResponse<String> allowed = api.send(head(path), api.key(Scope.ADMIN));
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).isEmpty();
  }

  static HttpRequest.Builder head(String path) {
    return HttpRequest.newBuilder(api.uri(path))
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
  }

  static Stream<String> protectedGetRoutes() {
    return routes().stream()
        .filter(r -> r.scope() != null && r.method() == HandlerType.GET)
        .map(
            r ->
                r.path()
                    .replace("/customers/{id}", "/customers/C001")
                    .replace("/invoices/{id}", "/invoices/INV-1"));
  }

  @Test
  void theXApiKeyHeaderWorksLikeBearer() {
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(api.uri("/v1/customers/C001/score"))
                .header("X-API-Key", api.key(Scope.SALES)),
            null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(
            api.send(request(route("GET /v1/scores")), null)
                .headers()
                .firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"encours\"");
  }

  @Test
  void openEndpointsNeedNoKey() {
    for (ApiRoute route : routes()) {
      if (route.scope() == null) {
        assertThat(api.send(request(route), null).statusCode()).as(route.path()).isEqualTo(200);
      }
    }
  }

  @Test
  void aKeyOverItsRateLimitGets429WithRetryAfter() {
    HttpResponse<String> last = null;
    for (int i = 0;
        i < 4;
        i++) { // burst 2, refill 0.5/s: the third or fourth quick request is refused
      last = api.get("/v1/customers/C001/score", api.limitedKey);
      if (last.statusCode() == 429) {
        break;
      }
    }
    assertProblem(last, 429);
    assertThat(last.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
  }
}
