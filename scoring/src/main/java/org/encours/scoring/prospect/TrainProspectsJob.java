package org.encours.scoring.prospect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.Progress;
import org.encours.core.evaluation.EvaluationMetrics;
import org.encours.core.prospect.PeerContext;
import org.encours.core.prospect.PeerCount;
import org.encours.core.prospect.PeerSnapshot;
import org.encours.core.prospect.Prospect;
import org.encours.core.prospect.ProspectModelCard;
import org.encours.core.prospect.ProspectModelFolder;
import org.encours.core.prospect.ProspectModelTrainer;
import org.encours.core.prospect.ProspectRow;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.SchemaContract;
import org.encours.warehouse.Warehouse;

/**
 * The prospect-model job, an action: set the options, {@link #run()} reads invoices, payments and
 * customers pinned to their current Delta versions, builds the first-invoice rows as of the as-of
 * date, trains, calibrates and evaluates out of time (in plain Java, {@link ProspectModelTrainer}),
 * writes the model folder and returns a {@link Result}.
 *
 * <p>Which first invoices are used (each exclusion counted in the result and the card):
 *
 * <ul>
 *   <li><b>burn-in</b>: first invoices in the first {@code burnInDays} days of the ledger are left
 *       out: a ledger extract starts in the middle of customers' lives, so its first days are full
 *       of old customers' "first" invoices and no peer history exists yet;
 *   <li><b>thin market</b>: fewer than {@code minPeerInvoices} known outcomes in the whole ledger
 *       before the date;
 *   <li><b>open window</b>: due + T on or after the as-of date. Keeping only those already settled
 *       (known on time) would bias the latest period toward good payers, so the selection is by
 *       date, not by outcome; every kept row has a known label.
 * </ul>
 */
public final class TrainProspectsJob {
  public static final int DEFAULT_LATE_DAYS = 30;
  public static final int DEFAULT_BURN_IN_DAYS = 90;
  public static final int DEFAULT_MIN_PEER_INVOICES = 200;

  /** What a run did, also printed as the command's one-line summary. */
  public record Result(
      Path out,
      String modelVersion,
      LocalDate asOf,
      int lateDays,
      Map<String, Long> inputVersions,
      Map<String, Long> counts,
      List<ProspectModelTrainer.Period> periods,
      Map<String, EvaluationMetrics.Summary> metrics,
      Duration elapsed) {

    public String summary() {
      EvaluationMetrics.Summary m = metrics.get(ProspectModelTrainer.MODEL);
      EvaluationMetrics.Summary g = metrics.get(ProspectModelTrainer.BASELINE_GLOBAL);
      EvaluationMetrics.Summary s = metrics.get(ProspectModelTrainer.BASELINE_SECTOR);
      return String.format(
          Locale.ROOT,
          "train-prospects as of %s (T=%d): %s from %d first invoices (%d test); out of time ROC AUC %.3f (sector baseline %.3f), PR AUC %.3f, Brier %.4f (global baseline %.4f), ECE %.3f; written to %s in %.1f s",
          asOf,
          lateDays,
          modelVersion,
          counts.getOrDefault("used", 0L),
          m.rows(),
          m.rocAuc(),
          s.rocAuc(),
          m.prAuc(),
          m.brier(),
          g.brier(),
          m.ece(),
          out,
          elapsed.toMillis() / 1000.0);
    }
  }

  private final Warehouse warehouse;
  private final Progress progress;
  private LocalDate asOf;
  private Path out;
  private int lateDays = DEFAULT_LATE_DAYS;
  private int burnInDays = DEFAULT_BURN_IN_DAYS;
  private long minPeerInvoices = DEFAULT_MIN_PEER_INVOICES;
  private ProspectModelTrainer.Settings settings = ProspectModelTrainer.Settings.defaults();

  public TrainProspectsJob(Warehouse warehouse, Progress progress) {
    this.warehouse = warehouse;
    this.progress = progress;
  }

  public TrainProspectsJob asOf(LocalDate value) {
    this.asOf = value;
    return this;
  }

  public TrainProspectsJob out(Path value) {
    this.out = value;
    return this;
  }

