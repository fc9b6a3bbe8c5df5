package org.encours.scoring;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.AFTSurvivalRegression;
import org.apache.spark.ml.regression.AFTSurvivalRegressionModel;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.encours.core.EncoursErrors;
import org.encours.core.evaluation.EvaluationMetrics;

/**
 * Fits and measures the late-payment models on a labelled training set ({@link
 * TrainingSet#labelled}), honestly in time:
 *
 * <ol>
 *   <li>rows are the invoices whose label is known at the cutoff for the longest horizon (30 days)
 *       and that are <b>mature</b> (due + 30 days on or before the cutoff): dropping only the
 *       unknown labels would keep the recent invoices that were paid early and drop the recent late
 *       ones;
 *   <li>they are split by issue date at the 55th, 70th and 85th percentiles into four periods:
 *       <b>fit</b> (candidates trained), <b>select</b> (the candidate with the best ROC AUC is
 *       chosen), <b>calibrate</b> (isotonic regression of the outcome on the chosen model's
 *       probability) and <b>test</b> (everything reported out of time);
 *   <li>candidates: logistic regression (L2 0.001 and 0.01, standardised features) and
 *       gradient-boosted trees (depth 4 and 6), for each horizon T (0 and 30 days);
 *   <li>baselines on the same test rows: the customer's past late share (calibrated on the
 *       calibrate period by the same isotonic method; a customer without paid history gets the fit
 *       period's late share) and the majority class as a probability (the fit period's late share
 *       for every invoice: it never ranks, AUC 0.5);
 *   <li>payment date: Weibull accelerated-failure-time regression (Spark AFTSurvivalRegression) of
 *       the days from issue to settlement, open invoices censored, fitted on the fit period;
 *       quantiles 10/50/90 measured on the test period's settled invoices.
 * </ol>
 */
public final class LatePaymentModels {
  private LatePaymentModels() {}

  public static final List<Integer> HORIZONS = List.of(30, 0);
  static final double[] CUTS = {0.55, 0.70, 0.85};
  static final String[] PERIODS = {"fit", "select", "calibrate", "test"};

  /** Default cap on the fit period's rows: beyond it the candidates learn from a uniform sample. */
  public static final long DEFAULT_MAX_FIT_ROWS = 1_000_000L;

  /**
   * Training settings.
   *
   * @param maxFitRows the fit period is sampled down to about this many invoices (a deterministic
   *     hash of the invoice id) when it holds more: past a million rows the candidates gain little
   *     and cost linearly; the select, calibrate and test periods are never sampled
   */
  public record Settings(long seed, int gbtIterations, boolean oneCandidateEach, long maxFitRows) {
    public Settings {
      if (maxFitRows < 1000) {
        throw new IllegalArgumentException("maxFitRows must be at least 1000: " + maxFitRows);
      }
    }

    public Settings(long seed, int gbtIterations) {
      this(seed, gbtIterations, false, DEFAULT_MAX_FIT_ROWS);
    }

    public static Settings defaults() {
      return new Settings(42, 60);
    }

    /** One logistic and one tree candidate only (depth 4, L2 0.01): for tests of the machinery. */
    public Settings withOneCandidateEach() {
      return new Settings(seed, gbtIterations, true, maxFitRows);
    }

    public Settings withMaxFitRows(long value) {
      return new Settings(seed, gbtIterations, oneCandidateEach, value);
    }
  }

  /**
   * A fitted horizon: the calibrated scorer (adds pd_tT), the logistic explainer, what was chosen.
   */
  public record Horizon(int t, PipelineModel scorer, PipelineModel explainer, String chosen) {}

  /** Everything a training run produces, before it is written to the registry. */
  public record Trained(
      List<Horizon> horizons,
      PipelineModel paymentDate,
      Map<String, Object> report,
      Map<String, Object> profile) {}

  static String prefix(String kind, int t) {
    return kind + t + "_";
  }

  public static String pdColumn(int t) {
    return "pd_t" + t;
  }

