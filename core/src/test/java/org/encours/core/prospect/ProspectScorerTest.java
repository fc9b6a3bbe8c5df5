package org.encours.core.prospect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.encours.core.UserFacingException;
import org.encours.core.evaluation.EvaluationMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a tiny model in plain Java (core has no Spark), writes its folder and scores from it: the
 * folder is everything the API needs.
 */
class ProspectScorerTest {
  /**
   * The bands another module owns (A<0.05, B<0.10, C<0.20, D<0.40, else E), passed in as a
   * function.
   */
  static final DoubleFunction<String> GRADES =
      p -> p < 0.05 ? "A" : p < 0.10 ? "B" : p < 0.20 ? "C" : p < 0.40 ? "D" : "E";

  static final LocalDate AS_OF = LocalDate.of(2025, 3, 31);

  @TempDir static Path dir;
  static ProspectModelTrainer.Trained trained;
  static ProspectModelCard card;

  @BeforeAll
  static void trainAndWrite() throws IOException {
    trained =
        ProspectModelTrainer.train(
            ProspectRows.generate(600, 7), ProspectModelTrainer.Settings.defaults());
    PeerSnapshot peers =
        new PeerSnapshot(
            AS_OF,
            new PeerCount(2000, 500),
            Map.of(
                "construction",
                new PeerCount(400, 160),
                "it",
                new PeerCount(300, 30),
                "retail",
                new PeerCount(500, 100)),
            Map.of(
                "micro",
                new PeerCount(300, 120),
                "small",
                new PeerCount(300, 60),
                "large",
                new PeerCount(300, 30)),
            Map.of(
                "fr",
                new PeerCount(1000, 250),
                "it",
                new PeerCount(500, 150),
                "de",
                new PeerCount(500, 100)));
    card =
        ProspectModelFolder.write(
            dir,
            trained,
            new ProspectModelFolder.Context(
                AS_OF,
                30,
                Map.of("invoices", 3L, "payments", 5L, "customers", 2L),
                Map.of("first_invoices", 600L),
                peers,
                ProspectModelTrainer.Settings.defaults()));
  }

  static Prospect prospect(String country, String sector, String size, BigDecimal amount) {
    return new Prospect(
        country,
        sector,
        size,
        LocalDate.of(2025, 2, 1),
        null,
        amount,
        60,
        "paper",
        LocalDate.of(2025, 4, 2));
  }

