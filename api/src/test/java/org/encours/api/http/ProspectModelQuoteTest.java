package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.encours.api.http.Problems2.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.encours.api.Engines;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.core.policy.Policy;
import org.encours.core.prospect.PeerContext;
import org.encours.core.prospect.PeerCount;
import org.encours.core.prospect.PeerSnapshot;
import org.encours.core.prospect.Prospect;
import org.encours.core.prospect.ProspectModelFolder;
import org.encours.core.prospect.ProspectModelTrainer;
import org.encours.core.prospect.ProspectRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotes for prospects scored by a real prospect model folder (a small one, trained here without
 * Spark).
 */
class ProspectModelQuoteTest {
  @TempDir static Path warehouse;
  @TempDir static Path model;
  static ApiFixture api;

  @BeforeAll
  static void trainAndStart() throws IOException {
    String[] sectors = {"construction", "it", "retail"};
    String[] sizes = {"micro", "large"};
    PeerCount global = new PeerCount(1000, 250);
    List<ProspectRow> rows = new ArrayList<>();
    for (int i = 0; i < 180; i++) {
      String sector = sectors[i % 3];
      String size = sizes[(i / 3) % 2];
      LocalDate date = LocalDate.of(2024, 1, 1).plusDays(2L * i);
      int late = sector.equals("construction") && size.equals("micro") || i % 7 == 0 ? 1 : 0;
      Prospect p =
          new Prospect(
              "FR",
              sector,
              size,
              date.minusDays(1000),
              null,
              BigDecimal.valueOf(1000 + 100 * (i % 10)),
              i % 2 == 0 ? 30 : 60,
              "electronic",
              date);
      rows.add(
          new ProspectRow(
              String.format("C%03d", i),
              date,
              p,
              new PeerContext(global, new PeerCount(300, 90), new PeerCount(300, 60), global),
              late));
    }
    ProspectModelTrainer.Trained trained =
        ProspectModelTrainer.train(rows, ProspectModelTrainer.Settings.defaults());
    PeerSnapshot peers =
        new PeerSnapshot(
            LocalDate.of(2024, 12, 31),
            global,
            Map.of(
                "construction",
                new PeerCount(300, 150),
                "it",
                new PeerCount(300, 30),
                "retail",
                new PeerCount(300, 60)),
            Map.of("micro", new PeerCount(450, 150), "large", new PeerCount(450, 60)),
            Map.of("fr", global));
    ProspectModelFolder.write(
        model,
        trained,
        new ProspectModelFolder.Context(
            LocalDate.of(2024, 12, 31),
            30,
            Map.of("invoices", 1L),
            Map.of("first_invoices", 180L),
            peers,
            ProspectModelTrainer.Settings.defaults()));
    api =
        new ApiFixture(warehouse, true, Engines.prospectScoring(model, Policy.defaults().grades()));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aProspectQuoteWithoutItsOwnAmountIsScoredOnTheQuoteAmount() {
    String prospect =
        "\"country\":\"FR\",\"sector\":\"construction\",\"sizeBand\":\"micro\",\"companyAgeYears\":3";
    HttpResponse<String> quote =
        api.post(
            "/v1/quotes/check",
            api.key(Scope.SALES),
            "{\"prospect\":{" + prospect + "},\"amount\":12000,\"requestedTermsDays\":45}");
    assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
    HttpResponse<String> score =
        api.post(
            "/v1/prospects/score",
            api.key(Scope.SALES),
            "{" + prospect + ",\"requestedAmount\":12000,\"requestedTermsDays\":45}");
    assertThat(score.statusCode()).as(score.body()).isEqualTo(200);

    JsonNode data = json(quote).get("data");
    assertThat(data.get("probability").asDouble())
        .isEqualTo(json(score).get("data").get("probability").asDouble());
    assertThat(json(quote).get("modelVersion").asText()).startsWith("prospect-2024-12-31-");
    // the prospect rules: 30 % of 12,000 required; 45 days refused (prospects get at most 30)
    assertThat(data.get("decision").get("depositAmount").decimalValue())
        .isEqualByComparingTo("3600.00");
    assertThat(data.get("decision").get("termsAllowed").asBoolean()).isFalse();
  }
}