  static Pipeline pipeline(String prefix, PipelineStage model) {
    List<String> cats = TrainingSet.CATEGORICAL_FEATURES;
    String[] idx = cats.stream().map(c -> prefix + c + "_idx").toArray(String[]::new);
    String[] vec = cats.stream().map(c -> prefix + c + "_vec").toArray(String[]::new);
    List<String> inputs = new ArrayList<>(TrainingSet.NUMERIC_FEATURES);
    inputs.addAll(Arrays.asList(vec));
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new StringIndexer()
                  .setInputCols(cats.toArray(new String[0]))
                  .setOutputCols(idx)
                  .setHandleInvalid("keep")
                  .setStringOrderType("alphabetAsc"),
              new OneHotEncoder()
                  .setInputCols(idx)
                  .setOutputCols(vec)
                  .setHandleInvalid("keep")
                  .setDropLast(true),
              new VectorAssembler()
                  .setInputCols(inputs.toArray(new String[0]))
                  .setOutputCol(prefix + "raw"),
              new StandardScaler()
                  .setInputCol(prefix + "raw")
                  .setOutputCol(prefix + "features")
                  .setWithMean(true)
                  .setWithStd(true),
              model
            });
  }

  static LogisticRegression logistic(String prefix, double reg) {
    return new LogisticRegression()
        .setFeaturesCol(prefix + "features")
        .setLabelCol("label")
        .setProbabilityCol(prefix + "probability")
        .setRawPredictionCol(prefix + "raw_prediction")
        .setPredictionCol(prefix + "prediction")
        .setStandardization(false)
        .setRegParam(reg)
        .setElasticNetParam(0.0)
        .setMaxIter(200)
        .setTol(1e-7);
  }

  static GBTClassifier trees(String prefix, int depth, int iterations, long seed) {
    return new GBTClassifier()
        .setFeaturesCol(prefix + "features")
        .setLabelCol("label")
        .setProbabilityCol(prefix + "probability")
        .setRawPredictionCol(prefix + "raw_prediction")
        .setPredictionCol(prefix + "prediction")
        .setMaxDepth(depth)
        .setMaxIter(iterations)
        .setStepSize(0.1)
        .setSubsamplingRate(1.0)
        .setFeatureSubsetStrategy("all")
        .setMaxBins(32)
        .setMinInstancesPerNode(20)
        .setSeed(seed);
  }

  /** Drops the intermediate columns a pipeline with this prefix added. */
  static Dataset<Row> dropPrefixed(Dataset<Row> rows, String prefix) {
    return rows.drop(
        Arrays.stream(rows.columns()).filter(c -> c.startsWith(prefix)).toArray(String[]::new));
  }

  static Column positiveProbability(String prefix) {
    return vector_to_array(col(prefix + "probability"), "float64").getItem(1);
  }

  /**
   * Rows in a reproducible layout: hash-partitioned on the invoice id and sorted within partitions,
   * computed once and kept as a local checkpoint. The checkpoint also cuts the query plan: the
   * training set's plan (the point-in-time features) is large, and every fit, metric and
   * calibration would otherwise analyse and optimise it again, which takes longer than the fit on a
   * small ledger.
   */
  static Dataset<Row> stable(Dataset<Row> rows) {
    return rows.repartition(col("point_id")).sortWithinPartitions("point_id").localCheckpoint(true);
  }

  /**
   * The rows in one partition, in invoice-id order, for the models fitted by L-BFGS (logistic
   * regression, the survival model) and their scaler. Spark adds a distributed fit's per-partition
   * sums in the order the tasks finish, so the same rows on several partitions give models that
   * differ in the last bits, and the optimiser can turn those into differences a test sees in the
   * survival scale. One ordered partition makes the sums, and so the model, the same on every run.
   * The fit period is capped ({@link #DEFAULT_MAX_FIT_ROWS}), so one task holds at most that many
   * rows.
   */
  static Dataset<Row> onePartitionInOrder(Dataset<Row> rows) {
    return rows.coalesce(1)
        .sortWithinPartitions("point_id")
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Fits the pipeline; on one ordered partition when its model is fitted by L-BFGS. */
  static PipelineModel fitReproducibly(Pipeline pipeline, Dataset<Row> rows) {
    PipelineStage[] stages = pipeline.getStages();
    PipelineStage model = stages[stages.length - 1];
    if (!(model instanceof LogisticRegression || model instanceof AFTSurvivalRegression)) {
      return pipeline.fit(rows);
    }
    Dataset<Row> ordered = onePartitionInOrder(rows);
    try {
      return pipeline.fit(ordered);
    } finally {
      ordered.unpersist();
    }
  }

  /** (probability, outcome) pairs collected to the driver for the metrics. */
  record Scored(double[] p, int[] y) {}

  static Scored collect(Dataset<Row> rows, Column probability, String label) {
    List<Row> list =
        rows.select(probability.as("p"), col(label).cast("int").as("y")).collectAsList();
    double[] p = new double[list.size()];
    int[] y = new int[list.size()];
    for (int k = 0; k < p.length; k++) {
      p[k] = list.get(k).getDouble(0);
      y[k] = list.get(k).getInt(1);
    }
    return new Scored(p, y);
  }

  static double[] doubles(Dataset<Row> rows, Column c) {
    return rows.select(c.cast("double")).collectAsList().stream()
        .mapToDouble(r -> r.isNullAt(0) ? 0.0 : r.getDouble(0))
        .toArray();
  }

  /** Trains everything on the labelled rows (from {@link TrainingSet#labelled}) at the cutoff. */
  public static Trained train(
      Dataset<Row> labelled,
      LocalDate cutoff,
      Settings settings,
      java.util.function.Consumer<String> say) {
    Map<String, Object> report = new LinkedHashMap<>();
    Dataset<Row> mature = matureRows(labelled.localCheckpoint(true), cutoff, report);
    Periods periods = periods(mature, cutoff, settings, report, say);
    List<Horizon> horizons = new ArrayList<>();
    Map<String, Object> targets = new LinkedHashMap<>();
    Map<String, Object> profile = new LinkedHashMap<>();
    for (int t : HORIZONS) {
      Labelled rows = periods.labelled(t == 30 ? "late_t30" : "late_t" + t);
      String pre = prefix("m", t);
      Map<String, Object> target = new LinkedHashMap<>();
      target.put(
          "label",
          t == 0
              ? "paid after the due date (more than 0 days late)"
              : "paid more than " + t + " days after the due date");
      Chosen chosen = chooseCandidate(t, pre, rows, settings, target, say);
      target.put("calibration", "isotonic regression on the calibrate period");
      PipelineModel scorer = calibrated(chosen.model(), pre, pdColumn(t), rows.calibrate());
      target.put("test", measureOutOfTime(t, chosen.name(), scorer, rows, say));
      targets.put("t" + t, target);
      horizons.add(new Horizon(t, scorer, chosen.bestLogistic(), chosen.name()));
      if (t == 30) {
        report.put("drift_fit_to_test", driftProfile(scorer, pdColumn(t), rows, periods, profile));
      }
    }
    report.put("targets", targets);

    say.accept("payment date: fitting the survival model");
    String ttp = "ttp_";
    AFTSurvivalRegression aft =
        new AFTSurvivalRegression()
            .setFeaturesCol(ttp + "features")
            .setLabelCol("time_to_pay")
            .setCensorCol("observed")
            .setPredictionCol(ttp + "lambda")
            .setMaxIter(200)
            .setTol(1e-7);
    PipelineModel paymentDate = fitReproducibly(pipeline(ttp, aft), periods.fit());
    report.put("payment_date", measurePaymentDate(paymentDate, periods.test()));
    return new Trained(horizons, paymentDate, report, profile);
  }

  /** The four periods in time order: fit (capped), select, calibrate, test. */
  record Periods(Dataset<Row> fit, Dataset<Row> select, Dataset<Row> calibrate, Dataset<Row> test) {
    /** The same periods with {@code label} set from one outcome column. */
    Labelled labelled(String outcome) {
      Column label = col(outcome).cast("double");
      return new Labelled(
          fit.withColumn("label", label), select.withColumn("label", label),
          calibrate.withColumn("label", label), test.withColumn("label", label));
    }
  }

  /** The periods of one target, with its outcome in {@code label}. */
  record Labelled(
      Dataset<Row> fit, Dataset<Row> select, Dataset<Row> calibrate, Dataset<Row> test) {
    double fitLateShare() {
      return fit.agg(org.apache.spark.sql.functions.avg("label")).first().getDouble(0);
    }
  }

  /**
   * The candidate chosen on the select period, and the best logistic one (the reasons' explainer).
   */
  record Chosen(String name, PipelineModel model, PipelineModel bestLogistic) {}

  /**
   * The invoices whose 30-day outcome is known and mature (due at least 30 days before the cutoff);
   * the counts of what was left out go to the report. Too few to train and measure is refused.
   */
  static Dataset<Row> matureRows(Dataset<Row> all, LocalDate cutoff, Map<String, Object> report) {
    long invoices = all.count();
    long unknown30 = all.filter(col("late_t30").isNull()).count();
    long unknown0 = all.filter(col("late_t0").isNull()).count();
    Dataset<Row> mature =
        all.filter(
            col("late_t30")
                .isNotNull()
                .and(datediff(lit(Date.valueOf(cutoff)), col("due_date")).geq(30)));
    long matureRows = mature.count();
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("invoices_issued_by_cutoff", invoices);
    rows.put("unknown_label_t30_dropped", unknown30);
    rows.put("unknown_label_t0_dropped", unknown0);
    rows.put("known_but_not_mature_excluded", invoices - unknown30 - matureRows);
    rows.put("used", matureRows);
    report.put("rows", rows);
    if (matureRows < 40) {
      throw EncoursErrors.tooLittleData(
          "Only "
              + matureRows
              + " invoices have a known outcome 30 days after their due date at the cutoff "
              + cutoff
              + ": too few to train and measure a model",
          "Ingest more history, or pass a later --cutoff.");
    }
    return mature;
  }

  /**
   * Splits the mature rows in time at the issue-date quantiles {@link #CUTS}; an empty period is
   * refused.
   */
  static Periods periods(
      Dataset<Row> mature,
      LocalDate cutoff,
      Settings settings,
      Map<String, Object> report,
      java.util.function.Consumer<String> say) {
    Dataset<Row> dayNumbers =
        mature.withColumn(
            "_issue_day",
            datediff(col("issue_date"), lit(Date.valueOf("1970-01-01"))).cast("double"));
    double[] q = dayNumbers.stat().approxQuantile("_issue_day", CUTS, 0.0);
    LocalDate[] bounds = new LocalDate[q.length];
    for (int k = 0; k < q.length; k++) {
      bounds[k] = LocalDate.ofEpochDay((long) q[k]).plusDays(1);
    }
    Dataset<Row>[] parts = split(mature, bounds);
    Map<String, Object> periods = new LinkedHashMap<>();
    long[] periodRows = new long[PERIODS.length];
    for (int k = 0; k < PERIODS.length; k++) {
      parts[k] = stable(parts[k]);
      Row span =
          parts[k]
              .agg(
                  org.apache.spark.sql.functions.min("issue_date"),
                  org.apache.spark.sql.functions.max("issue_date"),
                  org.apache.spark.sql.functions.count(lit(1)))
              .first();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("issued_from", String.valueOf(span.get(0)));
      p.put("issued_to", String.valueOf(span.get(1)));
      p.put("rows", span.getLong(2));
      periodRows[k] = span.getLong(2);
      periods.put(PERIODS[k], p);
      if (span.getLong(2) == 0) {
        throw EncoursErrors.tooLittleData(
            "The "
                + PERIODS[k]
                + " period is empty (issue dates of the usable invoices are too concentrated to split in time)",
            "Ingest a longer history.");
      }
    }
    report.put("cutoff", cutoff.toString());
    report.put("periods", periods);
    say.accept("periods " + periods);
    Dataset<Row> fit = capFitPeriod(parts[0], periodRows[0], settings.maxFitRows(), report, say);
    return new Periods(fit, parts[1], parts[2], parts[3]);
  }

  /** The candidates of one target, in the order they are tried. */
  static Map<String, PipelineStage> candidates(String pre, Settings settings) {
    Map<String, PipelineStage> candidates = new LinkedHashMap<>();
    if (!settings.oneCandidateEach()) {
      candidates.put("logistic_regression l2=0.001", logistic(pre, 0.001));
    }
    candidates.put("logistic_regression l2=0.01", logistic(pre, 0.01));
    candidates.put(
        "gradient_boosted_trees depth=4 iterations=" + settings.gbtIterations(),
        trees(pre, 4, settings.gbtIterations(), settings.seed()));
    if (!settings.oneCandidateEach()) {
      candidates.put(
          "gradient_boosted_trees depth=6 iterations=" + settings.gbtIterations(),
          trees(pre, 6, settings.gbtIterations(), settings.seed()));
    }
    return candidates;
  }

  /** Fits each candidate on the fit period and keeps the best ROC AUC on the select period. */
  static Chosen chooseCandidate(
      int t,
      String pre,
      Labelled rows,
      Settings settings,
      Map<String, Object> target,
      java.util.function.Consumer<String> say) {
    List<Map<String, Object>> tried = new ArrayList<>();
    PipelineModel best = null;
    String bestName = null;
    double bestAuc = -1;
    PipelineModel bestLogistic = null;
    double bestLogisticAuc = -1;
    for (Map.Entry<String, PipelineStage> c : candidates(pre, settings).entrySet()) {
      say.accept("T=" + t + ": fitting " + c.getKey());
      PipelineModel m = fitReproducibly(pipeline(pre, c.getValue()), rows.fit());
      Scored s = collect(m.transform(rows.select()), positiveProbability(pre), "label");
      double auc = EvaluationMetrics.rocAuc(s.p(), s.y());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("candidate", c.getKey());
      row.put("rocAuc", auc);
      row.put("logLoss", EvaluationMetrics.logLoss(s.p(), s.y()));
      tried.add(row);
      if (auc > bestAuc) {
        bestAuc = auc;
        best = m;
        bestName = c.getKey();
      }
      if (c.getKey().startsWith("logistic") && auc > bestLogisticAuc) {
        bestLogisticAuc = auc;
        bestLogistic = m;
      }
    }
    target.put("candidates", tried);
    target.put("chosen", bestName);
    return new Chosen(bestName, best, bestLogistic);
  }

  /** The chosen model followed by an isotonic calibration fitted on the calibrate period. */
  static PipelineModel calibrated(
      PipelineModel best, String pre, String pd, Dataset<Row> calibrate) {
    IsotonicRegression iso =
        new IsotonicRegression()
            .setFeaturesCol(pre + "probability")
            .setFeatureIndex(1)
            .setLabelCol("label")
            .setPredictionCol(pd);
    return new Pipeline()
        .setStages(new PipelineStage[] {best, iso.fit(best.transform(calibrate))})
        .fit(calibrate);
  }

  /**
   * The calibrated model, the model before calibration and the baselines (the customer's past late
   * share, raw and calibrated on the same period; the fit period's late share) on the test period.
   */
  static Map<String, Object> measureOutOfTime(
      int t,
      String chosen,
      PipelineModel scorer,
      Labelled rows,
      java.util.function.Consumer<String> say) {
    String pre = prefix("m", t);
    double baseRate = rows.fitLateShare();
    Dataset<Row> testScored = scorer.transform(rows.test());
    Scored model = collect(testScored, col(pdColumn(t)), "label");
    Scored raw = collect(testScored, positiveProbability(pre), "label");
    Column history =
        when(col("no_paid_history").equalTo(1.0), lit(baseRate)).otherwise(col("paid_late_share"));
    IsotonicRegression isoHist =
        new IsotonicRegression()
            .setFeaturesCol("_history")
            .setLabelCol("label")
            .setPredictionCol("_history_pd");
    var histCal = isoHist.fit(rows.calibrate().withColumn("_history", history));
    Dataset<Row> testHist = histCal.transform(rows.test().withColumn("_history", history));
    Scored hist = collect(testHist, col("_history_pd"), "label");
    Scored histRaw = collect(testHist, col("_history"), "label");
    double[] constant = new double[model.p().length];
    Arrays.fill(constant, baseRate);
    Map<String, Object> measured = new LinkedHashMap<>();
    measured.put(
        "model (" + chosen + ", calibrated)", EvaluationMetrics.summarize(model.p(), model.y()));
    measured.put("model before calibration", EvaluationMetrics.summarize(raw.p(), raw.y()));
    measured.put(
        "baseline: past late share (calibrated)", EvaluationMetrics.summarize(hist.p(), hist.y()));
    measured.put(
        "baseline: past late share (raw share)",
        EvaluationMetrics.summarize(histRaw.p(), histRaw.y()));
    measured.put(
        "baseline: majority class (fit-period late share "
            + String.format(Locale.ROOT, "%.4f", baseRate)
            + ")",
        EvaluationMetrics.summarize(constant, model.y()));
    say.accept(
        String.format(
            Locale.ROOT,
            "T=%d: chose %s; test ROC AUC %.4f (history baseline %.4f), ECE %.4f",
            t,
            chosen,
            EvaluationMetrics.rocAuc(model.p(), model.y()),
            EvaluationMetrics.rocAuc(hist.p(), hist.y()),
            EvaluationMetrics.ece(model.p(), model.y())));
    return measured;
  }

  /**
   * The score's and the drift features' decile profiles, fit against test (PSI), for monitoring.
   */
  static Map<String, Object> driftProfile(
      PipelineModel scorer,
      String pd,
      Labelled rows,
      Periods periods,
      Map<String, Object> profile) {
    Map<String, Object> drift = new LinkedHashMap<>();
    double[] fitPd = doubles(scorer.transform(rows.fit()), col(pd));
    double[] testPd = doubles(scorer.transform(rows.test()), col(pd));
    putProfile(profile, drift, pd, fitPd, testPd);
    for (String f : TrainingSet.DRIFT_FEATURES) {
      putProfile(
          profile, drift, f, doubles(periods.fit(), col(f)), doubles(periods.test(), col(f)));
    }
    return drift;
  }

  private static void putProfile(
      Map<String, Object> profile,
      Map<String, Object> drift,
      String name,
      double[] reference,
      double[] current) {
    double[] edges = PopulationStability.decileEdges(reference);
    long[] ref = PopulationStability.counts(edges, reference);
    long[] cur = PopulationStability.counts(edges, current);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("edges", edges);
    p.put("counts", ref);
    profile.put(name, p);
    double psi = PopulationStability.psi(ref, cur);
    drift.put(name, Map.of("psi", psi, "status", PopulationStability.status(psi)));
  }

  /**
   * The fit period, or a uniform sample of about {@code max} of its invoices when it holds more: a
   * deterministic hash of the invoice id (the same rows on every run and every cluster), so that
   * training time stops growing with the ledger while selection, calibration and the test still see
   * every invoice of their periods.
   */
  static Dataset<Row> capFitPeriod(
      Dataset<Row> fit,
      long rows,
      long max,
      Map<String, Object> report,
      java.util.function.Consumer<String> say) {
    if (rows <= max) {
      return fit;
    }
    long perMillion = Math.max(1, (long) Math.floor(1_000_000.0 * max / rows));
    Dataset<Row> sample =
        stable(fit.filter(pmod(xxhash64(col("point_id")), lit(1_000_000L)).lt(perMillion)));
    long kept = sample.count();
    fit.unpersist();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("fit_period_rows", rows);
    s.put("max_fit_rows", max);
    s.put("sampled_rows", kept);
    s.put("method", "invoices whose xxhash64(invoice id) mod 1,000,000 < " + perMillion);
    report.put("fit_sample", s);
    say.accept(
        String.format(
            Locale.ROOT,
            "fit period: %,d invoices, above the cap of %,d: the candidates learn from a uniform sample of %,d",
            rows,
            max,
            kept));
    return sample;
  }

  @SuppressWarnings("unchecked")
  private static Dataset<Row>[] split(Dataset<Row> rows, LocalDate[] bounds) {
    Column d = col("issue_date");
    Dataset<Row>[] out = new Dataset[4];
    out[0] = rows.filter(d.lt(Date.valueOf(bounds[0])));
    out[1] = rows.filter(d.geq(Date.valueOf(bounds[0])).and(d.lt(Date.valueOf(bounds[1]))));
    out[2] = rows.filter(d.geq(Date.valueOf(bounds[1])).and(d.lt(Date.valueOf(bounds[2]))));
    out[3] = rows.filter(d.geq(Date.valueOf(bounds[2])));
    return out;
  }

  /** The AFT model's scale sigma (the Weibull shape is 1 / sigma). */
  public static double aftScale(PipelineModel paymentDate) {
    return lastStage(paymentDate, AFTSurvivalRegressionModel.class).scale();
  }

  /**
   * The fitted model at the end of a pipeline (after its assembler, encoders and scaler), as the
   * type it must be.
   */
  static <M> M lastStage(PipelineModel pipeline, Class<M> type) {
    Object last = pipeline.stages()[pipeline.stages().length - 1];
    if (!type.isInstance(last)) {
      throw new IllegalStateException(
          "the pipeline ends with a "
              + last.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(last);
  }

  /**
   * Quantile q of the days from issue to payment plus one, given the invoice is still unpaid after
   * {@code a} (a = 0 at issue): t = lambda x ((a / lambda)^(1/sigma) - ln(1 - q))^sigma.
   */
  public static Column conditionalQuantile(Column lambda, Column a, double sigma, double q) {
    Column base =
        org.apache.spark.sql.functions.pow(a.divide(lambda), 1.0 / sigma).plus(-Math.log(1 - q));
    return lambda.multiply(org.apache.spark.sql.functions.pow(base, sigma));
  }

  private static Map<String, Object> measurePaymentDate(PipelineModel model, Dataset<Row> test) {
    double sigma = aftScale(model);
    Column lambda = col("ttp_lambda");
    Column zero = lit(0.0);
    Dataset<Row> settled =
        model
            .transform(test.filter(col("observed").equalTo(1.0)))
            .withColumn(
                "q10",
                org.apache.spark.sql.functions.round(conditionalQuantile(lambda, zero, sigma, 0.1)))
            .withColumn(
                "q50",
                org.apache.spark.sql.functions.round(conditionalQuantile(lambda, zero, sigma, 0.5)))
            .withColumn(
                "q90",
                org.apache.spark.sql.functions.round(conditionalQuantile(lambda, zero, sigma, 0.9)))
            .withColumn(
                "pred_days_late",
                org.apache.spark.sql.functions.greatest(
                    lit(0.0), col("q50").minus(1).minus(col("terms_days"))))
            .withColumn(
                "abs_err",
                org.apache.spark.sql.functions.abs(col("pred_days_late").minus(col("days_late"))))
            .withColumn(
                "abs_err_baseline",
                org.apache.spark.sql.functions.abs(col("days_late_median").minus(col("days_late"))))
            .withColumn(
                "covered",
                when(
                        col("time_to_pay").geq(col("q10")).and(col("time_to_pay").leq(col("q90"))),
                        1.0)
                    .otherwise(0.0))
            .withColumn("below", when(col("time_to_pay").lt(col("q10")), 1.0).otherwise(0.0))
            .withColumn("above", when(col("time_to_pay").gt(col("q90")), 1.0).otherwise(0.0));
    Row r =
        settled
            .agg(
                org.apache.spark.sql.functions.count(lit(1)),
                    org.apache.spark.sql.functions.avg("abs_err"),
                org.apache.spark.sql.functions.avg("covered"),
                    org.apache.spark.sql.functions.avg("below"),
                org.apache.spark.sql.functions.avg("above"),
                    org.apache.spark.sql.functions.avg("abs_err_baseline"))
            .first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "method",
        "Weibull AFT (Spark AFTSurvivalRegression) on days from issue to settlement + 1, open invoices censored at the cutoff; fitted on the fit period");
    m.put("aft_scale_sigma", sigma);
    m.put("test_settled_invoices", r.getLong(0));
    m.put("mae_days_late_of_median", r.isNullAt(1) ? null : r.getDouble(1));
    m.put("baseline_mae_customer_past_median", r.isNullAt(5) ? null : r.getDouble(5));
    m.put("coverage_10_90", r.isNullAt(2) ? null : r.getDouble(2));
    m.put("share_below_10", r.isNullAt(3) ? null : r.getDouble(3));
    m.put("share_above_90", r.isNullAt(4) ? null : r.getDouble(4));
    return m;
  }
}
