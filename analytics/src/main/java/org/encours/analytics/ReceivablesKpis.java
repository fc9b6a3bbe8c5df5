package org.encours.analytics;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.encours.core.metrics.CollectionEffectivenessIndex;
import org.encours.core.metrics.StandardDso;

/**
 * The monthly receivables KPI series at each month end, per portfolio, segment and customer, in one
 * pass over the data (no rebuild per month):
 *
 * <ol>
 *   <li>each invoice contributes one row per month end of its open life (from its issue month until
 *       the month its last allocation settles it, or the end of the series), with its open amount
 *       at that month end computed from its sorted allocations;
 *   <li>those rows and the month's credit sales are summed per customer and month on a dense grid
 *       of months, from the earliest month the windows of the first month asked for reach back to
 *       (its CEI period's opening AR, its DSO period's sales), then expanded to every level in one
 *       aggregation;
 *   <li>window functions over the months give the period sales and the AR at the start of the CEI
 *       period; the sales history of the count-back walk is a prefix of one array per level and
 *       entity (every month's sales from its first invoice), built from the months that have sales;
 *       the formulas are the core ones, as UDFs.
 * </ol>
 *
 * <p>So the rows grow with the months asked for, not with the history: one new month costs a few
 * months of rows plus one pass over the invoices and allocations (the open amounts and the sales
 * history), and gives the same rows as the whole series computed at once. When the months its
 * windows reach are already written, {@link #monthlyOnEarlierMonths} builds on them and needs
 * neither pass over the allocations; with the sales history the last run kept ({@link
 * KeptSalesHistory}), no pass over every invoice either.
 */
final class ReceivablesKpis {
  private ReceivablesKpis() {}

  /** Periods of the DSO (standard method and BPDSO) and of the CEI, in months. */
  record Options(int dsoMonths, int ceiMonths) {
    static Options defaults() {
      return new Options(
          StandardDso.DEFAULT_PERIOD_MONTHS, CollectionEffectivenessIndex.DEFAULT_PERIOD_MONTHS);
    }

    Options {
      if (dsoMonths < 1 || ceiMonths < 1) {
        throw new IllegalArgumentException("periods must be at least one month");
      }
    }
  }

  private static final String ZERO = "CAST(0 AS DECIMAL(18,2))";

  /**
   * Open amount per invoice and month end from {@code computeFrom} to {@code to}: customer_id,
   * invoice_id, month_start, month_end, due_date, open_amount (non-zero rows only).
   */
  static Dataset<Row> openByMonthEnd(
      Dataset<Row> invoices, Dataset<Row> allocations, YearMonth computeFrom, YearMonth to) {
    // Allocations effective before the first computed month are only summed (they reduce every
    // later month end alike): plain sums per invoice over the whole history. Only the later ones
    // are
    // listed, sorted, to compute each month end, and only for the invoices open in a computed
    // month:
    // recomputing one month lists a few months of allocations, not the whole history.
    Column computeStart = Columns.date(computeFrom.atDay(1));
    Column effective = col("effective_date");
    Dataset<Row> totals =
        allocations
            .groupBy(col("invoice_id").as("_alloc_invoice_id"))
            .agg(
                max("effective_date").as("last_effective"),
                sum("amount").as("allocated"),
                sum(when(effective.lt(computeStart), col("amount"))).as("allocated_before"));
    Dataset<Row> listed =
        allocations
            .filter(effective.geq(computeStart))
            .groupBy(col("invoice_id").as("_listed_invoice_id"))
            .agg(sort_array(collect_list(struct(effective, col("amount")))).as("allocs"));
    Column toStart = Columns.date(to.atDay(1));
    Dataset<Row> issued = invoices.filter(col("issue_date").leq(Columns.date(to.atEndOfMonth())));
    Dataset<Row> openInComputedMonths =
        issued
            .join(totals, issued.col("invoice_id").equalTo(totals.col("_alloc_invoice_id")), "left")
            .withColumn(
                "_final_open",
                col("amount").minus(coalesce(col("allocated"), lit(BigDecimal.ZERO))))
            .withColumn("_first", greatest(trunc(col("issue_date"), "MM"), computeStart))
            .withColumn(
                "_last",
                when(
                        col("_final_open").equalTo(0),
                        least(trunc(col("last_effective"), "MM"), toStart))
                    .otherwise(toStart))
            .filter(col("_first").leq(col("_last")));
    return openInComputedMonths
        .join(
            listed,
            openInComputedMonths.col("invoice_id").equalTo(listed.col("_listed_invoice_id")),
            "left")
        .withColumn(
            "month_start", explode(sequence(col("_first"), col("_last"), expr("INTERVAL 1 MONTH"))))
        .withColumn("month_end", last_day(col("month_start")))
        .withColumn(
            "open_amount",
            Columns.money(
                col("amount")
                    .minus(coalesce(col("allocated_before"), lit(BigDecimal.ZERO)))
                    .minus(
                        expr(
                            "coalesce(aggregate(filter(allocs, a -> a.effective_date <= month_end), "
                                + ZERO
                                + ", (acc, a) -> CAST(acc + a.amount AS DECIMAL(18,2))), "
                                + ZERO
                                + ")"))))
        .filter(col("open_amount").notEqual(0))
        .select("customer_id", "invoice_id", "month_start", "month_end", "due_date", "open_amount");
  }

