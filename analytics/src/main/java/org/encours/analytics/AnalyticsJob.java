package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trunc;

import java.io.PrintWriter;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.metrics.AgingSlabs;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.TableContract;
import org.encours.warehouse.Warehouse;

/**
 * The analytics job, an action: set the options, {@link #execute()} reads the canonical tables
 * (pinned to their current versions), computes and writes, and returns a {@link Result}. Two modes:
 *
 * <ul>
 *   <li>{@link #asOf(LocalDate)}: tables {@code aging_items}, {@code aging} and {@code
 *       payment_behaviour} for that date (partition {@code as_of_date} replaced, so reruns are
 *       idempotent); without a date nor months, as of the data's last date ({@link
 *       AnalyticsInputs#latestDate()});
 *   <li>{@link #monthly(YearMonth, YearMonth)}: table {@code receivables_kpis}, rewriting only the
 *       months that are stale (see {@link KpiRefresh}).
 * </ul>
 */
public final class AnalyticsJob {
  /**
   * The names of the tables this job writes, as the catalogue ({@link DerivedTable}) declares them.
   */
  public static final String AGING_ITEMS = DerivedTable.AGING_ITEMS.tableName();

  public static final String AGING = DerivedTable.AGING.tableName();
  public static final String PAYMENT_BEHAVIOUR = DerivedTable.PAYMENT_BEHAVIOUR.tableName();
  public static final String RECEIVABLES_KPIS = DerivedTable.RECEIVABLES_KPIS.tableName();