  /** T: late means not paid within T days after due (30 by default; 0 = any lateness). */
  public TrainProspectsJob lateDays(int value) {
    if (value < 0 || value >= 120) {
      throw new IllegalArgumentException("lateDays must be 0..119, got " + value);
    }
    this.lateDays = value;
    return this;
  }

  public TrainProspectsJob burnInDays(int value) {
    this.burnInDays = value;
    return this;
  }

  public TrainProspectsJob minPeerInvoices(long value) {
    this.minPeerInvoices = value;
    return this;
  }

  public TrainProspectsJob settings(ProspectModelTrainer.Settings value) {
    this.settings = value;
    return this;
  }

  public Result run() {
    if (asOf == null || out == null) {
      throw new IllegalStateException("asOf and out must be set");
    }
    long start = System.nanoTime();
    Map<String, Long> versions = new TreeMap<>();
    Dataset<Row> invoices = read(CanonicalTable.INVOICES, versions);
    Dataset<Row> payments = read(CanonicalTable.PAYMENTS, versions);
    Dataset<Row> customers = read(CanonicalTable.CUSTOMERS, versions);
    progress.step("read invoices, payments and customers at versions " + versions);

    describe("first invoices and peer counts as of " + asOf);
    Dataset<Row> outcomes =
        FirstInvoiceOutcomes.outcomes(invoices, payments, asOf, lateDays).cache();
    Dataset<Row> set =
        trainingSet(outcomes, customers, asOf, lateDays, burnInDays, minPeerInvoices);
    List<Row> collected = set.orderBy("first_date", "customer_id").collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("first_invoices", (long) collected.size());
    counts.put(
        "excluded_burn_in",
        collected.stream().filter(r -> !r.<Boolean>getAs("after_burn_in")).count());
    counts.put(
        "excluded_thin_market",
        collected.stream()
            .filter(r -> r.<Boolean>getAs("after_burn_in") && !r.<Boolean>getAs("market_known"))
            .count());
    counts.put(
        "excluded_open_window",
        collected.stream()
            .filter(
                r ->
                    r.<Boolean>getAs("after_burn_in")
                        && r.<Boolean>getAs("market_known")
                        && !r.<Boolean>getAs("window_complete"))
            .count());
    List<ProspectRow> rows = new ArrayList<>();
    for (Row r : collected) {
      if (r.<Boolean>getAs("eligible")) {
        rows.add(toRow(r));
      }
    }
    counts.put("used", (long) rows.size());
    counts.put("used_late", rows.stream().filter(r -> r.late() == 1).count());
    progress.step("first invoices: " + counts);

    describe("peer snapshot as of " + asOf);
    PeerSnapshot peers =
        snapshot(FirstInvoiceOutcomes.snapshot(outcomes, customers, asOf).collectAsList(), asOf);
    outcomes.unpersist();

    progress.step(
        "training a logistic regression on "
            + rows.size()
            + " first invoices (seed "
            + settings.seed()
            + ")");
    ProspectModelTrainer.Trained trained;
    try {
      trained = ProspectModelTrainer.train(rows, settings);
    } catch (IllegalArgumentException e) {
      throw EncoursErrors.tooLittleData(
          "Cannot train the prospect model as of "
              + asOf
              + ": "
              + e.getMessage()
              + ". Counts: "
              + counts,
          "Use a later --as-of, a longer ledger, or lower --burn-in-days / --min-peer-invoices.",
          e);
    }
    ProspectModelCard card;
    try {
      card =
          ProspectModelFolder.write(
              out,
              trained,
              new ProspectModelFolder.Context(asOf, lateDays, versions, counts, peers, settings));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the prospect model folder " + out, e);
    }
    progress.step(
        "wrote "
            + out.resolve(ProspectModelFolder.MODEL_FILE)
            + " and "
            + ProspectModelFolder.CARD_FILE);
    return new Result(
        out,
        card.modelVersion(),
        asOf,
        lateDays,
        versions,
        counts,
        trained.periods(),
        trained.evaluation(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * First invoices with peer counts and selection flags: after_burn_in, market_known (global_n at
   * least {@code minPeerInvoices}), label_known (known_date on or before asOf), window_complete
   * (due + T before asOf), eligible (all three).
   */
  static Dataset<Row> trainingSet(
      Dataset<Row> outcomes,
      Dataset<Row> customers,
      LocalDate asOf,
      int lateDays,
      int burnInDays,
      long minPeerInvoices) {
    Dataset<Row> first = FirstInvoiceOutcomes.firstInvoices(outcomes, customers);
    Dataset<Row> points =
        first.select(
            col("customer_id"),
            col("first_date").as("point_date"),
            col("sector"),
            col("size_band"),
            col("country"));
    Dataset<Row> peers =
        FirstInvoiceOutcomes.peerCounts(points, outcomes, customers)
            .withColumnRenamed("point_date", "first_date");
    Row ledgerStart = outcomes.agg(min("issue_date")).first();
    Date burnInEnd =
        ledgerStart.isNullAt(0)
            ? Date.valueOf(asOf)
            : Date.valueOf(ledgerStart.getDate(0).toLocalDate().plusDays(burnInDays));
    Date cutoff = Date.valueOf(asOf);
    return first
        .join(peers, FirstInvoiceOutcomes.scala(List.of("customer_id", "first_date")))
        .withColumn("after_burn_in", col("first_date").geq(lit(burnInEnd)))
        .withColumn("market_known", col("global_n").geq(minPeerInvoices))
        .withColumn("label_known", col("known_date").leq(cutoff))
        .withColumn("window_complete", date_add(col("due_date"), lateDays).lt(cutoff))
        .withColumn(
            "eligible", col("after_burn_in").and(col("market_known")).and(col("window_complete")));
  }

  static ProspectRow toRow(Row r) {
    LocalDate date = r.<Date>getAs("first_date").toLocalDate();
    Date created = r.getAs("created_date");
    Prospect p =
        new Prospect(
            r.getAs("country"),
            r.getAs("sector"),
            r.getAs("size_band"),
            created == null ? null : created.toLocalDate(),
            null,
            r.<BigDecimal>getAs("amount"),
            r.<Integer>getAs("terms_days"),
            r.getAs("channel"),
            date);
    PeerContext peers =
        new PeerContext(
            count(r, "global"), count(r, "sector"), count(r, "size_band"), count(r, "country"));
    return new ProspectRow(r.getAs("customer_id"), date, p, peers, r.<Integer>getAs("late"));
  }

  private static PeerCount count(Row r, String prefix) {
    Long n = r.getAs(prefix + "_n");
    Long late = r.getAs(prefix + "_late");
    return n == null ? PeerCount.NONE : new PeerCount(n, late == null ? 0 : late);
  }

  static PeerSnapshot snapshot(List<Row> rows, LocalDate asOf) {
    PeerCount global = PeerCount.NONE;
    Map<String, Map<String, PeerCount>> by = new TreeMap<>();
    for (String d : FirstInvoiceOutcomes.DIMENSIONS) {
      by.put(d, new TreeMap<>());
    }
    for (Row r : rows) {
      long n = r.getLong(r.fieldIndex("n"));
      Long late = r.getAs("late");
      PeerCount c = new PeerCount(n, late == null ? 0 : late);
      String dim = r.getAs("dimension");
      if (dim.equals(FirstInvoiceOutcomes.ALL)) {
        global = c;
      } else {
        by.get(dim).put(r.getAs("value"), c);
      }
    }
    return new PeerSnapshot(asOf, global, by.get("sector"), by.get("size_band"), by.get("country"));
  }

  /**
   * A canonical table at its current version (recorded), checked against its schema; empty when
   * absent.
   */
  private Dataset<Row> read(CanonicalTable table, Map<String, Long> versions) {
    if (table == CanonicalTable.INVOICES && !warehouse.exists(table)) {
      throw EncoursErrors.noCanonicalTables(warehouse.root());
    }
    long v = warehouse.version(table.tableName());
    versions.put(table.tableName(), v);
    if (v < 0) {
      return warehouse.read(table);
    }
    Dataset<Row> rows =
        warehouse
            .spark()
            .read()
            .format("delta")
            .option("versionAsOf", v)
            .load(warehouse.path(table));
    SchemaContract.require(
        "table " + table.tableName() + " (version " + v + ")", table.storedSchema(), rows.schema());
    return rows;
  }

  private void describe(String what) {
    warehouse.spark().sparkContext().setJobDescription("encours train-prospects: " + what);
    progress.step(what + "...");
  }
}