  /** Sums of open amounts per customer and month end, split by state at that month end. */
  static Dataset<Row> openFactsByCustomer(Dataset<Row> openByMonthEnd) {
    Column dpd = datediff(col("month_end"), col("due_date"));
    Column open = col("open_amount");
    Column zero = lit(BigDecimal.ZERO);
    return openByMonthEnd
        .withColumn("_current", when(open.gt(0).and(dpd.leq(0)), open).otherwise(zero))
        .withColumn("_overdue", when(open.gt(0).and(dpd.gt(0)), open).otherwise(zero))
        .withColumn("_overdue_60", when(open.gt(0).and(dpd.gt(60)), open).otherwise(zero))
        .withColumn("_credits", when(open.lt(0), open).otherwise(zero))
        .groupBy("customer_id", "month_start")
        .agg(
            Columns.sumMoney("open_amount").as("ar"),
            Columns.sumMoney("_current").as("current_ar"),
            Columns.sumMoney("_overdue").as("overdue_ar"),
            Columns.sumMoney("_overdue_60").as("overdue_60_ar"),
            Columns.sumMoney("_credits").as("credits"),
            count(when(open.gt(0), lit(1))).as("open_items"));
  }

  /**
   * The KPI series for the month ends from {@code from} to {@code to}. Needs the whole invoice
   * history (for the count-back walk), not only the months asked for.
   *
   * <p>Columns: level, entity_id, as_of_date (the month end), credit_sales, ar, current_ar,
   * overdue_ar, overdue_60_ar, credits, open_items, share_overdue_60, dso_period_months,
   * dso_period_days, dso_period_sales, dso_standard, dso_count_back, bpdso_standard,
   * bpdso_count_back, add_standard, add_count_back, cei_period_months, cei_ar_begin,
   * cei_period_sales, cei (whole-period sales: the monthly CEI by default), history_complete,
   * caveats. The DSO family is on the gross open AR (gross_ar: current plus overdue, credit
   * balances apart), so ADD is never negative; ar stays the net ledger balance.
   */
  static Dataset<Row> monthly(
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      YearMonth from,
      YearMonth to,
      Options options) {
    return series(invoices, allocations, customers, from, to, options).rows();
  }

  /**
   * KPI rows and the count-back walk's sales history they were computed with (see {@link
   * #salesHistory}: one row per level and entity, every month from its first with a document to the
   * series' last month), which a later month can build on ({@link #historyOnKept}). The history is
   * computed once, when the series is built (a local checkpoint), so that writing the rows and
   * keeping the history do not compute it twice.
   */
  record Series(Dataset<Row> rows, Dataset<Row> salesHistory) {}

  /** {@link #monthly}, with its sales history. */
  static Series series(
      Dataset<Row> invoices,
      Dataset<Row> allocations,
      Dataset<Row> customers,
      YearMonth from,
      YearMonth to,
      Options options) {
    // The windows of a month m reach back to m - cei (the AR at the start of the CEI period) and to
    // m - (dso - 1) (the DSO period's sales): rows are built from the earliest of those for `from`,
    // not from the first month of the history, so one month costs a few months of rows.
    YearMonth computeFrom = from.minusMonths(reach(options));
    Dataset<Row> openFacts =
        openFactsByCustomer(openByMonthEnd(invoices, allocations, computeFrom, to));
    Column computeStart = Columns.date(computeFrom.atDay(1));
    Dataset<Row> sales = salesByCustomerMonth(invoices, to);
    Dataset<Row> grid =
        invoices
            .filter(col("issue_date").leq(Columns.date(to.atEndOfMonth())))
            .groupBy("customer_id")
            .agg(min(trunc(col("issue_date"), "MM")).as("_first"))
            .withColumn("_first", greatest(col("_first"), computeStart));
    Dataset<Row> levels =
        levels(grid, sales.filter(col("month_start").geq(computeStart)), openFacts, customers, to);
    Dataset<Row> history = salesHistory(sales, customers, to).localCheckpoint(true);
    return new Series(kpis(levels, history, from, options), history);
  }

