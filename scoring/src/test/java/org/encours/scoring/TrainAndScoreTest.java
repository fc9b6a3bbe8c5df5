package org.encours.scoring;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.regression.AFTSurvivalRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsInputs;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The machinery end to end on a tiny generated ledger (1,000 invoices over 24 months, 3 boosting
 * iterations): training twice with the same seed registers two versions that predict the same, the
 * first becomes champion, and scoring writes the three tables with provenance, replacing the date's
 * partition on a rerun. Not a test of accuracy.
 */
class TrainAndScoreTest {
  static Warehouse warehouse;
  static ModelRegistry registry;
  static TrainJob.Result first;
  static TrainJob.Result second;

  @BeforeAll
  static void trainTwice() throws Exception {
    // the first training is the one the other tests of this JVM share: v0001, in a copy
    TinyLedger.Trained trained = TinyLedger.trainedCopy();
    warehouse = trained.warehouse();
    registry = trained.registry();
    first = trained.training();
    second =
        new TrainJob(warehouse, registry, null)
            .settings(new LatePaymentModels.Settings(11, 3).withOneCandidateEach())
            .execute();
  }

  @Test
  void trainingTwiceWithTheSameSeedAndDataGivesTheSameModel() {
    assertThat(first.version()).isEqualTo("v0001");
    assertThat(second.version()).isEqualTo("v0002");
    ModelRegistry.Loaded a = registry.load("v0001");
    ModelRegistry.Loaded b = registry.load("v0002");
    AnalyticsInputs in = AnalyticsInputs.read(warehouse);
    Dataset<Row> rows =
        TrainingSet.labelled(
            in.invoices(), in.allocations(), in.customers(), in.dunning(), first.cutoff());
    List<Row> pa =
        ScoreJob.applyModels(a, rows)
            .select("point_id", "pd_t30", "pd_t0", "aft_lambda")
            .orderBy("point_id")
            .collectAsList();
    List<Row> pb =
        ScoreJob.applyModels(b, rows)
            .select("point_id", "pd_t30", "pd_t0", "aft_lambda")
            .orderBy("point_id")
            .collectAsList();
    assertThat(pa).hasSizeGreaterThan(500).hasSameSizeAs(pb);
    for (int i = 0; i < pa.size(); i++) {
      // The models fitted by L-BFGS (the logistic explainers, the survival model) are fitted on one
      // ordered partition, so they are the same to the last bit. The chosen scorer may be boosted
      // trees, whose split statistics Spark sums across partitions in no fixed order: same to 1e-6.
      assertThat(pa.get(i).getString(0)).isEqualTo(pb.get(i).getString(0));
      assertThat(pa.get(i).getDouble(1))
          .isCloseTo(pb.get(i).getDouble(1), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(pa.get(i).getDouble(2))
          .isCloseTo(pb.get(i).getDouble(2), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(pa.get(i).getDouble(3)).isEqualTo(pb.get(i).getDouble(3));
    }
    for (int t : a.explainers().keySet()) {
      assertThat(
              LatePaymentModels.lastStage(b.explainers().get(t), LogisticRegressionModel.class)
                  .coefficients())
          .isEqualTo(
              LatePaymentModels.lastStage(a.explainers().get(t), LogisticRegressionModel.class)
                  .coefficients());
    }
    AFTSurvivalRegressionModel aftA =
        LatePaymentModels.lastStage(a.paymentDate(), AFTSurvivalRegressionModel.class);
    AFTSurvivalRegressionModel aftB =
        LatePaymentModels.lastStage(b.paymentDate(), AFTSurvivalRegressionModel.class);
    assertThat(aftB.coefficients()).isEqualTo(aftA.coefficients());
    assertThat(aftB.intercept()).isEqualTo(aftA.intercept());
    assertThat(aftB.scale()).isEqualTo(aftA.scale());
    assertThat(a.metadata().path("chosen")).isEqualTo(b.metadata().path("chosen"));
  }

  @Test
  void theFirstModelIsChampionAndTheFolderHoldsWhatWasTrained() throws Exception {
    assertThat(registry.champion()).contains("v0001");
    assertThat(first.champion()).isTrue();
    assertThat(second.champion()).isFalse();
    for (String f :
        List.of(
            "model.json",
            "report.json",
            "report.html",
            "profile.json",
            "t30/scorer",
            "t0/explainer",
            "payment_date")) {
      assertThat(registry.folder("v0002").resolve(f)).exists();
    }
    assertThat(Files.readString(registry.folder("v0001").resolve("report.html")))
        .contains("Out of time", "baseline: past late share");
    assertThat(registry.load(null).metadata().path("seed").asLong()).isEqualTo(11);
    assertThat(registry.load(null).metadata().path("input_versions").path("invoices").asLong())
        .isEqualTo(0);
    registry.promote("v0002");
    assertThat(registry.describe()).hasSize(2).anyMatch(l -> l.startsWith("* v0002"));
    registry.promote("v0001");
  }

  @Test
  void aPointsFeaturesAndModelOutputsDoNotDependOnThePointsScoredBesideIt() {
    // ScoreJob computes open invoices and customers' typical next invoices in one pass; each must
    // come out as it does alone.
    LocalDate asOf = LocalDate.parse("2026-09-30");
    AnalyticsInputs in = AnalyticsInputs.read(warehouse);
    ModelRegistry.Loaded model = registry.load("v0001");
    Dataset<Row> invoices =
        TrainingSet.invoicePoints(
            in.invoices().filter(col("issue_date").gt(java.sql.Date.valueOf("2026-06-30"))));
    Dataset<Row> customers = ScoreJob.typicalNextInvoices(in, asOf);
    java.util.function.Function<Dataset<Row>, List<Row>> outputs =
        points ->
            ScoreJob.applyModels(
                    model,
                    TrainingSet.features(
                        in.invoices(), in.allocations(), in.customers(), in.dunning(), points))
                .select(
                    "point_id",
                    "as_of_date",
                    "pd_t30",
                    "pd_t0",
                    "aft_lambda",
                    "days_since_last_payment",
                    "open_exposure")
                .orderBy("point_id", "as_of_date")
                .collectAsList();
    List<Row> apart = new java.util.ArrayList<>(outputs.apply(invoices));
    apart.addAll(outputs.apply(customers));
    List<Row> together = outputs.apply(invoices.unionByName(customers));
    assertThat(apart).hasSizeGreaterThan(100);
    assertThat(together).containsExactlyInAnyOrderElementsOf(apart);
  }

  @Test
  void scoringWritesInvoiceAndCustomerScoresWithProvenanceAndReplacesTheDate() {
    LocalDate asOf = LocalDate.parse("2026-09-30");
    ScoreJob.Result r = new ScoreJob(warehouse, registry, null).asOf(asOf).execute();
    new ScoreJob(warehouse, registry, null).asOf(asOf).execute(); // rerun: same partition replaced
    Dataset<Row> inv = warehouse.read(ScoreJob.INVOICE_SCORES);
    assertThat(inv.count()).isEqualTo(r.written().get(ScoreJob.INVOICE_SCORES)).isPositive();
    assertThat(
            inv.filter(col("probability_late_30d").lt(0).or(col("probability_late_30d").gt(1)))
                .count())
        .isZero();
    assertThat(
            inv.filter(
                    col("payment_date_p10")
                        .gt(col("payment_date_p50"))
                        .or(col("payment_date_p50").gt(col("payment_date_p90"))))
                .count())
        .isZero();
    assertThat(
            inv.filter(col("days_past_due").geq(30).and(col("probability_late_30d").notEqual(1.0)))
                .count())
        .isZero();
    Dataset<Row> cust = warehouse.read(ScoreJob.CUSTOMER_SCORES);
    assertThat(cust.count()).isEqualTo(r.written().get(ScoreJob.CUSTOMER_SCORES));
    Row one = cust.filter(col("probability_late_30d").gt(0.3)).orderBy("customer_id").first();
    assertThat(one.<String>getAs("model_version")).isEqualTo("v0001");
    assertThat(one.<scala.collection.Map<String, Long>>getAs("input_versions").contains("invoices"))
        .isTrue();
    assertThat(one.<String>getAs("grade")).isIn("D", "E");
    assertThat(one.<scala.collection.Seq<Row>>getAs("reasons").size()).isBetween(1, 4);
    assertThat(
            warehouse
                .read(ScoreJob.SCORE_DRIFT)
                .filter(col("variable").startsWith("score"))
                .count())
        .isEqualTo(1);
  }
}