  @Test
  void noSparkClassIsNeededToLoadAndScore() throws IOException {
    ProspectScorer scorer = ProspectScorer.load(dir, GRADES);
    ProspectScore s =
        scorer.score(prospect("IT", "construction", "micro", new BigDecimal("48000")));
    assertThat(s.probability()).isBetween(0.0, 1.0);
    // Spark is not on core's classpath: scoring above ran without it.
    assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession"))
        .isInstanceOf(ClassNotFoundException.class);
    // and the package's sources import nothing from Spark
    try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/encours/core/prospect"))) {
      for (Path source : sources.toList()) {
        assertThat(Files.readString(source))
            .as(source.toString())
            .doesNotContain("org.apache.spark");
      }
    }
  }

  @Test
  void aScoreCarriesGradeReasonsAndProvenance() {
    ProspectScorer scorer = ProspectScorer.load(dir, GRADES);
    ProspectScore risky =
        scorer.score(prospect("IT", "construction", "micro", new BigDecimal("48000")));
    ProspectScore safe =
        scorer.score(
            new Prospect(
                "DE",
                "it",
                "large",
                null,
                20.0,
                new BigDecimal("900"),
                30,
                "electronic",
                LocalDate.of(2025, 4, 2)));
    assertThat(risky.probability()).isGreaterThan(safe.probability());
    assertThat(risky.grade()).isEqualTo(GRADES.apply(risky.probability()));
    assertThat(risky.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    assertThat(risky.reasons()).extracting(ProspectReason::group).contains("sector");
    assertThat(
            risky.reasons().stream()
                .filter(r -> r.group().equals("sector"))
                .findFirst()
                .orElseThrow()
                .text())
        .isEqualTo("sector construction: 40 % of invoices paid more than 30 days late (400 known)");
    for (int i = 1; i < risky.reasons().size(); i++) {
      assertThat(risky.reasons().get(i).contribution())
          .isLessThanOrEqualTo(risky.reasons().get(i - 1).contribution());
    }
    assertThat(risky.modelVersion())
        .isEqualTo(card.modelVersion())
        .startsWith("prospect-2025-03-31-");
    assertThat(risky.dataVersions()).containsEntry("invoices", 3L);
    assertThat(risky.asOf()).isEqualTo(AS_OF);
    assertThat(risky.scoredOn()).isEqualTo(LocalDate.of(2025, 4, 2));
  }

  @Test
  void contributionsAddUpToTheLogOddsAgainstAnAverageRow() {
    ProspectScorer scorer = ProspectScorer.load(dir, GRADES);
    Prospect p =
        new Prospect(
            "FR",
            "retail",
            "small",
            null,
            3.0,
            new BigDecimal("2500"),
            30,
            "electronic",
            LocalDate.of(2025, 4, 2));
    ProspectFeatures.Vector v =
        ProspectFeatures.encode(
            p,
            p.orderDate(),
            card.peers().contextFor("retail", "small", "FR"),
            card.priorStrength());
    Map<String, Double> w = card.coefficients();
    double logOdds = w.get(org.tribuo.Model.BIAS_FEATURE);
    for (int i = 0; i < v.size(); i++) {
      logOdds += w.getOrDefault(v.names()[i], 0.0) * v.values()[i];
    }
    double raw = scorer.score(p).rawProbability();
    assertThat(1 / (1 + Math.exp(-logOdds))).isCloseTo(raw, within(1e-9));
  }

  @Test
  void unseenValuesAreScoredWithAReasonNotRejected() {
    ProspectScorer scorer = ProspectScorer.load(dir, GRADES);
    ProspectScore s = scorer.score(prospect("JP", "space mining", "small", new BigDecimal("1000")));
    assertThat(s.reasons())
        .filteredOn(ProspectReason::unseen)
        .extracting(ProspectReason::text)
        .contains(
            "sector 'space mining' not seen in training: scored without a sector effect, at the market's late share (25 %)",
            "country 'JP' not seen in training: scored without a country effect, at the market's late share (25 %)");
    assertThatThrownBy(() -> scorer.score(prospect("FR", "it", "small", new BigDecimal("-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestedAmount -1 is not positive");
  }

  @Test
  void theCardRecordsWhatTheModelWasBuiltFrom() {
    ProspectModelCard read = ProspectModelFolder.readCard(dir);
    assertThat(read.modelSha256()).isEqualTo(card.modelSha256());
    assertThat(read.seed()).isEqualTo(42L);
    assertThat(read.periods())
        .extracting(ProspectModelTrainer.Period::name)
        .containsExactly("train", "calibration", "test");
    assertThat(read.periods().get(0).to()).isBefore(read.periods().get(1).from());
    assertThat(read.metrics())
        .containsKeys(
            ProspectModelTrainer.MODEL,
            ProspectModelTrainer.BASELINE_GLOBAL,
            ProspectModelTrainer.BASELINE_SECTOR);
    assertThat(read.calibration()).isEqualTo(card.calibration());
    assertThat(read.peers().sector()).containsEntry("construction", new PeerCount(400, 160));
    assertThat(read.features()).contains("sector=construction", "peer_sector_logit");
    // the synthetic rows carry signal: the model ranks better than chance out of time
    assertThat(read.metrics().get(ProspectModelTrainer.MODEL).rocAuc()).isGreaterThan(0.6);
  }

  @Test
  void aCardOfTheFirstFormatIsReadUnderTodaysMetricNames(@TempDir Path old) throws IOException {
    // the metrics of a format-1 card, as train-prospects wrote them: examples, and count / observed
    // per bin
    String formatOneMetrics =
        """
        {"model (calibrated)": {"examples": 4, "positives": 1, "rocAuc": 0.75, "prAuc": 0.5, "brier": 0.295,
          "logLoss": 0.71, "ece": 0.45, "captureTopDecile": 1.0,
          "calibration": [{"lower": 0.0, "upper": 0.1, "count": 0, "meanPredicted": "NaN", "observed": "NaN"},
                          {"lower": 0.2, "upper": 0.3, "count": 3, "meanPredicted": 0.25, "observed": 0.3333333333333333}]}}
        """;
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode written =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(dir.resolve(ProspectModelFolder.CARD_FILE).toFile());
    written.put("formatVersion", 1);
    written.set("metrics", json.readTree(formatOneMetrics));
    json.writeValue(old.resolve(ProspectModelFolder.CARD_FILE).toFile(), written);
    Files.copy(
        dir.resolve(ProspectModelFolder.MODEL_FILE), old.resolve(ProspectModelFolder.MODEL_FILE));

    EvaluationMetrics.Summary m =
        ProspectModelFolder.readCard(old).metrics().get(ProspectModelTrainer.MODEL);

    assertThat(m.rows()).isEqualTo(4);
    assertThat(m.positives()).isEqualTo(1);
    assertThat(m.positiveShare()).isEqualTo(0.25); // 1 of 4, not in the old card: derived
    assertThat(m.rocAuc()).isEqualTo(0.75);
    assertThat(m.captureTopDecile()).isEqualTo(1.0);
    assertThat(m.calibration().get(0).rows()).isZero();
    assertThat(m.calibration().get(0).observedShare()).isNaN();
    assertThat(m.calibration().get(1))
        .isEqualTo(new EvaluationMetrics.CalibrationBin(0.2, 0.3, 3, 0.25, 1.0 / 3));
    // and the folder still serves
    assertThat(
            ProspectScorer.load(old, GRADES)
                .score(prospect("IT", "construction", "micro", new BigDecimal("48000")))
                .probability())
        .isEqualTo(
            ProspectScorer.load(dir, GRADES)
                .score(prospect("IT", "construction", "micro", new BigDecimal("48000")))
                .probability());
  }

  @Test
  void aCardOfAnUnknownFormatIsRefusedNamingTheVersions(@TempDir Path future) throws IOException {
    String card = Files.readString(dir.resolve(ProspectModelFolder.CARD_FILE));
    Files.writeString(
        future.resolve(ProspectModelFolder.CARD_FILE),
        card.replaceFirst("\"formatVersion\" : 2", "\"formatVersion\" : 9"));
    assertThatThrownBy(() -> ProspectModelFolder.readCard(future))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("format version 9, this build reads versions 1 to 2");
  }

  @Test
  void aMixedFolderIsRefusedWithAClearMessage(@TempDir Path other) throws IOException {
    Files.copy(
        dir.resolve(ProspectModelFolder.CARD_FILE), other.resolve(ProspectModelFolder.CARD_FILE));
    Files.write(other.resolve(ProspectModelFolder.MODEL_FILE), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ProspectScorer.load(other, GRADES))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("does not match its card");
    assertThatThrownBy(() -> ProspectScorer.load(other.resolve("nothing"), GRADES))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void trainingTwiceGivesTheSamePredictions() {
    List<ProspectRow> rows = ProspectRows.generate(600, 7);
    double[] again =
        ProspectModelTrainer.train(rows, ProspectModelTrainer.Settings.defaults())
            .testProbabilities();
    assertThat(again).containsExactly(trained.testProbabilities());
    assertThat(
            ProspectModelTrainer.train(rows, ProspectModelTrainer.Settings.defaults())
                .coefficients())
        .isEqualTo(trained.coefficients());
  }
}
