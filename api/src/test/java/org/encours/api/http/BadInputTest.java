package org.encours.api.http;

import static org.encours.api.http.Problems2.assertProblem;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of bad requests: each gets a 4xx problem body, never a stack trace. */
class BadInputTest {
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

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Arguments post(String what, String path, String body, int status) {
    return Arguments.of(what, "POST", path, body, "application/json", status);
  }

  static Arguments get(String what, String path, int status) {
    return Arguments.of(what, "GET", path, null, null, status);
  }

  static Stream<Arguments> corpus() {
    String p = "/v1/prospects/score";
    String q = "/v1/quotes/check";
    return Stream.of(
        post("malformed JSON", p, "{\"country\":", 400),
        post("not an object", p, "[1,2]", 400),
        post("a bare string", p, "\"FR\"", 400),
        post("null", p, "null", 400),
        post("empty body", p, "", 400),
        post("trailing content", p, "{\"requestedAmount\":10} x", 400),
        post("duplicate field", p, "{\"requestedAmount\":10,\"requestedAmount\":20}", 400),
        post("unknown field", p, "{\"requestedAmount\":10,\"colour\":\"red\"}", 400),
        post("amount as text", p, "{\"requestedAmount\":\"lots\"}", 400),
        post("amount as numeric text", p, "{\"requestedAmount\":\"10\"}", 400),
        post("country as a number", p, "{\"country\":12,\"requestedAmount\":10}", 400),
        post("terms with decimals", p, "{\"requestedTermsDays\":30.5,\"requestedAmount\":10}", 400),
        post("age as a boolean", p, "{\"companyAgeYears\":true,\"requestedAmount\":10}", 400),
        post("nested object for a string", p, "{\"sector\":{\"a\":1},\"requestedAmount\":10}", 400),
        post("negative amount", p, "{\"requestedAmount\":-5}", 400),
        post("zero amount", p, "{\"requestedAmount\":0}", 400),
        post("huge amount", p, "{\"requestedAmount\":1e13}", 400),
        post("amount with 3 decimals", p, "{\"requestedAmount\":10.001}", 400),
        post("missing amount", p, "{\"country\":\"FR\"}", 400),
        post("terms over a year", p, "{\"requestedAmount\":10,\"requestedTermsDays\":400}", 400),
        post("negative terms", p, "{\"requestedAmount\":10,\"requestedTermsDays\":-1}", 400),
        post(
            "terms overflow",
            p,
            "{\"requestedAmount\":10,\"requestedTermsDays\":99999999999}",
            400),
        post("age over 300", p, "{\"requestedAmount\":10,\"companyAgeYears\":500}", 400),
        post(
            "created in the future",
            p,
            "{\"requestedAmount\":10,\"companyCreatedDate\":\"2030-01-01\"}",
            400),
        post(
            "created date not ISO",
            p,
            "{\"requestedAmount\":10,\"companyCreatedDate\":\"31/12/2020\"}",
            400),
        post(
            "impossible date",
            p,
            "{\"requestedAmount\":10,\"companyCreatedDate\":\"2023-02-30\"}",
            400),
        post(
            "both age and date",
            p,
            "{\"requestedAmount\":10,\"companyAgeYears\":3,\"companyCreatedDate\":\"2020-01-01\"}",
            400),
        post("country not ISO", p, "{\"requestedAmount\":10,\"country\":\"fra\"}", 400),
        post("channel with spaces", p, "{\"requestedAmount\":10,\"channel\":\"walk in\"}", 400),
        post(
            "sector too long",
            p,
            "{\"requestedAmount\":10,\"sector\":\"" + "x".repeat(200) + "\"}",
            400),
        post("oversized body", p, "{\"sector\":\"" + "x".repeat(20_000) + "\"}", 413),
        Arguments.of(
            "not JSON content type", "POST", p, "{\"requestedAmount\":10}", "text/plain", 415),
        Arguments.of("no content type", "POST", p, "{\"requestedAmount\":10}", null, 415),
        post(
            "quote with customer and prospect",
            q,
            "{\"customerId\":\"C001\",\"prospect\":{},\"amount\":10,\"requestedTermsDays\":30}",
            400),
        post("quote with neither", q, "{\"amount\":10,\"requestedTermsDays\":30}", 400),
        post("quote without amount", q, "{\"customerId\":\"C001\",\"requestedTermsDays\":30}", 400),
        post("quote without terms", q, "{\"customerId\":\"C001\",\"amount\":10}", 400),
        post(
            "quote with a bad customer id",
            q,
            "{\"customerId\":\"../etc/passwd\",\"amount\":10,\"requestedTermsDays\":30}",
            400),
        post(
            "quote with a bad prospect field",
            q,
            "{\"prospect\":{\"country\":\"France\"},\"amount\":10,\"requestedTermsDays\":30}",
            400),
        post(
            "quote with an unknown prospect field",
            q,
            "{\"prospect\":{\"vat\":\"x\"},\"amount\":10,\"requestedTermsDays\":30}",
            400),
        get("id with a space", "/v1/customers/a%20b/score", 400),
        get("id with a quote", "/v1/invoices/a'b/score", 400),
        get("id too long", "/v1/customers/" + "C".repeat(65) + "/score", 400),
        get("id starting with a dot", "/v1/customers/.hidden/recommendation", 400),
        get("dueBy not a date", "/v1/dunning-plan?dueBy=tomorrow", 400),
        get("dueBy month 13", "/v1/dunning-plan?dueBy=2026-13-01", 400),
        get("dueBy in year 20000", "/v1/dunning-plan?dueBy=+20000-01-01", 400),
        get("cursor not base64", "/v1/scores?cursor=!!!", 400),
        get("cursor of garbage", "/v1/scores?cursor=" + b64("garbage"), 400),
        get(
            "cursor of another endpoint",
            "/v1/scores?cursor=" + b64("dunning\u001fdueBy=\u001f1\u001fINV-1"),
            400),
        get(
            "cursor of another query",
            "/v1/scores?changedSince=0&cursor=" + b64("scores\u001fchangedSince=\u001fC001"),
            400),
        get(
            "dunning cursor with a bad date",
            "/v1/dunning-plan?cursor=" + b64("dunning\u001fdueBy=\u001fx\u001fINV-1"),
            400),
        get("cursor too long", "/v1/scores?cursor=" + "A".repeat(1000), 400),
        get("limit 0", "/v1/scores?limit=0", 400),
        get("limit over 1000", "/v1/scores?limit=1001", 400),
        get("limit not a number", "/v1/dunning-plan?limit=ten", 400),
        get("changedSince negative", "/v1/scores?changedSince=-1", 400),
        get("changedSince not a number", "/v1/scores?changedSince=yesterday", 400),
        get("level with symbols", "/v1/portfolio/aging?level=Bad!", 400),
        get("unknown level", "/v1/portfolio/kpis?level=planet", 400),
        get("customer level without entity", "/v1/portfolio/aging?level=customer", 400),
        get("unknown entity", "/v1/portfolio/aging?level=country&entity=ZZ", 404),
        Arguments.of("wrong method", "DELETE", "/v1/scores", null, null, 405),
        get("unknown route", "/v2/scores", 404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isAnswered4xxWithAProblemBody(
      String what, String method, String path, String body, String contentType, int status) {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    assertProblem(api.send(request, api.key(Scope.ADMIN)), status);
  }
}