  /**
   * The same rows as {@link #monthly} for the months {@code from..to}, computed on top of the rows
   * already written for the {@link #reach} months before {@code from} ({@code earlierRows}: rows of
   * {@code receivables_kpis} computed from the current inputs, see {@code KpiRefresh}). Those rows
   * give the windows' earlier months (their AR and credit sales) and the customers already on the
   * grid, so only the months asked for are built: from the open amounts at their month ends ({@code
   * openAtMonthEnds}, rows of {@link #openByMonthEnd} for those months, e.g. the {@code
   * aging_items} of each month end) and the invoices issued in them. The count-back walk's sales
   * history is {@code keptHistory} (a {@link Series#salesHistory} through the month before {@code
   * from} or later, still true of the months before {@code from}) with the months asked for added,
   * or, when null, built from every invoice.
   */
  static Series monthlyOnEarlierMonths(
      Dataset<Row> invoices,
      Dataset<Row> openAtMonthEnds,
      Dataset<Row> customers,
      Dataset<Row> earlierRows,
      Dataset<Row> keptHistory,
      YearMonth from,
      YearMonth to,
      Options options) {
    Column fromStart = Columns.date(from.atDay(1));
    Dataset<Row> salesAsked =
        invoices
            .filter(
                col("issue_date")
                    .geq(fromStart)
                    .and(col("issue_date").leq(Columns.date(to.atEndOfMonth()))))
            .groupBy(col("customer_id"), trunc(col("issue_date"), "MM").as("month_start"))
            .agg(Columns.sumMoney("amount").as("credit_sales"));
    // on the grid from `from`: the customers with a row in the month before it, and those whose
    // first
    // invoice is in the months asked for
    Dataset<Row> grid =
        earlierRows
            .filter(
                col("level")
                    .equalTo(Columns.CUSTOMER)
                    .and(
                        col("as_of_date")
                            .equalTo(Columns.date(from.minusMonths(1).atEndOfMonth()))))
            .select(col("entity_id").as("customer_id"), fromStart.as("_first"))
            .unionByName(salesAsked.groupBy("customer_id").agg(min("month_start").as("_first")))
            .groupBy("customer_id")
            .agg(min("_first").as("_first"));
    Dataset<Row> asked =
        levels(grid, salesAsked, openFactsByCustomer(openAtMonthEnds), customers, to);
    Dataset<Row> earlier =
        earlierRows
            .filter(
                col("as_of_date")
                    .geq(Columns.date(from.minusMonths(reach(options)).atEndOfMonth()))
                    .and(col("as_of_date").lt(fromStart)))
            .select(
                col("level"),
                col("entity_id"),
                trunc(col("as_of_date"), "MM").as("month_start"),
                col("credit_sales"),
                col("ar"),
                col("current_ar"),
                col("overdue_ar"),
                col("overdue_60_ar"),
                col("credits"),
                col("open_items"))
            .withColumn("_month_index", monthIndex(col("month_start")));
    // the count-back walk's sales history: the kept one up to the month before `from`, then the
    // months asked for; else from every invoice
    Dataset<Row> history =
        (keptHistory != null
                ? historyOnKept(
                    keptHistory,
                    asked.select("level", "entity_id", "month_start", "credit_sales"),
                    from,
                    to)
                : salesHistory(salesByCustomerMonth(invoices, to), customers, to))
            .localCheckpoint(true);
    return new Series(kpis(asked.unionByName(earlier), history, from, options), history);
  }

