package org.encours.scoring;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsInputs;
import org.encours.core.evaluation.EvaluationMetrics;
import org.encours.warehouse.Warehouse;

/**
 * {@code encours train} as an action: reads the canonical tables pinned to their current versions,
 * builds the point-in-time training set at the cutoff, fits and measures the models ({@link
 * LatePaymentModels}) and writes a new version into the {@link ModelRegistry}. The first model of a
 * registry becomes champion; later ones only with {@link #promote(boolean)}.
 */
public final class TrainJob {
  /** What a run did. */
  public record Result(
      String version,
      boolean champion,
      LocalDate cutoff,
      Map<String, Long> inputVersions,
      String headline,
      Duration elapsed) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "train: model %s%s (cutoff %s, inputs %s) in %.1f s; %s",
          version,
          champion ? " (champion)" : "",
          cutoff,
          inputVersions,
          elapsed.toMillis() / 1000.0,
          headline);
    }
  }

  private final Warehouse warehouse;
  private final ModelRegistry registry;
  private final PrintWriter progress;
  private LocalDate cutoff;
  private LatePaymentModels.Settings settings = LatePaymentModels.Settings.defaults();
  private boolean promote;

  public TrainJob(Warehouse warehouse, ModelRegistry registry, PrintWriter progress) {
    this.warehouse = warehouse;
    this.registry = registry;
    this.progress = progress;
  }

  public TrainJob cutoff(LocalDate value) {
    this.cutoff = value;
    return this;
  }

  public TrainJob settings(LatePaymentModels.Settings value) {
    this.settings = value;
    return this;
  }

  public TrainJob promote(boolean value) {
    this.promote = value;
    return this;
  }

  public Result execute() {
    long start = System.nanoTime();
    AnalyticsInputs inputs = AnalyticsInputs.read(warehouse);
    LocalDate at = cutoff != null ? cutoff : inputs.latestDate();
    say("read canonical tables at versions " + inputs.versions() + "; training cutoff " + at);
    warehouse
        .spark()
        .sparkContext()
        .setJobDescription("encours train: point-in-time training set at " + at);
    Dataset<Row> labelled =
        TrainingSet.labelled(
            inputs.invoices(), inputs.allocations(), inputs.customers(), inputs.dunning(), at);
    LatePaymentModels.Trained trained = LatePaymentModels.train(labelled, at, settings, this::say);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    meta.put("seed", settings.seed());
    meta.put("gbt_iterations", settings.gbtIterations());
    meta.put("max_fit_rows", settings.maxFitRows());
    meta.put("cutoff", at.toString());
    meta.put("input_versions", inputs.versions());
    meta.put("warehouse", warehouse.root());
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("numeric", TrainingSet.NUMERIC_FEATURES);
    features.put("categorical", TrainingSet.CATEGORICAL_FEATURES);
    features.put(
        "left_out",
        List.of(
            "credit_limit and exposure_to_limit (current limit only: would leak)",
            "disputed flag and dispute date of the invoice itself (known only after issue)",
            "disputes without a date, from the training rows (they may postdate the point)"));
    meta.put("features", features);
    Map<String, Object> chosen = new LinkedHashMap<>();
    for (LatePaymentModels.Horizon h : trained.horizons()) {
      chosen.put("t" + h.t(), h.chosen());
    }
    meta.put("chosen", chosen);
    meta.put("periods", trained.report().get("periods"));
    String version = registry.save(trained, meta);
    boolean champion = promote || registry.champion().isEmpty();
    if (champion) {
      registry.promote(version);
    }
    say("wrote " + registry.folder(version).toAbsolutePath() + " (report.html, report.json)");
    return new Result(
        version,
        champion,
        at,
        inputs.versions(),
        headline(trained),
        Duration.ofNanos(System.nanoTime() - start));
  }

  @SuppressWarnings("unchecked")
  static String headline(LatePaymentModels.Trained trained) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> targets = (Map<String, Object>) trained.report().get("targets");
    for (Map.Entry<String, Object> e : targets.entrySet()) {
      Map<String, Object> test =
          (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("test");
      var it = test.values().iterator();
      EvaluationMetrics.Summary model = (EvaluationMetrics.Summary) it.next();
      it.next();
      EvaluationMetrics.Summary hist = (EvaluationMetrics.Summary) it.next();
      b.append(
          String.format(
              Locale.ROOT,
              "%s test AUC %.3f (history baseline %.3f), ECE %.3f; ",
              e.getKey(),
              model.rocAuc(),
              hist.rocAuc(),
              model.ece()));
    }
    Map<String, Object> pay = (Map<String, Object>) trained.report().get("payment_date");
    b.append(
        String.format(
            Locale.ROOT,
            "payment date MAE %.1f days, 10-90 coverage %.1f %%",
            (Double) pay.get("mae_days_late_of_median"),
            100 * (Double) pay.get("coverage_10_90")));
    return b.toString();
  }

  private void say(String line) {
    if (progress != null) {
      progress.println(line);
      progress.flush();
    }
  }
}
