package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * Decides which months of an existing {@code receivables_kpis} table are stale, so that a rerun
 * rewrites only those (with Delta {@code replaceWhere}).
 *
 * <p>Each row records the input versions it was computed from. For each distinct set of recorded
 * versions, the rows of invoices, payments and customers that differ between the recorded version
 * and the current one, on the columns the series uses ({@link #seriesColumns}), give the earliest
 * date they can affect: an invoice's issue date, a payment's date, and for a customer whose segment
 * changed the first issue date of its invoices. A month is stale when it is on or after that date's
 * month; months asked for but absent are stale too. The run then rewrites every month from the
 * first stale one to the end of the range.
 *
 * <p>Those rows are read from Delta's change data feed between the two versions (on by default for
 * every table, {@code SparkSessions}), which reads only what the commits in between wrote instead
 * of scanning and shuffling both snapshots of each table. When the feed cannot answer (the table
 * did not exist at the recorded version, the feed was off for some version in between, its files
 * were removed, or reading it fails for any other reason) the two snapshots are compared instead
 * (Delta time travel, {@code EXCEPT} both ways so that updates and deletes count), which gives the
 * same rows at the cost of full scans. The plan's reason says which way each table was read.
 *
 * <p>Changed periods or an input version no longer readable (vacuumed) mean a full recompute.
 */
final class KpiRefresh {
  /** The inputs the series reads, in the order their changes are looked at. */
  static final List<CanonicalTable> SERIES_INPUTS =
      List.of(CanonicalTable.INVOICES, CanonicalTable.PAYMENTS, CanonicalTable.CUSTOMERS);

  private KpiRefresh() {}

  /** What to rewrite: the first month, or empty when everything asked for is up to date. */
  record Plan(Optional<YearMonth> firstMonth, String reason) {}

  static Plan plan(
      Warehouse warehouse,
      Dataset<Row> existing,
      AnalyticsInputs inputs,
      YearMonth from,
      YearMonth to,
      ReceivablesKpis.Options options) {
    return plan(warehouse, existing, inputs, from, to, options, new HashMap<>());
  }

  /**
   * {@link #plan}, with the changes already read since some recorded versions ({@code changesRead},
   * filled here): a second plan over other months of the same table reads the change feed once.
   */
  static Plan plan(
      Warehouse warehouse,
      Dataset<Row> existing,
      AnalyticsInputs inputs,
      YearMonth from,
      YearMonth to,
      ReceivablesKpis.Options options,
      Map<Map<String, Long>, Changes> changesRead) {
    if (existing == null) {
      return new Plan(Optional.of(from), "no existing series: computing all months");
    }
    return plan(warehouse, written(existing, from, to), inputs, from, to, options, changesRead);
  }

  /**
   * A month end of an existing series: the input versions its rows record and the DSO and CEI
   * periods they were computed with.
   */
  record WrittenMonth(YearMonth month, Map<String, Long> versions, List<Row> periods) {}

  /** The months of {@code existing} from {@code from} to {@code to}, read in one pass. */
  static List<WrittenMonth> written(Dataset<Row> existing, YearMonth from, YearMonth to) {
    // every month is written by one run, so all its rows carry the same versions and periods, and a
    // month with rows has its portfolio row: reading those is enough (one row per month, not every
    // customer's)
    List<Row> rows =
        existing
            .filter(
                col("as_of_date")
                    .geq(Date.valueOf(from.atEndOfMonth()))
                    .and(col("as_of_date").leq(Date.valueOf(to.atEndOfMonth())))
                    .and(col("level").equalTo(Columns.PORTFOLIO)))
            .groupBy("as_of_date")
            .agg(
                first(Provenance.COLUMN).as(Provenance.COLUMN),
                collect_set(struct("dso_period_months", "cei_period_months")).as("periods"))
            .collectAsList();
    List<WrittenMonth> months = new ArrayList<>();
    for (Row r : rows) {
      months.add(
          new WrittenMonth(
              YearMonth.from(((Date) r.get(0)).toLocalDate()), r.getJavaMap(1), r.getList(2)));
    }
    return months;
  }

  /**
   * {@link #plan} from the months already read ({@link #written}, over a range that holds {@code
   * from..to}; those outside it are left out).
   */
  static Plan plan(
      Warehouse warehouse,
      List<WrittenMonth> written,
      AnalyticsInputs inputs,
      YearMonth from,
      YearMonth to,
      ReceivablesKpis.Options options,
      Map<Map<String, Long>, Changes> changesRead) {
    List<WrittenMonth> inRange =
        written.stream().filter(w -> !w.month().isBefore(from) && !w.month().isAfter(to)).toList();
    for (WrittenMonth w : inRange) {
      for (Row p : w.periods()) {
        if (p.getInt(0) != options.dsoMonths() || p.getInt(1) != options.ceiMonths()) {
          return new Plan(
              Optional.of(from), "the DSO or CEI period changed: recomputing all months");
        }
      }
    }
    TreeSet<YearMonth> missing = new TreeSet<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      missing.add(m);
    }
    Map<Map<String, Long>, List<YearMonth>> monthsByVersions = new HashMap<>();
    for (WrittenMonth w : inRange) {
      missing.remove(w.month());
      monthsByVersions.computeIfAbsent(w.versions(), k -> new ArrayList<>()).add(w.month());
    }
    YearMonth first = missing.isEmpty() ? null : missing.first();
    String reason = first == null ? null : "month " + first + " not computed yet";
    Set<String> howRead = new LinkedHashSet<>();
    for (Map.Entry<Map<String, Long>, List<YearMonth>> e : monthsByVersions.entrySet()) {
      Changes changes = changesRead.get(e.getKey());
      try {
        if (changes == null) {
          changes = changesSince(warehouse, e.getKey(), inputs);
          changesRead.put(e.getKey(), changes);
        }
      } catch (Exception ex) {
        return new Plan(
            Optional.of(from),
            "recorded input versions no longer readable ("
                + firstLine(ex)
                + "): recomputing all months");
      }
      howRead.addAll(changes.howRead());
      if (changes.earliest().isPresent()) {
        YearMonth affected = YearMonth.from(changes.earliest().get());
        for (YearMonth m : e.getValue()) {
          if (!m.isBefore(affected) && (first == null || m.isBefore(first))) {
            first = m;
            reason =
                "inputs changed since versions " + e.getKey() + " from " + changes.earliest().get();
          }
        }
      }
    }
    String how = howRead.isEmpty() ? "" : " (" + String.join("; ", howRead) + ")";
    if (first == null) {
      return new Plan(
          Optional.empty(), "up to date with input versions " + inputs.versions() + how);
    }
    return new Plan(Optional.of(first), reason + how);
  }

  /**
   * What changed in the inputs since some recorded versions: the earliest date it can affect (empty
   * when nothing the series uses changed), and how each changed table was read, in user words.
   */
  record Changes(Optional<LocalDate> earliest, List<String> howRead) {}

  /** The changes between the recorded versions and the inputs read now. */
  static Changes changesSince(
      Warehouse warehouse, Map<String, Long> recorded, AnalyticsInputs now) {
    LocalDate earliest = null;
    List<String> howRead = new ArrayList<>();
    for (CanonicalTable t : SERIES_INPUTS) {
      long before = recorded.getOrDefault(t.tableName(), -1L);
      long after = now.versions().getOrDefault(t.tableName(), -1L);
      if (before == after) {
        continue;
      }
      String[] columns = seriesColumns(t);
      Optional<LocalDate> d;
      if (before < 0) {
        d =
            earliestAffectedDate(
                t, changedRows(emptyTable(warehouse, t), current(t, now), columns), now.invoices());
        howRead.add(
            t.tableName()
                + " did not exist at the recorded versions: compared in full with its version "
                + after);
      } else {
        String range = t.tableName() + " versions " + (before + 1) + ".." + after;
        try {
          d =
              earliestAffectedDate(
                  t, changedRowsInFeed(warehouse, t, before, after, columns), now.invoices());
          howRead.add("changes read from the change data feed of " + range);
        } catch (Exception feedUnavailable) {
          // change data not recorded for a version (the feed was off), its files removed, or any
          // other failure to read it: comparing the two snapshots gives the same answer, slower
          d =
              earliestAffectedDate(
                  t,
                  changedRows(
                      AnalyticsInputs.readAt(warehouse, t, before), current(t, now), columns),
                  now.invoices());
          howRead.add(
              "the change data feed of "
                  + range
                  + " cannot be read ("
                  + whyNoFeed(feedUnavailable)
                  + "): compared the snapshots at versions "
                  + before
                  + " and "
                  + after);
        }
      }
      if (d.isPresent() && (earliest == null || d.get().isBefore(earliest))) {
        earliest = d.get();
      }
    }
    return new Changes(Optional.ofNullable(earliest), howRead);
  }

  /**
   * The columns of an input that the series uses: a change to any other column (a dispute flag, a
   * credit limit, the batch that last wrote the row) cannot make a month stale.
   */
  static String[] seriesColumns(CanonicalTable table) {
    return switch (table) {
      case INVOICES ->
          new String[] {
            "invoice_id", "customer_id", "issue_date", "due_date", "amount", "doc_type"
          };
      case PAYMENTS -> new String[] {"payment_id", "invoice_id", "payment_date", "amount"};
      case CUSTOMERS -> new String[] {"customer_id", "country", "sector", "size_band"};
      default ->
          throw new IllegalArgumentException("the KPI series does not read " + table.tableName());
    };
  }

  /**
   * The rows that differ between versions {@code before} and {@code after} of a table, on the given
   * columns, read from Delta's change data feed (only the commits in between, not the snapshots).
   * Each change counts +1 for a row it adds (insert, update_postimage) and -1 for a row it removes
   * (delete, update_preimage); the tuples whose net count is not 0 are the rows that differ, so an
   * update of other columns only, or a row changed and changed back, cancels out.
   */
  static Dataset<Row> changedRowsInFeed(
      Warehouse warehouse, CanonicalTable table, long before, long after, String... columns) {
    Dataset<Row> feed =
        warehouse
            .spark()
            .read()
            .format("delta")
            .option("readChangeFeed", "true")
            .option("startingVersion", before + 1)
            .option("endingVersion", after)
            .load(warehouse.path(table));
    Column change = col("_change_type");
    Column count =
        when(change.isin("insert", "update_postimage"), 1)
            .when(change.isin("delete", "update_preimage"), -1);
    Column[] projected = Arrays.stream(columns).map(functions::col).toArray(Column[]::new);
    return feed.groupBy(projected)
        .agg(sum(count).as("net"))
        .filter(col("net").notEqual(0))
        .select(projected);
  }

  /** The rows that differ between two snapshots (both directions), on the given columns. */
  static Dataset<Row> changedRows(Dataset<Row> before, Dataset<Row> after, String... columns) {
    Dataset<Row> b = before.selectExpr(columns);
    Dataset<Row> a = after.selectExpr(columns);
    return a.except(b).union(b.except(a));
  }

  /**
   * The earliest date changed rows of {@code table} (on its {@link #seriesColumns}) can affect: an
   * invoice's issue date, a payment's date, the first issue date of a customer's invoices; empty
   * when there are none.
   */
  static Optional<LocalDate> earliestAffectedDate(
      CanonicalTable table, Dataset<Row> changed, Dataset<Row> invoicesNow) {
    Dataset<Row> dates =
        switch (table) {
          case INVOICES -> changed.select(col("issue_date").as("d"));
          case PAYMENTS -> changed.select(col("payment_date").as("d"));
          case CUSTOMERS ->
              invoicesNow
                  .join(changed.select("customer_id").distinct(), "customer_id")
                  .select(col("issue_date").as("d"));
          default ->
              throw new IllegalArgumentException(
                  "the KPI series does not read " + table.tableName());
        };
    Row r = dates.agg(min("d")).first();
    return r.isNullAt(0) ? Optional.empty() : Optional.of(((Date) r.get(0)).toLocalDate());
  }

  static Dataset<Row> current(CanonicalTable table, AnalyticsInputs now) {
    return switch (table) {
      case INVOICES -> now.invoices();
      case PAYMENTS -> now.payments();
      case CUSTOMERS -> now.customers();
      default ->
          throw new IllegalArgumentException("the KPI series does not read " + table.tableName());
    };
  }

  static Dataset<Row> emptyTable(Warehouse warehouse, CanonicalTable table) {
    return warehouse.spark().createDataFrame(List.of(), table.storedSchema());
  }

  /** Why the change data feed could not be read, in user words. */
  static String whyNoFeed(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st
          && "DELTA_MISSING_CHANGE_DATA".equals(st.getErrorClass())) {
        return "the feed was off for some of them";
      }
      if (t instanceof FileNotFoundException) {
        return "their change files were removed";
      }
    }
    return firstLine(e);
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