  /**
   * The {@link #salesHistory} through {@code to} from a kept one ({@code kept}: level, entity_id,
   * _first_index, _sales_to_date, running at least to the month before {@code from}, true of the
   * months before {@code from}) and the credit sales of the months {@code from..to} ({@code
   * askedSales}: level, entity_id, month_start, credit_sales; one row per entity and month at
   * most). An entity without a kept history starts at its first month asked for, as it would from
   * the invoices: every entity is on the grid from its first month with a document.
   */
  static Dataset<Row> historyOnKept(
      Dataset<Row> kept, Dataset<Row> askedSales, YearMonth from, YearMonth to) {
    int fromIndex = monthIndex(from);
    Dataset<Row> before =
        kept.filter(col("_first_index").lt(fromIndex))
            .select(
                col("level"),
                col("entity_id"),
                col("_first_index").as("_kept_first"),
                expr("slice(_sales_to_date, 1, " + fromIndex + " - _first_index)").as("_kept"));
    Dataset<Row> asked =
        askedSales
            .withColumn("_month_index", monthIndex(col("month_start")))
            .groupBy("level", "entity_id")
            .agg(
                min("_month_index").as("_asked_first"),
                map_from_entries(collect_list(struct(col("_month_index"), col("credit_sales"))))
                    .as("_asked"));
    return before
        .join(asked, new String[] {"level", "entity_id"}, "full_outer")
        .withColumn("_first_index", coalesce(col("_kept_first"), col("_asked_first")))
        .withColumn(
            "_sales_to_date",
            expr(
                "transform(sequence(_first_index, "
                    + monthIndex(to)
                    + "), i -> coalesce(IF(i < "
                    + fromIndex
                    + ", try_element_at(_kept, i - _first_index + 1), try_element_at(_asked, i)), "
                    + ZERO
                    + "))"))
        .select("level", "entity_id", "_first_index", "_sales_to_date");
  }

  /**
   * How many months before a month its windows reach: the CEI period's opening AR, the DSO period's
   * sales.
   */
  static int reach(Options options) {
    return Math.max(options.ceiMonths(), options.dsoMonths() - 1);
  }

  /**
   * Credit sales per customer and month of issue, up to {@code to}: customer_id, month_start,
   * credit_sales.
   */
  private static Dataset<Row> salesByCustomerMonth(Dataset<Row> invoices, YearMonth to) {
    return invoices
        .filter(col("issue_date").leq(Columns.date(to.atEndOfMonth())))
        .groupBy(col("customer_id"), trunc(col("issue_date"), "MM").as("month_start"))
        .agg(Columns.sumMoney("amount").as("credit_sales"));
  }

  /**
   * Sales and open facts summed per level, entity and month on the grid (customer_id, _first: each
   * customer's months from _first to {@code to}), with _month_index.
   */
  private static Dataset<Row> levels(
      Dataset<Row> grid,
      Dataset<Row> sales,
      Dataset<Row> openFacts,
      Dataset<Row> customers,
      YearMonth to) {
    Dataset<Row> perCustomer =
        grid.withColumn(
                "month_start",
                explode(
                    sequence(col("_first"), Columns.date(to.atDay(1)), expr("INTERVAL 1 MONTH"))))
            .drop("_first")
            .join(sales, new String[] {"customer_id", "month_start"}, "left")
            .join(openFacts, new String[] {"customer_id", "month_start"}, "left");
    String[] money = {"credit_sales", "ar", "current_ar", "overdue_ar", "overdue_60_ar", "credits"};
    Dataset<Row> expanded = Columns.expandLevels(Columns.withSegments(perCustomer, customers));
    Column[] sums = new Column[money.length + 1];
    for (int i = 0; i < money.length; i++) {
      sums[i] = Columns.sumMoney(money[i]).as(money[i]);
    }
    sums[money.length] = coalesce(sum("open_items"), lit(0L)).as("open_items");
    return expanded
        .groupBy("level", "entity_id", "month_start")
        .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
        .withColumn("_month_index", monthIndex(col("month_start")));
  }