  /** What a run did, also printed as the command's one-line summary. */
  public record Result(
      String mode,
      Map<String, Long> inputVersions,
      Map<String, Long> rowsWritten,
      String detail,
      Duration elapsed) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "analytics %s: wrote %s from inputs %s in %.1f s%s",
          mode,
          rowsWritten.isEmpty() ? "nothing" : rowsWritten,
          inputVersions,
          elapsed.toMillis() / 1000.0,
          detail == null ? "" : " (" + detail + ")");
    }
  }

  private final Warehouse warehouse;
  private final PrintWriter progress;
  private LocalDate asOf;
  private YearMonth from;
  private YearMonth to;
  private AgingSlabs slabs = AgingSlabs.defaults();
  private ReceivablesKpis.Options kpiOptions = ReceivablesKpis.Options.defaults();
  private boolean withBehaviour = true;
  private boolean fromEarlierDate = true;
  private String itemsHow;

  public AnalyticsJob(Warehouse warehouse, PrintWriter progress) {
    this.warehouse = warehouse;
    this.progress = progress;
  }

  public AnalyticsJob asOf(LocalDate date) {
    this.asOf = date;
    return this;
  }

  public AnalyticsJob monthly(YearMonth first, YearMonth last) {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("--to " + last + " is before --from " + first);
    }
    this.from = first;
    this.to = last;
    return this;
  }

  /**
   * As of a date, writes aging_items and aging only; {@code payment_behaviour} is then written by
   * {@code ScoreJob#alsoWriteBehaviour} from the same walk over the history as the customer scores.
   */
  public AnalyticsJob withoutBehaviour() {
    this.withBehaviour = false;
    return this;
  }

  /**
   * Writes the payment_behaviour partition of {@code asOf} (rows of {@link
   * PaymentBehaviourFeatures#compute} at that date), stamped with the input versions they were
   * computed from; returns the rows written.
   */
  public static long writeBehaviour(
      Warehouse warehouse, Dataset<Row> behaviour, Map<String, Long> versions, LocalDate asOf) {
    return new AnalyticsJob(warehouse, null).writeBehaviourAt(behaviour, versions, asOf);
  }

  /**
   * Its published columns only ({@link PaymentBehaviourFeatures#published}), stamped, into the
   * partition of {@code asOf}.
   */
  private long writeBehaviourAt(
      Dataset<Row> behaviour, Map<String, Long> versions, LocalDate asOf) {
    return write(
        DerivedTable.PAYMENT_BEHAVIOUR,
        Provenance.stamp(PaymentBehaviourFeatures.published(behaviour), versions),
        "as_of_date = '" + asOf + "'");
  }

  /**
   * Aging items and KPI months from the whole history even when an earlier date's items or the KPI
   * months already written could be built on: the same rows, at the cost of a full pass (an audit's
   * second opinion; tests compare the two).
   */
  public AnalyticsJob fromWholeHistory() {
    this.fromEarlierDate = false;
    return this;
  }

  AnalyticsJob slabs(AgingSlabs value) {
    this.slabs = value;
    return this;
  }

  AnalyticsJob kpiOptions(ReceivablesKpis.Options value) {
    this.kpiOptions = value;
    return this;
  }

  public Result execute() {
    long start = System.nanoTime();
    AnalyticsInputs inputs = AnalyticsInputs.read(warehouse).smallTablesInMemory();
    say("read canonical tables at versions " + inputs.versions());
    Map<String, Long> written = new LinkedHashMap<>();
    String detail;
    String mode;
    if (asOf == null && from == null) {
      asOf = inputs.latestDate();
      say(
          "no date given: as of "
              + asOf
              + ", the data's last date (latest issue, payment or dunning date)");
      mode = "as of " + asOf + " (the data's last date)";
      detail = runAsOf(inputs, written);
    } else if (asOf != null) {
      mode = "as of " + asOf;
      detail = runAsOf(inputs, written);
    } else {
      mode = "monthly " + from + ".." + to;
      detail = runMonthly(inputs, written);
    }
    return new Result(
        mode, inputs.versions(), written, detail, Duration.ofNanos(System.nanoTime() - start));
  }

  private String runAsOf(AnalyticsInputs inputs, Map<String, Long> written) {
    Dataset<Row> allocations = inputs.allocations();
    String where = "as_of_date = '" + asOf + "'";
    describe("aging items as of " + asOf);
    Dataset<Row> items =
        agingItems(inputs)
            .withColumn("aged_from", lit(slabs.basis().name().toLowerCase(Locale.ROOT)));
    written.put(
        AGING_ITEMS,
        write(DerivedTable.AGING_ITEMS, Provenance.stamp(items, inputs.versions()), where));
    describe("aging summary as of " + asOf);
    Dataset<Row> summary =
        AgingSnapshot.summary(
                warehouse.read(AGING_ITEMS).filter(col("as_of_date").equalTo(Date.valueOf(asOf))),
                inputs.customers(),
                Allocations.unallocated(inputs.invoices(), inputs.payments()),
                asOf,
                slabs)
            .withColumn("aged_from", lit(slabs.basis().name().toLowerCase(Locale.ROOT)));
    written.put(
        AGING, write(DerivedTable.AGING, Provenance.stamp(summary, inputs.versions()), where));
    if (!withBehaviour) {
      return slabs + "; " + itemsHow + "; payment behaviour left to the score step";
    }
    describe("payment behaviour as of " + asOf);
    Dataset<Row> behaviour =
        PaymentBehaviourFeatures.compute(
            inputs.invoices(),
            allocations,
            inputs.customers(),
            inputs.dunning(),
            PaymentBehaviourFeatures.pointsAt(inputs.customers(), inputs.invoices(), asOf));
    written.put(PAYMENT_BEHAVIOUR, writeBehaviourAt(behaviour, inputs.versions(), asOf));
    return slabs + "; " + itemsHow;
  }

  /**
   * The items open at the date: from the latest earlier date's items and what happened or changed
   * since ({@link IncrementalAging}) when there is one, else from the whole history. Both give the
   * same rows; the log says which way they were computed.
   */
  private Dataset<Row> agingItems(AnalyticsInputs inputs) {
    if (fromEarlierDate) {
      try {
        Optional<IncrementalAging.Result> r =
            IncrementalAging.items(warehouse, inputs, asOf, slabs);
        if (r.isPresent()) {
          itemsHow =
              String.format(
                  Locale.ROOT,
                  "aging items from those of %s and %,d candidate invoices (%s)",
                  r.get().previous(),
                  r.get().candidates(),
                  r.get().howRead());
          say(itemsHow);
          return r.get().items();
        }
        itemsHow = "aging items from the whole history (no earlier date to start from)";
      } catch (RuntimeException e) {
        itemsHow =
            "aging items from the whole history (the earlier date's input versions cannot be compared: "
                + KpiRefresh.firstLine(e)
                + ")";
      }
    } else {
      itemsHow = "aging items from the whole history";
    }
    say(itemsHow);
    return AgingSnapshot.items(inputs.invoices(), inputs.allocations(), asOf, slabs);
  }

  private String runMonthly(AnalyticsInputs inputs, Map<String, Long> written) {
    Dataset<Row> existing =
        warehouse.exists(RECEIVABLES_KPIS) ? warehouse.read(RECEIVABLES_KPIS) : null;
    List<String> layout =
        existing == null
            ? List.of()
            : TableContract.differences(DerivedTable.RECEIVABLES_KPIS, existing.schema());
    if (!layout.isEmpty()) {
      say(
          RECEIVABLES_KPIS
              + " holds the columns of another Encours version ("
              + String.join("; ", layout)
              + "): it is rewritten whole, with the months "
              + from
              + ".."
              + to);
      existing = null;
    }
    Map<Map<String, Long>, KpiRefresh.Changes> changesRead = new HashMap<>();
    // the months asked for and those the windows of the first one rewritten can reach, read once
    // for both plans below
    List<KpiRefresh.WrittenMonth> monthsWritten =
        existing == null
            ? List.of()
            : KpiRefresh.written(existing, from.minusMonths(ReceivablesKpis.reach(kpiOptions)), to);
    KpiRefresh.Plan plan =
        existing == null
            ? KpiRefresh.plan(warehouse, existing, inputs, from, to, kpiOptions, changesRead)
            : KpiRefresh.plan(warehouse, monthsWritten, inputs, from, to, kpiOptions, changesRead);
    say(plan.reason());
    Optional<YearMonth> first = plan.firstMonth();
    if (first.isEmpty()) {
      return "nothing to recompute";
    }
    describe("receivables KPIs " + first.get() + ".." + to);
    String how;
    ReceivablesKpis.Series series;
    YearMonth windowsFrom = first.get().minusMonths(ReceivablesKpis.reach(kpiOptions));
    // the months the windows of the first month reach are written and up to date: build on them
    boolean onEarlierMonths =
        fromEarlierDate
            && existing != null
            && KpiRefresh.plan(
                    warehouse, monthsWritten, inputs, windowsFrom, to, kpiOptions, changesRead)
                .firstMonth()
                .equals(first);
    if (onEarlierMonths) {
      List<LocalDate> monthEnds = new ArrayList<>();
      for (YearMonth m = first.get(); !m.isAfter(to); m = m.plusMonths(1)) {
        monthEnds.add(m.atEndOfMonth());
      }
      Dataset<Row> open = openAtMonthEnds(inputs, monthEnds);
      String openHow =
          open != null
              ? "the aging items of " + monthEnds.get(monthEnds.size() - 1)
              : "the allocations";
      if (open == null) {
        open =
            ReceivablesKpis.openByMonthEnd(
                inputs.invoices(), inputs.allocations(), first.get(), to);
      }
      KeptSalesHistory.Found kept =
          KeptSalesHistory.find(warehouse, inputs, first.get(), changesRead);
      series =
          ReceivablesKpis.monthlyOnEarlierMonths(
              inputs.invoices(),
              open,
              inputs.customers(),
              existing,
              kept.history(),
              first.get(),
              to,
              kpiOptions);
      how =
          "on top of months "
              + windowsFrom
              + ".."
              + first.get().minusMonths(1)
              + " already written, open amounts from "
              + openHow
              + ", sales history from "
              + kept.how();
    } else {
      series =
          ReceivablesKpis.series(
              inputs.invoices(),
              inputs.allocations(),
              inputs.customers(),
              first.get(),
              to,
              kpiOptions);
      how = "from the whole history";
    }
    say("receivables KPIs " + how);
    String where =
        "as_of_date >= '"
            + first.get().atEndOfMonth()
            + "' AND as_of_date <= '"
            + to.atEndOfMonth()
            + "'";
    Dataset<Row> rows = Provenance.stamp(series.rows(), inputs.versions());
    written.put(
        RECEIVABLES_KPIS,
        write(DerivedTable.RECEIVABLES_KPIS, rows, layout.isEmpty() ? where : null));
    long keptRows = KeptSalesHistory.keep(warehouse, series.salesHistory(), to, inputs.versions());
    say(
        String.format(
            Locale.ROOT,
            "kept the monthly sales of %,d customers, segments and portfolio through %s for the next month's count-back DSO (%s)",
            keptRows,
            to,
            KeptSalesHistory.TABLE));
    return "months " + first.get() + ".." + to + " rewritten, " + how;
  }

  /**
   * The open amounts at each month end (rows of {@link ReceivablesKpis#openByMonthEnd}) from the
   * aging_items partitions of those dates, when every one was computed from exactly these input
   * versions (as a refresh as of a month end leaves it); else null.
   */
  private Dataset<Row> openAtMonthEnds(AnalyticsInputs inputs, List<LocalDate> monthEnds) {
    Dataset<Row> all = null;
    for (LocalDate end : monthEnds) {
      Dataset<Row> items = AgingSnapshot.writtenItems(warehouse, inputs.versions(), end);
      if (items == null) {
        return null;
      }
      Dataset<Row> rows =
          items.select(
              col("customer_id"),
              col("invoice_id"),
              trunc(col("as_of_date"), "MM").as("month_start"),
              col("as_of_date").as("month_end"),
              col("due_date"),
              col("open_amount"));
      all = all == null ? rows : all.unionByName(rows);
    }
    return all;
  }

  /**
   * Replaces what {@code where} selects in a table (the whole table, columns included, when null)
   * by rows checked against its contract; returns the rows written, as Delta's commit counted them
   * (else counted in the table).
   */
  private long write(DerivedTable table, Dataset<Row> rows, String where) {
    long start = System.nanoTime();
    long before = warehouse.version(table.tableName());
    if (where == null) {
      warehouse.overwrite(table, rows);
    } else {
      warehouse.replace(table, rows, where);
    }
    long count =
        DeltaCommits.rowsWrittenAfter(warehouse, table, before)
            .orElseGet(
                () ->
                    where == null
                        ? warehouse.read(table).count()
                        : warehouse.read(table).filter(where).count());
    say(
        String.format(
            Locale.ROOT,
            "wrote %,d rows to %s (%s) in %.1f s",
            count,
            table.tableName(),
            where == null ? "the whole table" : where,
            (System.nanoTime() - start) / 1e9));
    return count;
  }

  private void describe(String what) {
    warehouse.spark().sparkContext().setJobDescription("encours analytics: " + what);
    say(what + "...");
  }

  private void say(String line) {
    if (progress != null) {
      progress.println(line);
      progress.flush();
    }
  }
}
