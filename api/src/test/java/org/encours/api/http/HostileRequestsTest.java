package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.api.http.Problems2.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.api.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests an attacker or a broken client sends, against the real server: each gets a small
 * problem+json answer with the right 4xx, quickly, and none is counted as a server error.
 */
class HostileRequestsTest {
  @TempDir static Path warehouse;
  static ApiFixture api;
  static String key;

  @BeforeAll
  static void start() {
    api = new ApiFixture(warehouse, true);
    key = api.key(Scope.ADMIN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static RawHttp.Response raw(String request) {
    return RawHttp.exchange(api.port(), RawHttp.bytes(request));
  }

  static RawHttp.Response post(String path, String body) {
    return post(path, "application/json", body);
  }

  static RawHttp.Response post(String path, String contentType, String body) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return raw(
        "POST "
            + path
            + " HTTP/1.1\nHost: t\nAuthorization: Bearer "
            + key
            + "\nContent-Type: "
            + contentType
            + "\nContent-Length: "
            + bytes.length
            + "\nConnection: close\n\n"
            + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  static RawHttp.Response get(String pathAndQuery, String... headers) {
    return raw(
        "GET "
            + pathAndQuery
            + " HTTP/1.1\nHost: t\nAuthorization: Bearer "
            + key
            + "\n"
            + String.join("", headers)
            + "Connection: close\n\n");
  }

  // --- numbers: bounded before anything is materialised, details quote a short prefix ---

  @Test
  void aHugePositiveExponentIsRefusedQuicklyWithAShortDetail() {
    RawHttp.Response r = post("/v1/prospects/score", "{\"requestedAmount\":1e999999999}");
    JsonNode p = assertProblem(r, 400);
    assertThat(p.get("detail").asText())
        .contains("requestedAmount")
        .contains("1e999999999")
        .hasSizeLessThan(300);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aHugeNegativeExponentIsRefusedQuicklyWithAShortDetail() {
    RawHttp.Response r = post("/v1/prospects/score", "{\"requestedAmount\":1e-999999999}");
    JsonNode p = assertProblem(r, 400);
    assertThat(p.get("detail").asText()).contains("requestedAmount").hasSizeLessThan(300);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void eightHugeExponentsAtOnceAreAllRefusedWithoutExhaustingTheHeap() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<RawHttp.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String number = i % 2 == 0 ? "1e999999999" : "-1e-999999999";
        answers.add(
            pool.submit(() -> post("/v1/prospects/score", "{\"requestedAmount\":" + number + "}")));
      }
      for (Future<RawHttp.Response> answer : answers) {
        assertProblem(answer.get(), 400);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aQuoteAmountWithAHugeExponentGetsASmallAnswer() {
    RawHttp.Response r =
        post(
            "/v1/quotes/check",
            "{\"customerId\":\"C001\",\"amount\":1e100000000,\"requestedTermsDays\":30}");
    JsonNode p = assertProblem(r, 400);
    assertThat(p.get("detail").asText()).contains("amount").hasSizeLessThan(300);
  }

  @Test
  void aNumberOfThousandsOfDigitsIsRefusedWithoutEchoingIt() {
    RawHttp.Response r =
        post("/v1/prospects/score", "{\"requestedAmount\":1" + "0".repeat(5000) + "}");
    JsonNode p = assertProblem(r, 400);
    assertThat(p.get("detail").asText()).hasSizeLessThan(300);
  }

  // --- the web server's own refusals are problems too ---

  static Stream<Arguments> malformedRequests() {
    String auth = "Authorization: Bearer KEY\n";
    String json = "Content-Type: application/json\n";
    String body = "{\"requestedAmount\":10}";
    return Stream.of(
        Arguments.of(
            "dot-dot segments in the path",
            "GET /v1/../../etc/passwd HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "encoded dot-dot segments",
            "GET /v1/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "an encoded NUL in the path",
            "GET /v1/customers/C001%00/score HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "a bad percent escape in the path",
            "GET /v1/customers/%zz/score HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "a truncated percent escape in the path",
            "GET /v1/customers/C001%2/score HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "a raw Latin-1 byte in the path",
            "GET /v1/customers/caf\u00e9/score HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "a raw control byte in the path",
            "GET /v1/customers/C0\u000101/score HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "Content-Length with Transfer-Encoding",
            "POST /v1/prospects/score HTTP/1.1\nHost: t\n"
                + auth
                + json
                + "Content-Length: 22\nTransfer-Encoding: chunked\n\n16\n"
                + body
                + "\n0\n\n",
            400),
        Arguments.of(
            "a Content-Length that is not a number",
            "POST /v1/prospects/score HTTP/1.1\nHost: t\n"
                + auth
                + json
                + "Content-Length: 22x\n\n"
                + body,
            400),
        Arguments.of(
            "a negative Content-Length",
            "POST /v1/prospects/score HTTP/1.1\nHost: t\n"
                + auth
                + json
                + "Content-Length: -1\n\n"
                + body,
            400),
        Arguments.of(
            "two different Content-Lengths",
            "POST /v1/prospects/score HTTP/1.1\nHost: t\n"
                + auth
                + json
                + "Content-Length: 22\nContent-Length: 5\n\n"
                + body,
            400),
        Arguments.of(
            "a bad chunk size",
            "POST /v1/prospects/score HTTP/1.1\nHost: t\n"
                + auth
                + json
                + "Transfer-Encoding: chunked\n\nzz\n"
                + body
                + "\n0\n\n",
            400),
        Arguments.of(
            "a 20,000-character URI",
            "GET /v1/customers/" + "C".repeat(20_000) + "/score HTTP/1.1\nHost: t\n" + auth + "\n",
            414),
        Arguments.of(
            "a 20 KiB header",
            "GET /health HTTP/1.1\nHost: t\nX-Padding: " + "p".repeat(20 * 1024) + "\n\n",
            431),
        Arguments.of(
            "a header line without a colon",
            "GET /health HTTP/1.1\nHost: t\nNo colon here\n\n",
            400),
        Arguments.of("no Host header", "GET /health HTTP/1.1\n\n", 400),
        Arguments.of("two Host headers", "GET /health HTTP/1.1\nHost: t\nHost: u\n\n", 400),
        Arguments.of(
            "a space in the path",
            "GET /v1/customers/C0 01/score HTTP/1.1\nHost: t\n" + auth + "\n",
            400),
        Arguments.of(
            "an HTTP/2 request line on HTTP/1.1", "GET /health HTTP/2.0\nHost: t\n\n", 426));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRequests")
  void aRequestTheWebServerRefusesGetsAProblemBody(String what, String request, int status) {
    RawHttp.Response r = raw(request.replace("KEY", key));
    assertProblem(r, status);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aBodyShorterThanItsContentLengthIsAnsweredWithoutWaitingThirtySeconds() {
    RawHttp.Response r =
        raw(
            "POST /v1/prospects/score HTTP/1.1\nHost: t\nAuthorization: Bearer "
                + key
                + "\nContent-Type: application/json\nContent-Length: 100\n\n{\"requestedAmount\":10}");
    assertProblem(r, 408);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aBodyCutShortByTheClientIsA400() {
    RawHttp.Response r =
        RawHttp.exchange(
            api.port(),
            RawHttp.bytes(
                "POST /v1/prospects/score HTTP/1.1\nHost: t\nAuthorization: Bearer "
                    + key
                    + "\nContent-Type: application/json\nContent-Length: 100\n\n{\"requestedAmount\":10}"),
            RawHttp.Options.DEFAULT.halfClose());
    assertProblem(r, 400);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void abortedUploadsAndBrokenFramingAreNotCountedAsServerErrors() throws Exception {
    String route = "route=\"/v1/quotes/check\"";
    long before = count(api.get("/metrics", null).body(), route);
    String head =
        "POST /v1/quotes/check HTTP/1.1\nHost: t\nAuthorization: Bearer "
            + key
            + "\nContent-Type: application/json\n";
    for (int i = 0; i < 3; i++) {
      RawHttp.sendAndAbort(
          api.port(), RawHttp.bytes(head + "Content-Length: 5000\n\n{\"amount\":"));
      raw(head + "Transfer-Encoding: chunked\n\n5\n{\"amo\nnot-hex\nunt\"\n0\n\n");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String metrics = "";
    while (System.nanoTime() < deadline && count(metrics, route) < before + 6) {
      Thread.sleep(50);
      metrics = api.get("/metrics", null).body();
    }
    assertThat(count(metrics, route)).as(metrics).isEqualTo(before + 6);
    assertThat(metrics).doesNotContainPattern("encours_http_requests_total\\{[^}]*status=\"5");
  }

  /** The sum of the request counters whose labels contain {@code label}. */
  static long count(String metrics, String label) {
    long total = 0;
    Matcher m =
        Pattern.compile("(?m)^encours_http_requests_total\\{([^}]*)\\} ([0-9.eE+]+)$")
            .matcher(metrics);
    while (m.find()) {
      if (m.group(1).contains(label)) {
        total += (long) Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  // --- strict as documented: escapes, dates, media types, conditional requests, bytes in details
  // ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenQueryEscapes")
  void aBrokenPercentEscapeInAQueryParameterIsRefused(String parameter, String query) {
    JsonNode p = assertProblem(get("/v1/scores?" + query), 400);
    assertThat(p.get("detail").asText()).startsWith("Invalid " + parameter + " ");
  }

  @Test
  void aRepeatedQueryParameterIsRefused() {
    JsonNode p = assertProblem(get("/v1/scores?limit=5&limit=6"), 400);
    assertThat(p.get("detail").asText()).contains("limit").contains("repeated");
  }

  static Stream<Arguments> brokenQueryEscapes() {
    return Stream.of(
        Arguments.of("cursor", "cursor=%zz"),
        Arguments.of("cursor", "limit=2&cursor=abc%4"),
        Arguments.of("limit", "limit=1%"),
        Arguments.of("limit", "limit=%G1"),
        Arguments.of("changedSince", "changedSince=%x0"),
        Arguments.of("changedSince", "changedSince=0%E9"));
  }

  @Test
  void aDateTimeIsRefusedWhereADateIsDocumented() {
    JsonNode p =
        assertProblem(
            post(
                "/v1/prospects/score",
                "{\"requestedAmount\":10,\"companyCreatedDate\":\"2023-05-01T10:00:00\"}"),
            400);
    assertThat(p.get("detail").asText()).contains("companyCreatedDate").contains("YYYY-MM-DD");
    assertProblem(
        post(
            "/v1/prospects/score",
            "{\"requestedAmount\":10,\"companyCreatedDate\":\"2023-05-01T10:00:00Z\"}"),
        400);
    assertProblem(get("/v1/dunning-plan?dueBy=2026-11-15T00:00:00"), 400);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notJson")
  void aBodyNotSentAsJsonIsRefusedWith415(String contentType) {
    assertProblem(post("/v1/prospects/score", contentType, "{\"requestedAmount\":10}"), 415);
  }

  static Stream<String> notJson() {
    return Stream.of(
        "application/jsonp",
        "application/json-patch+json",
        "application/jsonx; charset=utf-8",
        "application/json; charset=iso-8859-1");
  }

  @Test
  void jsonWithTheUtf8CharsetOrInAnotherCaseIsAccepted() {
    assertThat(
            post(
                    "/v1/prospects/score",
                    "application/json; charset=utf-8",
                    "{\"requestedAmount\":10}")
                .status())
        .isEqualTo(200);
    assertThat(
            post(
                    "/v1/prospects/score",
                    "Application/JSON;charset=\"UTF-8\"",
                    "{\"requestedAmount\":10}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void ifNoneMatchStarOnAnUnknownIdIs404() {
    assertProblem(get("/v1/customers/NOPE/score", "If-None-Match: *\n"), 404);
    assertProblem(get("/v1/invoices/NOPE/score", "If-None-Match: *\n"), 404);
    assertProblem(get("/v1/customers/NOPE/recommendation", "If-None-Match: *\n"), 404);
    assertProblem(get("/v1/customers/NOPE/dunning-plan", "If-None-Match: *\n"), 404);
    assertProblem(get("/v1/portfolio/aging?level=country&entity=ZZ", "If-None-Match: *\n"), 404);
    assertThat(get("/v1/customers/C001/score", "If-None-Match: *\n").status()).isEqualTo(304);
  }

  @Test
  void aProblemDetailQuotingNonAsciiTextIsValidUtf8Json() {
    JsonNode p = assertProblem(get("/v1/customers/caf%C3%A9/score"), 400);
    assertThat(p.get("detail").asText()).contains("caf\u00e9");
  }

  @Test
  void aProblemDetailNeverEchoesAnInvalidByte() {
    assertProblem(get("/v1/customers/caf%E9/score"), 400);
    assertProblem(post("/v1/prospects/score", "text/plain\u00e9\u00ff", "{}"), 415);
    String latin1 =
        "{\"sector\":\"Caf\u00e9\",\"requestedAmount\":10}"; // sent as ISO-8859-1: the byte 0xE9,
    // not UTF-8
    assertProblem(
        raw(
            "POST /v1/prospects/score HTTP/1.1\nHost: t\nAuthorization: Bearer "
                + key
                + "\nContent-Type: application/json\nContent-Length: "
                + latin1.length()
                + "\nConnection: close\n\n"
                + latin1),
        400);
  }

  @Test
  void theHttpClientSeesTheSameProblems() {
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(api.uri("/v1/prospects/score"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestedAmount\":1e999999999}"))
                .header("Content-Type", "application/json"),
            key);
    assertProblem(r, 400);
  }
}