  /**
   * The KPIs of the months {@code from..to} from the per-level rows of those months and the ones
   * their windows reach.
   */
  private static Dataset<Row> kpis(
      Dataset<Row> levels, Dataset<Row> history, YearMonth from, Options options) {
    WindowSpec byMonth = Window.partitionBy("level", "entity_id").orderBy("_month_index");
    int dso = options.dsoMonths();
    int cei = options.ceiMonths();
    Dataset<Row> windowed =
        levels
            .withColumn(
                "dso_period_sales",
                Columns.money(sum("credit_sales").over(byMonth.rangeBetween(-(dso - 1), 0))))
            .withColumn(
                "cei_period_sales",
                Columns.money(sum("credit_sales").over(byMonth.rangeBetween(-(cei - 1), 0))))
            .withColumn(
                "cei_ar_begin",
                Columns.money(
                    coalesce(
                        sum("ar").over(byMonth.rangeBetween(-cei, -cei)), lit(BigDecimal.ZERO))))
            .filter(col("month_start").geq(Columns.date(from.atDay(1))))
            .join(history, new String[] {"level", "entity_id"})
            .withColumn(
                "_sales_history",
                expr("slice(_sales_to_date, 1, _month_index - _first_index + 1)"));

    Column monthEnd = last_day(col("month_start"));
    Column periodDays = datediff(monthEnd, add_months(col("month_start"), -(dso - 1))).plus(1);
    Column grossAr = col("gross_ar");
    Dataset<Row> kpis =
        windowed
            .crossJoin(history.agg(min("_first_index").as("_data_first")))
            .withColumn("as_of_date", monthEnd)
            .withColumn("gross_ar", Columns.money(col("current_ar").plus(col("overdue_ar"))))
            .withColumn("dso_period_months", lit(dso))
            .withColumn("dso_period_days", periodDays)
            .withColumn(
                "share_overdue_60",
                when(
                    grossAr.gt(0),
                    col("overdue_60_ar").cast("double").divide(grossAr.cast("double"))))
            .withColumn(
                "dso_standard",
                MetricUdfs.standardDso()
                    .apply(grossAr, col("dso_period_sales"), col("dso_period_days")))
            .withColumn(
                "bpdso_standard",
                MetricUdfs.standardDso()
                    .apply(col("current_ar"), col("dso_period_sales"), col("dso_period_days")))
            .withColumn(
                "dso_count_back",
                MetricUdfs.countBackDso().apply(grossAr, col("_sales_history"), col("as_of_date")))
            .withColumn(
                "bpdso_count_back",
                MetricUdfs.countBackDso()
                    .apply(col("current_ar"), col("_sales_history"), col("as_of_date")))
            .withColumn("add_standard", col("dso_standard").minus(col("bpdso_standard")))
            .withColumn("add_count_back", col("dso_count_back").minus(col("bpdso_count_back")))
            .withColumn("cei_period_months", lit(cei))
            .withColumn(
                "_cei",
                when(
                    ceiCollectible().gt(0),
                    MetricUdfs.cei(CollectionEffectivenessIndex.Variant.DEFAULT)
                        .apply(
                            col("cei_ar_begin"),
                            col("cei_period_sales"),
                            col("cei_period_months"),
                            col("ar"),
                            col("current_ar"))))
            .withColumn("_cei_caveat", ceiCaveat(col("_cei")))
            .withColumn(
                "cei",
                when(
                        col("level").equalTo(Columns.CUSTOMER).and(col("_cei_caveat").isNotNull()),
                        lit(null).cast("double"))
                    .otherwise(col("_cei")))
            .withColumn(
                "history_complete",
                col("_month_index").minus(reach(options)).geq(col("_data_first")));
    Column dataStart = date_format(monthStartOf(col("_data_first")), "yyyy-MM");
    Column windowStart =
        date_format(monthStartOf(col("_month_index").minus(reach(options))), "yyyy-MM");
    Column caveats =
        array(
            when(
                not(col("history_complete")),
                concat(
                    lit("insufficient history: the data start in "),
                    dataStart,
                    lit(" and this month's DSO and CEI windows reach back to "),
                    windowStart)),
            when(
                col("dso_standard").isNull().and(grossAr.gt(0)),
                lit("standard DSO undefined: no credit sales in the " + dso + "-month DSO period")),
            when(
                col("dso_count_back").isNull().and(grossAr.gt(0)),
                lit(
                    "count-back DSO undefined: the AR exceeds the net credit sales of the whole history")),
            when(
                    col("level").equalTo(Columns.CUSTOMER).and(col("_cei_caveat").isNotNull()),
                    concat(lit("customer CEI not shown: "), col("_cei_caveat")))
                .otherwise(col("_cei_caveat")));
    kpis = kpis.withColumn("caveats", filter(caveats, Column::isNotNull));
    return kpis.select(
        "level",
        "entity_id",
        "as_of_date",
        "credit_sales",
        "ar",
        "gross_ar",
        "current_ar",
        "overdue_ar",
        "overdue_60_ar",
        "credits",
        "open_items",
        "share_overdue_60",
        "dso_period_months",
        "dso_period_days",
        "dso_period_sales",
        "dso_standard",
        "dso_count_back",
        "bpdso_standard",
        "bpdso_count_back",
        "add_standard",
        "add_count_back",
        "cei_period_months",
        "cei_ar_begin",
        "cei_period_sales",
        "cei",
        "history_complete",
        "caveats");
  }

