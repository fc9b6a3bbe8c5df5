package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.api.http.Problems2.assertProblem;
import static org.encours.api.http.Problems2.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.api.testing.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {
  @TempDir static Path warehouse;
  static ApiFixture api;
  static String admin;

  @BeforeAll
  static void start() {
    api = new ApiFixture(warehouse, true);
    admin = api.key(Scope.ADMIN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aCustomerScoreCarriesItsModelDataVersionAndDate() {
    HttpResponse<String> r = api.get("/v1/customers/C002/score", api.key(Scope.SALES));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("modelVersion").asText()).isEqualTo("m-1");
    assertThat(body.get("dataVersion").asLong()).isEqualTo(1);
    assertThat(body.get("asOf").asText()).isEqualTo("2026-10-31");
    JsonNode data = body.get("data");
    assertThat(data.get("customerId").asText()).isEqualTo("C002");
    assertThat(data.get("probability").asDouble())
        .isEqualTo(1 / 10.0 + 2 / 1000.0); // generation 1, customer 2
    assertThat(data.get("grade").asText()).isEqualTo("B");
    assertThat(data.get("exposure").decimalValue()).isEqualByComparingTo("12500.00");
    assertThat(data.get("reasons").get(0).get("text").asText())
        .isEqualTo("paid late on 40% of invoices in 12 months");
    assertThat(data.get("inputVersions").get("payments").asLong()).isEqualTo(9);
    assertThat(r.headers().firstValue("ETag")).hasValue("\"customer_scores-1\"");
  }

  @Test
  void theETagFollowsTheDataVersion() {
    HttpResponse<String> again =
        api.get(
            "/v1/customers/C001/score",
            api.key(Scope.SALES),
            "If-None-Match",
            "\"customer_scores-1\"");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<String> stale =
        api.get(
            "/v1/customers/C001/score",
            api.key(Scope.SALES),
            "If-None-Match",
            "\"customer_scores-0\"");
    assertThat(stale.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownIdsAre404Problems() {
    assertProblem(api.get("/v1/customers/NOPE/score", admin), 404);
    assertProblem(api.get("/v1/customers/NOPE/recommendation", admin), 404);
    assertProblem(api.get("/v1/customers/NOPE/dunning-plan", admin), 404);
    assertProblem(api.get("/v1/invoices/NOPE/score", admin), 404);
    assertProblem(api.get("/v1/nothing-here", admin), 404);
    assertProblem(
        api.post(
            "/v1/quotes/check",
            admin,
            "{\"customerId\":\"NOPE\",\"amount\":10,\"requestedTermsDays\":30}"),
        404);
  }

  @Test
  void recommendationInvoiceScoreAndACustomersDunningPlan() {
    JsonNode rec = json(api.get("/v1/customers/C003/recommendation", api.key(Scope.SALES)));
    assertThat(rec.get("data").get("depositShare").asDouble()).isEqualTo(0.3);
    assertThat(rec.get("data").get("maxTermsDays").asInt()).isEqualTo(30);
    assertThat(rec.get("data").get("ladder").asText()).isEqualTo("compressed");
    assertThat(rec.get("data").get("policyVersion").asText()).isEqualTo("p-2026.10");

    JsonNode inv = json(api.get("/v1/invoices/INV-2/score", api.key(Scope.DUNNING)));
    assertThat(inv.get("data").get("paymentDateP90").asText()).isEqualTo("2026-12-10");
    assertThat(inv.get("data").get("expectedDaysLate").asDouble()).isEqualTo(7.0);

    JsonNode plan = json(api.get("/v1/customers/C001/dunning-plan", api.key(Scope.DUNNING)));
    assertThat(plan.get("data"))
        .extracting(n -> n.get("invoiceId").asText())
        .containsExactly("INV-3", "INV-2", "INV-1");
    assertThat(plan.get("data").get(0).get("penalties").decimalValue())
        .isEqualByComparingTo("12.34");
  }

  @Test
  void bulkScoresPageInIdOrderWithAnOpaqueCursor() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          json(
              api.get(
                  "/v1/scores?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  api.key(Scope.DUNNING)));
      page.get("data").forEach(n -> seen.add(n.get("customerId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactly("C001", "C002", "C003");
    assertThat(pages).isEqualTo(2);

    JsonNode changed = json(api.get("/v1/scores?changedSince=0", api.key(Scope.DUNNING)));
    assertThat(changed.get("data")).hasSize(3);
    assertThat(changed.get("dataVersion").asLong()).isEqualTo(1);
    assertThat(json(api.get("/v1/scores?changedSince=1", api.key(Scope.DUNNING))).get("data"))
        .isEmpty();
    assertProblem(api.get("/v1/scores?changedSince=9", api.key(Scope.DUNNING)), 400);
  }

  @Test
  void dunningActionsDueByADatePageByDateThenInvoice() {
    JsonNode first =
        json(api.get("/v1/dunning-plan?dueBy=2026-11-03&limit=2", api.key(Scope.DUNNING)));
    assertThat(first.get("data"))
        .extracting(n -> n.get("invoiceId").asText())
        .containsExactly("INV-5", "INV-4");
    JsonNode second =
        json(
            api.get(
                "/v1/dunning-plan?dueBy=2026-11-03&limit=2&cursor="
                    + first.get("nextCursor").asText(),
                api.key(Scope.DUNNING)));
    assertThat(second.get("data"))
        .extracting(n -> n.get("invoiceId").asText())
        .containsExactly("INV-3");
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(json(api.get("/v1/dunning-plan", api.key(Scope.DUNNING))).get("data")).hasSize(5);
  }

  @Test
  void portfolioAgingAndKpisAtTheLatestDateWithFilters() {
    JsonNode aging = json(api.get("/v1/portfolio/aging", api.key(Scope.REPORTS)));
    assertThat(aging.get("asOf").asText()).isEqualTo("2026-10-31");
    assertThat(aging.get("data"))
        .extracting(n -> n.get("bucket").asText())
        .containsExactly("not_due", "1-30");
    JsonNode customer =
        json(api.get("/v1/portfolio/aging?level=customer&entity=C001", api.key(Scope.REPORTS)));
    assertThat(customer.get("data").get(0).get("openAmount").decimalValue())
        .isEqualByComparingTo("4000.00");

    JsonNode kpis = json(api.get("/v1/portfolio/kpis?level=country", api.key(Scope.REPORTS)));
    assertThat(kpis.get("asOf").asText()).isEqualTo("2026-10-31");
    assertThat(kpis.get("data"))
        .extracting(n -> n.get("entityId").asText())
        .containsExactly("DE", "FR");
    assertThat(kpis.get("data").get(0).get("dsoCountBack").asDouble()).isEqualTo(59.6);
    assertThat(
            json(api.get("/v1/portfolio/kpis?level=country&entity=FR", api.key(Scope.REPORTS)))
                .get("data"))
        .hasSize(1);
    assertProblem(
        api.get("/v1/portfolio/kpis?level=country&entity=XX", api.key(Scope.REPORTS)), 404);
  }

  @Test
  void aProspectGetsAScoreAndTerms() {
    HttpResponse<String> r =
        api.post(
            "/v1/prospects/score",
            api.key(Scope.SALES),
            "{\"country\":\"FR\",\"sector\":\"construction\",\"sizeBand\":\"10-49\",\"companyCreatedDate\":\"2024-11-02\","
                + "\"requestedAmount\":25000,\"requestedTermsDays\":60,\"channel\":\"direct\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("modelVersion").asText()).isEqualTo("prospect-fake-1");
    assertThat(body.get("asOf").asText()).isEqualTo("2026-11-02");
    JsonNode data = body.get("data");
    // age 2 years: z = -1.2 - 0.3 + 0.6 + 0.1 = -0.8 -> p = 0.31, grade C; the shipped policy's
    // prospect rules whatever
    // the grade: 30 % deposit required above 5,000 (7,500 of 25,000), limit 5,000, at most 30 days
    assertThat(data.get("probability").asDouble())
        .isCloseTo(1 / (1 + Math.exp(0.8)), org.assertj.core.data.Offset.offset(0.001));
    assertThat(data.get("grade").asText()).isEqualTo("C");
    assertThat(data.get("depositStatus").asText()).isEqualTo("required");
    assertThat(data.get("deposit").decimalValue()).isEqualByComparingTo("7500.00");
    assertThat(data.get("termsDays").asInt()).isEqualTo(30);
    assertThat(data.get("creditLimit").decimalValue()).isEqualByComparingTo("5000.00");
    assertThat(data.get("policyVersion").asText()).isEqualTo("default policy");
  }

  @Test
  void aQuoteIsCheckedAgainstACustomersRecommendation() {
    JsonNode body =
        json(
            api.post(
                "/v1/quotes/check",
                api.key(Scope.SALES),
                "{\"customerId\":\"C003\",\"amount\":40000,\"requestedTermsDays\":45}"));
    JsonNode d = body.get("data").get("decision");
    // C003: grade C, 30 % required above 20,000: 12,000.00; exposure 12,500 + 40,000 - 12,000 =
    // 40,500 <= limit 50,000
    assertThat(d.get("depositStatus").asText()).isEqualTo("required");
    assertThat(d.get("depositAmount").decimalValue()).isEqualByComparingTo("12000.00");
    assertThat(d.get("exposureAfterQuote").decimalValue()).isEqualByComparingTo("40500.00");
    assertThat(d.get("withinLimit").asBoolean()).isTrue();
    assertThat(d.get("termsAllowed").asBoolean()).isFalse();
    assertThat(d.get("policyVersion").asText()).isEqualTo("p-2026.10");
    assertThat(body.get("dataVersion").asLong()).isZero();

    JsonNode prospect =
        json(
            api.post(
                "/v1/quotes/check",
                api.key(Scope.SALES),
                "{\"prospect\":{\"country\":\"DE\",\"companyAgeYears\":15},\"amount\":1000,\"requestedTermsDays\":30}"));
    assertThat(prospect.get("data").get("decision").get("withinLimit").asBoolean()).isTrue();
    assertThat(prospect.get("modelVersion").asText()).isEqualTo("prospect-fake-1");
  }

  @Test
  void healthReadyMetricsOpenApiDocsAndReload() {
    assertThat(api.get("/health", null).body()).isEqualTo("{\"status\":\"up\"}");
    JsonNode ready = json(api.get("/ready", null));
    assertThat(ready.get("ready").asBoolean()).isTrue();
    assertThat(ready.get("tables").get("customer_scores").get("version").asLong()).isEqualTo(1);
    assertThat(api.get("/openapi.json", null).body()).contains("\"openapi\"");
    assertThat(api.get("/docs", null).body()).contains("<h1>Encours API</h1>");
    api.get("/v1/customers/C001/score", api.key(Scope.SALES));
    String metrics = api.get("/metrics", null).body();
    assertThat(metrics)
        .contains(
            "encours_http_requests_total{method=\"GET\",route=\"/v1/customers/{id}/score\",status=\"200\"}")
        .contains("encours_http_request_duration_seconds_bucket")
        .contains("encours_table_version{table=\"customer_scores\"} 1.0");
    JsonNode reload = json(api.post("/v1/admin/reload", admin, ""));
    assertThat(reload.get("unchanged")).hasSize(6);
    assertThat(metrics)
        .contains("encours_table_reloads_total{outcome=\"loaded\",table=\"aging\"} 1.0");
  }

  @Test
  void aTableThatDoesNotExistYetAnswers503NamingTheJob(@TempDir Path empty) {
    try (ApiFixture bare = new ApiFixture(empty, false)) {
      JsonNode p = assertProblem(bare.get("/v1/customers/C001/score", bare.key(Scope.ADMIN)), 503);
      assertThat(p.get("detail").asText()).contains("customer_scores").contains("encours score");
      assertProblem(bare.get("/v1/portfolio/kpis", bare.key(Scope.ADMIN)), 503);
      HttpResponse<String> ready = bare.get("/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(json(ready).get("tables").get("aging").get("loaded").asBoolean()).isFalse();
    }
  }

  static TestTables tables() {
    return api.tables;
  }
}
