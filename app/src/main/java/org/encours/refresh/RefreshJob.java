package org.encours.refresh;

import static org.apache.spark.sql.functions.min;

import java.io.PrintWriter;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsJob;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.ingest.IngestJob;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.prevention.RecommendJob;
import org.encours.scoring.ModelRegistry;
import org.encours.scoring.ScoreJob;
import org.encours.warehouse.Warehouse;

/**
 * The regular run after a new export (a month end, a week): in one Spark application, ingest the
 * export (optional), then bring every derived table up to date as of one date with the registered
 * model: aging, aging items and payment behaviour as of the date; the monthly KPI series up to the
 * last month end on or before the date (only stale months rewritten); invoice and customer scores;
 * the policy's recommendations and dunning plans. Training is not part of it: a new model is a
 * decision ({@code encours train}, {@code encours models}), the refresh uses the champion.
 *
 * <p>Each step is the same job the single commands run, and writes the same rows ({@code
 * RefreshJobTest} checks it). Running them in one application saves a JVM start per step, whose CPU
 * goes mostly to the JIT compiling Spark, Delta and the query code (docs/scaling.md), and lets the
 * steps share work: the aging starts from the previous date's open items; score and recommend read
 * the open items the aging step has just written; the score step's walk over each customer's
 * history also gives the {@code payment_behaviour} rows of the date, which the aging step then
 * leaves to it.
 */
public final class RefreshJob {
  /** How many months the KPI series covers when the warehouse has none yet. */
  public static final int NEW_SERIES_MONTHS = 36;

  /**
   * What one step did, in the words its job summarised it with; its wall time, and the CPU time of
   * this JVM meanwhile (driver and local executors; on a cluster the executors' CPU is not in it).
   */
  public record Step(String name, String summary, double seconds, double cpuSeconds) {}

  /** What the refresh did. */
  public record Result(LocalDate asOf, List<Step> steps) {
    public String summary() {
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "refresh as of %s:", asOf));
      for (Step step : steps) {
        s.append(
            String.format(
                Locale.ROOT,
                "%n  %-10s %7.1f s wall %7.1f s CPU  %s",
                step.name(),
                step.seconds(),
                step.cpuSeconds(),
                step.summary()));
      }
      return s.toString();
    }
  }

  private final Warehouse warehouse;
  private final Progress progress;
  private final PrintWriter out;
  private String source;
  private IngestMapping mapping;
  private YearMonth seriesFrom;
  private ModelRegistry registry;
  private String modelVersion;
  private Policy policy;
  private String homeCountry = "FR";

  public RefreshJob(Warehouse warehouse, Progress progress, PrintWriter out) {
    this.warehouse = warehouse;
    this.progress = progress;
    this.out = out;
  }

  /** Ingests this export first (with its mapping); without it the refresh only recomputes. */
  public RefreshJob ingest(String source, IngestMapping mapping) {
    this.source = source;
    this.mapping = mapping;
    return this;
  }

  /**
   * First month of the KPI series; default: the existing series' first month, else 36 months back.
   */
  public RefreshJob seriesFrom(YearMonth month) {
    this.seriesFrom = month;
    return this;
  }

  public RefreshJob models(ModelRegistry registry, String versionOrChampion) {
    this.registry = registry;
    this.modelVersion = versionOrChampion;
    return this;
  }

  public RefreshJob policy(Policy policy, String homeCountry) {
    this.policy = policy;
    this.homeCountry = homeCountry;
    return this;
  }

  /** The last month whose end is on or before {@code asOf}: the KPI series' last month. */
  public static YearMonth lastClosedMonth(LocalDate asOf) {
    YearMonth m = YearMonth.from(asOf);
    return asOf.equals(m.atEndOfMonth()) ? m : m.minusMonths(1);
  }

  public Result run(LocalDate asOf) {
    if (registry == null || policy == null) {
      throw new IllegalStateException("models and policy must be set");
    }
    modelVersion =
        registry.resolve(
            modelVersion); // no champion: fail before the first write, naming what to do
    List<Step> steps = new ArrayList<>();
    if (source != null) {
      long[] t = now();
      String summary = new IngestJob(warehouse, progress).run(source, mapping).summary();
      steps.add(done("ingest", summary, t));
    }
    long[] t = now();
    // payment_behaviour comes from the score step's walk over the history (the same rows, one walk)
    steps.add(
        done(
            "aging",
            new AnalyticsJob(warehouse, out).asOf(asOf).withoutBehaviour().execute().summary(),
            t));

    YearMonth last = lastClosedMonth(asOf);
    YearMonth first =
        seriesFrom != null
            ? seriesFrom
            : existingSeriesStart().orElse(last.minusMonths(NEW_SERIES_MONTHS - 1));
    t = now();
    if (first.isAfter(last)) {
      steps.add(
          done(
              "kpis",
              "no month ends between " + first + " and " + asOf + ": series left as it is",
              t));
    } else {
      steps.add(
          done(
              "kpis",
              new AnalyticsJob(warehouse, out).monthly(first, last).execute().summary(),
              t));
    }

    t = now();
    steps.add(
        done(
            "score",
            new ScoreJob(warehouse, registry, out)
                .asOf(asOf)
                .model(modelVersion)
                .alsoWriteBehaviour()
                .execute()
                .summary(),
            t));
    t = now();
    steps.add(
        done(
            "recommend",
            new RecommendJob(warehouse, policy, progress)
                .homeCountry(homeCountry)
                .run(asOf)
                .summary(),
            t));
    return new Result(asOf, List.copyOf(steps));
  }

  private Optional<YearMonth> existingSeriesStart() {
    if (!warehouse.exists(AnalyticsJob.RECEIVABLES_KPIS)) {
      return Optional.empty();
    }
    Row r = warehouse.read(AnalyticsJob.RECEIVABLES_KPIS).agg(min("as_of_date")).first();
    return r.isNullAt(0)
        ? Optional.empty()
        : Optional.of(YearMonth.from(((Date) r.get(0)).toLocalDate()));
  }

  /** Wall clock and this process's CPU time, in nanoseconds. */
  private static long[] now() {
    long cpu =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime()
            : -1;
    return new long[] {System.nanoTime(), cpu};
  }

  private Step done(String name, String summary, long[] start) {
    long[] end = now();
    double cpu = start[1] < 0 || end[1] < 0 ? Double.NaN : (end[1] - start[1]) / 1e9;
    Step step = new Step(name, summary, (end[0] - start[0]) / 1e9, cpu);
    progress.step(
        String.format(
            Locale.ROOT,
            "%s done in %.1f s (%.1f CPU-s)",
            name,
            step.seconds(),
            step.cpuSeconds()));
    return step;
  }
}