  /** What was collectible in the CEI period: opening AR plus credit sales, less current AR. */
  private static Column ceiCollectible() {
    return col("cei_ar_begin").plus(col("cei_period_sales")).minus(col("current_ar"));
  }

  /**
   * Why a CEI value is outside 0-100 % or undefined, in a reader's words; null when it is neither.
   * With B the opening AR, S the period's credit sales, E the AR and C the current AR at month end
   * (E = C + overdue + credits): the index is (B + S - E) / (B + S - C), the cash collected over
   * what was collectible. It is undefined when nothing was collectible, above 100 % only when
   * credit balances exceed the overdue AR (E below C), below 0 % only when net collections are
   * negative (refunds or reversals). The job leaves it null when nothing was collectible.
   */
  private static Column ceiCaveat(Column cei) {
    Column opening = col("cei_ar_begin");
    Column sales = col("cei_period_sales");
    Column collectible = ceiCollectible();
    Column collected = opening.plus(sales).minus(col("ar"));
    return when(
            cei.isNull()
                .and(collectible.leq(0))
                .and(opening.notEqual(0).or(sales.notEqual(0)).or(col("ar").notEqual(0))),
            lit(
                "CEI undefined: nothing was collectible in the period (opening AR plus credit sales,"
                    + " less the current AR at month end, is not positive)"))
        .when(
            cei.gt(100),
            concat(
                lit("CEI above 100 %: credit balances ("),
                col("credits").cast("string"),
                lit(") exceed the overdue AR ("),
                col("overdue_ar").cast("string"),
                lit(") at month end")))
        .when(
            cei.lt(0),
            concat(
                lit("CEI below 0 %: refunds and reversals exceed the cash collected (net "),
                collected.cast("string"),
                lit(")")));
  }

  /** Months counted from year 0: consecutive months differ by one, across years. */
  static Column monthIndex(Column monthStart) {
    return year(monthStart).multiply(12).plus(month(monthStart));
  }

  /** The first day of the month of a {@link #monthIndex(Column)}: its inverse. */
  static Column monthStartOf(Column monthIndex) {
    return make_date(
        monthIndex.minus(1).divide(12).cast("int"),
        pmod(monthIndex.minus(1), lit(12)).plus(1),
        lit(1));
  }

  /** {@link #monthIndex(Column)} of a month known here. */
  private static int monthIndex(YearMonth m) {
    return m.getYear() * 12 + m.getMonthValue();
  }

  /**
   * Per level and entity, its credit sales of every month from its first month with an invoice to
   * {@code to}, oldest first, months without invoices as zero (the whole history, for the
   * count-back walk; a month's history is a prefix of it): level, entity_id, _first_index,
   * _sales_to_date. One row per entity, built from the months that have sales, not from a dense
   * grid of every entity and month.
   */
  static Dataset<Row> salesHistory(
      Dataset<Row> salesByCustomerMonth, Dataset<Row> customers, YearMonth to) {
    return historyOf(
        Columns.expandLevels(Columns.withSegments(salesByCustomerMonth, customers))
            .groupBy("level", "entity_id", "month_start")
            .agg(Columns.sumMoney("credit_sales").as("credit_sales")),
        to);
  }

  /**
   * {@link #salesHistory} from credit sales per level, entity and month (level, entity_id,
   * month_start, credit_sales; one row per entity and month at most), from each entity's first
   * month to {@code to}.
   */
  static Dataset<Row> historyOf(Dataset<Row> salesByLevelMonth, YearMonth to) {
    int toIndex = monthIndex(to);
    return salesByLevelMonth
        .withColumn("_month_index", monthIndex(col("month_start")))
        .groupBy("level", "entity_id")
        .agg(
            min("_month_index").as("_first_index"),
            map_from_entries(collect_list(struct(col("_month_index"), col("credit_sales"))))
                .as("_sales_by_month"))
        .withColumn(
            "_sales_to_date",
            expr(
                "transform(sequence(_first_index, "
                    + toIndex
                    + "), i -> coalesce(try_element_at(_sales_by_month, i), "
                    + ZERO
                    + "))"))
        .drop("_sales_by_month");
  }
}
