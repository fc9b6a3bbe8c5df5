package org.encours.api.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.UUID;
import org.encours.api.security.AuthThrottle;
import org.encours.api.security.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP API as an <em>unstarted</em> Javalin app (the serve command starts it; tests
 * start it on a random port). All errors leave through one mapper as RFC 7807 problem bodies; a
 * stack trace is logged (with a reference) but never sent.
 */
public final class ApiApp {
  private static final Logger LOG = LoggerFactory.getLogger(ApiApp.class);

  private ApiApp() {}

  /** The endpoints, in the order the docs list them. */
  public static List<ApiRoute> routes(ApiServices services) {
    DataController data = new DataController(services.store());
    QuoteController quotes = new QuoteController(services);
    OpsController ops = new OpsController(services);
    return List.of(
        new ApiRoute(
            HandlerType.GET,
            "/v1/customers/{id}/score",
            Scope.SALES,
            "A customer's latest late-payment score",
            data::customerScore),
        new ApiRoute(
            HandlerType.GET,
            "/v1/customers/{id}/recommendation",
            Scope.SALES,
            "A customer's recommended deposit, limit and terms",
            data::recommendation),
        new ApiRoute(
            HandlerType.POST,
            "/v1/prospects/score",
            Scope.SALES,
            "Score a prospect and propose terms",
            quotes::scoreProspect),
        new ApiRoute(
            HandlerType.POST,
            "/v1/quotes/check",
            Scope.SALES,
            "Check a quote against a customer's or prospect's terms",
            quotes::checkQuote),
        new ApiRoute(
            HandlerType.GET,
            "/v1/customers/{id}/dunning-plan",
            Scope.DUNNING,
            "A customer's next dunning actions",
            data::customerDunningPlan),
        new ApiRoute(
            HandlerType.GET,
            "/v1/invoices/{id}/score",
            Scope.DUNNING,
            "An open invoice's late-payment score",
            data::invoiceScore),
        new ApiRoute(
            HandlerType.GET,
            "/v1/scores",
            Scope.DUNNING,
            "Customer scores in bulk, optionally only those changed since a version (paged)",
            data::scores),
        new ApiRoute(
            HandlerType.GET,
            "/v1/dunning-plan",
            Scope.DUNNING,
            "Dunning actions due by a date (paged)",
            data::dunningPlan),
        new ApiRoute(
            HandlerType.GET,
            "/v1/portfolio/aging",
            Scope.REPORTS,
            "Aging by bucket at the latest as-of date",
            data::aging),
        new ApiRoute(
            HandlerType.GET,
            "/v1/portfolio/kpis",
            Scope.REPORTS,
            "DSO family, CEI and AR at the latest month end",
            data::kpis),
        new ApiRoute(
            HandlerType.POST,
            "/v1/admin/reload",
            Scope.ADMIN,
            "Look for new table versions now",
            ops::reload),
        new ApiRoute(HandlerType.GET, "/health", null, "Liveness", ops::health),
        new ApiRoute(
            HandlerType.GET, "/ready", null, "Readiness: which tables are loaded", ops::ready),
        new ApiRoute(HandlerType.GET, "/metrics", null, "Prometheus metrics", ops::metrics),
        new ApiRoute(
            HandlerType.GET, "/openapi.json", null, "This API's OpenAPI document", ops::openApi),
        new ApiRoute(
            HandlerType.GET, "/docs", null, "Human documentation of the endpoints", ops::docs));
  }

  /** The app with the default {@link HttpLimits}, not started. */
  public static Javalin create(ApiServices services) {
    return create(services, HttpLimits.DEFAULTS);
  }

  /** The app, not started. */
  public static Javalin create(ApiServices services, HttpLimits limits) {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.maxRequestSize = services.maxBodyBytes();
              config.http.prefer405over404 = true;
              config.http.generateEtags = false;
              config.jsonMapper(new JavalinJackson(services.json(), false));
              config.requestLogger.http(
                  (ctx, ms) ->
                      services
                          .metrics()
                          .request(ctx.method().name(), route(ctx), ctx.statusCode(), ms / 1000.0));
              // A client that goes away or stops sending is the client's fault, never a 5xx.
              config.jetty.clientAbortStatus = 400;
              config.jetty.timeoutStatus = 408;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setRequestHeaderSize(limits.maxHeaderBytes());
                    http.setIdleTimeout(limits.bodyIdleTimeout().toMillis());
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                  });
              config.jetty.modifyServer(
                  server ->
                      server.setErrorHandler(new ProblemErrorHandler(limits.maxHeaderBytes())));
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.setErrorHandler(new ProblemErrorHandler(limits.maxHeaderBytes())));
            });
    Guard guard =
        new Guard(
            services.keys(),
            services.limiter(),
            new AuthThrottle(limits.authFailures(), limits.authFailureWindow()));
    for (ApiRoute route : routes(services)) {
      Handler handler =
          route.scope() == null ? route.handler() : guard.protect(route.scope(), route.handler());
      app.addHttpHandler(route.method(), route.path(), handler);
      if (route.method() == HandlerType.GET) {
        // Javalin answers HEAD on a GET route with an empty 200 without running the route's
        // handler: a HEAD handler of its own makes HEAD pass the same key check and give the same
        // status and headers as GET (Jetty sends no body).
        app.addHttpHandler(HandlerType.HEAD, route.path(), handler);
      }
    }
    app.exception(ApiException.class, ApiApp::problem);
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          if (status == 404) {
            problem(Problems.noRoute(ctx.req().getMethod(), ctx.path()), ctx);
          } else if (status == 405) {
            problem(Problems.methodNotAllowed(ctx.req().getMethod(), ctx.path()), ctx);
          } else if (status == 413) {
            problem(Problems.tooLarge(services.maxBodyBytes()), ctx);
          } else {
            problem(
                new ApiException(
                    status,
                    "http-" + status,
                    "HTTP " + status,
                    Problems.clip(e.getMessage(), 120),
                    java.util.Map.of()),
                ctx);
          }
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          if (clientFault(e)) {
            problem(Bodies.clientFault(e), ctx);
            return;
          }
          String reference = UUID.randomUUID().toString().substring(0, 8);
          LOG.error("Internal error {} on {} {}", reference, ctx.method(), ctx.path(), e);
          problem(
              new ApiException(
                  500,
                  "internal",
                  "Internal error",
                  "The server could not answer (reference " + reference + " in its log).",
                  java.util.Map.of()),
              ctx);
        });
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            problem(Problems.noRoute(ctx.req().getMethod(), ctx.path()), ctx);
          }
        });
    app.error(
        405, ctx -> problem(Problems.methodNotAllowed(ctx.req().getMethod(), ctx.path()), ctx));
    return app;
  }

  /** A request the client broke (framing, early end, pause): not a server error. */
  private static boolean clientFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.BadMessageException
          || t instanceof org.eclipse.jetty.io.EofException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String route(Context ctx) {
    try {
      String path = ctx.endpointHandlerPath();
      return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  static void problem(ApiException e, Context ctx) {
    ctx.status(e.status());
    e.headers().forEach(ctx::header);
    ctx.header("Cache-Control", "no-store");
    ctx.res().setHeader("ETag", null);
    ctx.contentType(Problem.CONTENT_TYPE);
    ctx.result(Problem.of(e, ctx.path()).toBytes());
  }
}
