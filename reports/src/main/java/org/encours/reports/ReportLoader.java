package org.encours.reports;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.cli.Progress;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.reports.ReportData.ActionCount;
import org.encours.reports.ReportData.AgingBucket;
import org.encours.reports.ReportData.CalibrationBin;
import org.encours.reports.ReportData.Concentration;
import org.encours.reports.ReportData.CustomerAr;
import org.encours.reports.ReportData.Drift;
import org.encours.reports.ReportData.Dunning;
import org.encours.reports.ReportData.GradeCount;
import org.encours.reports.ReportData.Headline;
import org.encours.reports.ReportData.KpiSnapshot;
import org.encours.reports.ReportData.LegalExposure;
import org.encours.reports.ReportData.LimitationClaim;
import org.encours.reports.ReportData.LimitationCount;
import org.encours.reports.ReportData.Migration;
import org.encours.reports.ReportData.ModelHealth;
import org.encours.reports.ReportData.Part;
import org.encours.reports.ReportData.PlannedAction;
import org.encours.reports.ReportData.Source;
import org.encours.reports.ReportData.TopCustomer;
import org.encours.reports.ReportData.TrendPoint;
import org.encours.warehouse.Warehouse;

/**
 * Reads the warehouse tables the CFO report needs into {@link ReportData}: only aggregates and
 * top-N rows reach the driver. A table that does not exist, or holds no row for the date, makes its
 * section "not available" with the command that produces it; nothing here throws for missing data.
 */
public final class ReportLoader {
  /** The tables the report reads, by their catalogue names ({@link DerivedTable}). */
  public static final String AGING = DerivedTable.AGING.tableName();

  public static final String RECEIVABLES_KPIS = DerivedTable.RECEIVABLES_KPIS.tableName();
  public static final String CUSTOMER_SCORES = DerivedTable.CUSTOMER_SCORES.tableName();
  public static final String RECOMMENDATIONS = DerivedTable.RECOMMENDATIONS.tableName();
  public static final String DUNNING_PLAN = DerivedTable.DUNNING_PLAN.tableName();
  public static final String SCORE_DRIFT = DerivedTable.SCORE_DRIFT.tableName();
  public static final List<String> GRADES = List.of("A", "B", "C", "D", "E");
  static final int TOP_CUSTOMERS = 20;
  static final int CONCENTRATION_TOP = 10;
  static final int TREND_MONTHS = 12;
  static final int LIST_LIMIT = 15;

  /** Formal notices and escalations planned within this many days of D are listed. */
  static final int HORIZON_DAYS = 30;

  static final List<String> ESCALATIONS =
      List.of(
          "collection_agency",
          "small_claims_procedure",
          "injonction_de_payer",
          "european_small_claims",
          "european_order_for_payment");

  private final Warehouse warehouse;
  private final Path models;
  private final Progress progress;
  private final Map<String, Source> sources = new LinkedHashMap<>();
  private final Map<String, Optional<Dataset<Row>>> tables = new LinkedHashMap<>();

  /**
   * @param models the model registry folder (holds {@code CHAMPION} and {@code vNNNN/report.json})
   */
  public ReportLoader(Warehouse warehouse, Path models, Progress progress) {
    this.warehouse = warehouse;
    this.models = models;
    this.progress = progress;
  }

  /** The month end the headline is read at: D itself if D is a month end, else the one before. */
  public static LocalDate kpiMonthEnd(LocalDate asOf) {
    YearMonth month = YearMonth.from(asOf);
    return asOf.equals(month.atEndOfMonth()) ? asOf : month.minusMonths(1).atEndOfMonth();
  }

  public ReportData load(LocalDate asOf) {
    LocalDate monthEnd = kpiMonthEnd(asOf);
    progress.step(
        "Reading receivables_kpis ("
            + monthEnd.minusMonths(TREND_MONTHS - 1)
            + ".."
            + monthEnd
            + ")");
    Part<Headline> headline = headline(monthEnd);
    Part<List<TrendPoint>> trend = trend(monthEnd);
    progress.step("Reading aging as of " + asOf);
    Part<List<AgingBucket>> aging = aging(asOf);
    Part<Concentration> concentration = concentration(asOf);
    progress.step("Reading customer_scores and recommendations as of " + asOf);
    Part<List<TopCustomer>> top = topCustomers(asOf);
    Part<List<GradeCount>> grades = grades(asOf);
    Part<Migration> migration = migration(asOf);
    String modelVersion = modelVersion(asOf);
    progress.step("Reading dunning_plan as of " + asOf);
    Part<Dunning> dunning = dunning(asOf);
    Part<LegalExposure> legal = legal(asOf);
    progress.step("Reading model health from " + models);
    Part<ModelHealth> health = modelHealth(asOf, modelVersion);
    if (modelVersion == null && health.available()) {
      modelVersion = health.value().modelVersion();
    }
    return new ReportData(
        asOf,
        monthEnd,
        "EUR",
        modelVersion,
        List.copyOf(sources.values()),
        headline,
        aging,
        trend,
        top,
        concentration,
        grades,
        migration,
        dunning,
        legal,
        health);
  }

  // ---------------------------------------------------------------- tables

  /** The table, or null when it does not exist; records its version on first use. */
  private Dataset<Row> table(String name) {
    return tables
        .computeIfAbsent(
            name,
            n -> {
              if (!warehouse.exists(n)) {
                return Optional.empty();
              }
              sources.put(n, new Source(n, warehouse.version(n), Map.of()));
              return Optional.of(warehouse.read(n));
            })
        .orElse(null);
  }

  /** Records the input versions the rows read from a table carry (first row). */
  private void provenance(String name, Dataset<Row> rows) {
    Source source = sources.get(name);
    if (source == null
        || !source.inputVersions().isEmpty()
        || !List.of(rows.columns()).contains(Columns.INPUT_VERSIONS)) {
      return;
    }
    Row first =
        rows
            .select(Columns.INPUT_VERSIONS)
            .where(col(Columns.INPUT_VERSIONS).isNotNull())
            .limit(1)
            .collectAsList()
            .stream()
            .findFirst()
            .orElse(null);
    if (first != null) {
      Map<String, Long> versions = new TreeMap<>(first.<String, Long>getJavaMap(0));
      sources.put(name, new Source(name, source.version(), versions));
    }
  }

  private static Column on(LocalDate date) {
    return col(Columns.AS_OF_DATE).equalTo(lit(Date.valueOf(date)));
  }

  private static String missingTable(String table, String command) {
    return "not available: table " + table + " is absent; run " + command;
  }

  private static String missingDate(String table, LocalDate date, String command) {
    return "not available: " + table + " has no rows as of " + date + "; run " + command;
  }

  // ---------------------------------------------------------------- KPIs

  private Part<Headline> headline(LocalDate monthEnd) {
    Dataset<Row> kpis = table(RECEIVABLES_KPIS);
    String command =
        "encours analytics --from "
            + YearMonth.from(monthEnd).minusMonths(TREND_MONTHS - 1)
            + " --to "
            + YearMonth.from(monthEnd)
            + " --monthly";
    if (kpis == null) {
      return Part.missing(missingTable(RECEIVABLES_KPIS, command));
    }
    LocalDate previous = YearMonth.from(monthEnd).minusMonths(1).atEndOfMonth();
    Dataset<Row> rows =
        kpis.where(col(Columns.LEVEL).equalTo("portfolio").and(on(monthEnd).or(on(previous))));
    provenance(RECEIVABLES_KPIS, rows);
    KpiSnapshot current = null;
    KpiSnapshot before = null;
    for (Row r : rows.collectAsList()) {
      KpiSnapshot k = kpi(r);
      if (k.monthEnd().equals(monthEnd)) {
        current = k;
      } else {
        before = k;
      }
    }
    return current == null
        ? Part.missing(missingDate(RECEIVABLES_KPIS, monthEnd, command))
        : Part.of(new Headline(current, before));
  }

  private static KpiSnapshot kpi(Row r) {
    return new KpiSnapshot(
        r.<Date>getAs(Columns.AS_OF_DATE).toLocalDate(),
        decimal(r, Columns.AR),
        decimal(r, Columns.OVERDUE_AR),
        dbl(r, Columns.DSO_COUNT_BACK),
        dbl(r, Columns.DSO_STANDARD),
        dbl(r, Columns.BPDSO_COUNT_BACK),
        dbl(r, Columns.ADD_COUNT_BACK),
        dbl(r, Columns.CEI),
        grossAr(r),
        integer(r, Columns.DSO_PERIOD_MONTHS),
        integer(r, Columns.CEI_PERIOD_MONTHS),
        historyComplete(r),
        caveats(r));
  }

  /** The gross open AR: current plus overdue (the column, or its sum in a table without it). */
  private static BigDecimal grossAr(Row r) {
    if (has(r, Columns.GROSS_AR)) {
      return decimal(r, Columns.GROSS_AR);
    }
    BigDecimal current = decimal(r, Columns.CURRENT_AR);
    BigDecimal overdue = decimal(r, Columns.OVERDUE_AR);
    return current == null || overdue == null ? null : current.add(overdue);
  }

  /** Whether the row holds that column (a table written by an earlier version may not). */
  private static boolean has(Row r, String column) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(column);
  }

  private static Integer integer(Row r, String column) {
    if (!has(r, column) || r.isNullAt(r.fieldIndex(column))) {
      return null;
    }
    return ((Number) r.get(r.fieldIndex(column))).intValue();
  }

  /** False only when the row says its windows reach before the data's first month. */
  private static boolean historyComplete(Row r) {
    return !has(r, Columns.HISTORY_COMPLETE)
        || r.isNullAt(r.fieldIndex(Columns.HISTORY_COMPLETE))
        || r.<Boolean>getAs(Columns.HISTORY_COMPLETE);
  }

  private static List<String> caveats(Row r) {
    if (!has(r, Columns.CAVEATS) || r.isNullAt(r.fieldIndex(Columns.CAVEATS))) {
      return List.of();
    }
    return List.copyOf(r.<String>getList(r.fieldIndex(Columns.CAVEATS)));
  }

  private Part<List<TrendPoint>> trend(LocalDate monthEnd) {
    Dataset<Row> kpis = table(RECEIVABLES_KPIS);
    if (kpis == null) {
      return Part.missing(missingTable(RECEIVABLES_KPIS, "encours analytics --monthly"));
    }
    LocalDate first = YearMonth.from(monthEnd).minusMonths(TREND_MONTHS - 1).atEndOfMonth();
    List<TrendPoint> points = new ArrayList<>();
    for (Row r :
        kpis.where(
                col(Columns.LEVEL)
                    .equalTo("portfolio")
                    .and(
                        col(Columns.AS_OF_DATE)
                            .between(lit(Date.valueOf(first)), lit(Date.valueOf(monthEnd)))))
            .orderBy(Columns.AS_OF_DATE)
            .collectAsList()) {
      points.add(
          new TrendPoint(
              r.<Date>getAs(Columns.AS_OF_DATE).toLocalDate(),
              decimal(r, Columns.CURRENT_AR),
              decimal(r, Columns.OVERDUE_AR),
              decimal(r, Columns.OVERDUE_60_AR),
              dbl(r, Columns.DSO_COUNT_BACK),
              dbl(r, Columns.DSO_STANDARD),
              dbl(r, Columns.BPDSO_COUNT_BACK),
              dbl(r, Columns.ADD_COUNT_BACK),
              dbl(r, Columns.CEI),
              historyComplete(r)));
    }
    return points.isEmpty()
        ? Part.missing(
            missingDate(
                RECEIVABLES_KPIS,
                monthEnd,
                "encours analytics --from "
                    + YearMonth.from(first)
                    + " --to "
                    + YearMonth.from(monthEnd)
                    + " --monthly"))
        : Part.of(points);
  }

  // ---------------------------------------------------------------- aging

  private Part<List<AgingBucket>> aging(LocalDate asOf) {
    Dataset<Row> aging = table(AGING);
    String command = "encours analytics --as-of " + asOf;
    if (aging == null) {
      return Part.missing(missingTable(AGING, command));
    }
    Dataset<Row> rows = aging.where(col(Columns.LEVEL).equalTo("portfolio").and(on(asOf)));
    provenance(AGING, rows);
    List<AgingBucket> buckets = new ArrayList<>();
    for (Row r : rows.orderBy(Columns.BUCKET_ORDER).collectAsList()) {
      buckets.add(
          new AgingBucket(
              r.getAs(Columns.BUCKET),
              ((Number) r.getAs(Columns.BUCKET_ORDER)).intValue(),
              decimal(r, Columns.OPEN_AMOUNT),
              ((Number) r.getAs(Columns.OPEN_COUNT)).longValue(),
              dbl(r, Columns.SHARE)));
    }
    return buckets.isEmpty() ? Part.missing(missingDate(AGING, asOf, command)) : Part.of(buckets);
  }

  private Part<Concentration> concentration(LocalDate asOf) {
    Dataset<Row> aging = table(AGING);
    String command = "encours analytics --as-of " + asOf;
    if (aging == null) {
      return Part.missing(missingTable(AGING, command));
    }
    Dataset<Row> customers =
        aging
            .where(col(Columns.LEVEL).equalTo("customer").and(on(asOf)))
            .groupBy(Columns.ENTITY_ID)
            .agg(max(Columns.TOTAL_OPEN).as("ar"));
    List<Row> top =
        customers
            .orderBy(col(Columns.AR).desc(), col(Columns.ENTITY_ID))
            .limit(CONCENTRATION_TOP)
            .collectAsList();
    Row portfolio =
        aging
            .where(
                col(Columns.LEVEL)
                    .equalTo("portfolio")
                    .and(on(asOf))
                    .and(col(Columns.TOTAL_OPEN).isNotNull()))
            .agg(max(Columns.TOTAL_OPEN))
            .first();
    if (top.isEmpty() || portfolio.isNullAt(0)) {
      return Part.missing(missingDate(AGING, asOf, command));
    }
    List<CustomerAr> list = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (Row r : top) {
      BigDecimal ar = r.getDecimal(1);
      list.add(new CustomerAr(r.getString(0), ar));
      sum = sum.add(ar);
    }
    return Part.of(new Concentration(portfolio.getDecimal(0), sum, list));
  }

  // ---------------------------------------------------------------- scores

  private static String scoreCommand(LocalDate date) {
    return "encours score --as-of " + date;
  }

  private Dataset<Row> scoresAt(LocalDate date) {
    Dataset<Row> scores = table(CUSTOMER_SCORES);
    return scores == null ? null : scores.where(on(date));
  }

  /** The calibrated probability column: {@code probability}, else {@code probability_late_30d}. */
  private static Column probability(Dataset<Row> scores) {
    List<String> cols = List.of(scores.columns());
    return cols.contains(Columns.PROBABILITY)
        ? col(Columns.PROBABILITY)
        : cols.contains(Columns.PROBABILITY_LATE_30D)
            ? col(Columns.PROBABILITY_LATE_30D)
            : lit(null).cast("double");
  }

  private Part<List<TopCustomer>> topCustomers(LocalDate asOf) {
    Dataset<Row> scores = scoresAt(asOf);
    if (scores == null) {
      return Part.missing(missingTable(CUSTOMER_SCORES, scoreCommand(asOf)));
    }
    provenance(CUSTOMER_SCORES, scores);
    List<String> cols = List.of(scores.columns());
    List<Row> top =
        scores
            .select(
                col(Columns.CUSTOMER_ID),
                col(Columns.GRADE),
                probability(scores).cast("double").as("p"),
                cols.contains(Columns.POINTS)
                    ? col(Columns.POINTS).cast("int").as("points")
                    : lit(null).cast("int").as("points"),
                col(Columns.EXPOSURE),
                col(Columns.EXPECTED_LOSS),
                cols.contains(Columns.REASONS) ? col(Columns.REASONS) : lit(null).as("reasons"))
            .orderBy(col(Columns.EXPECTED_LOSS).desc_nulls_last(), col(Columns.CUSTOMER_ID))
            .limit(TOP_CUSTOMERS)
            .collectAsList();
    if (top.isEmpty()) {
      return Part.missing(missingDate(CUSTOMER_SCORES, asOf, scoreCommand(asOf)));
    }
    Map<String, String> actions = actions(asOf, top.stream().map(r -> r.getString(0)).toList());
    List<TopCustomer> list = new ArrayList<>();
    int rank = 1;
    for (Row r : top) {
      String id = r.getString(0);
      list.add(
          new TopCustomer(
              rank++,
              id,
              r.getString(1),
              r.isNullAt(2) ? null : r.getDouble(2),
              r.isNullAt(3) ? null : r.getInt(3),
              decimal(r, Columns.EXPOSURE),
              decimal(r, Columns.EXPECTED_LOSS),
              reasons(r.isNullAt(6) ? null : r.get(6) instanceof String t ? t : r.getList(6)),
              actions == null
                  ? "not available: run encours recommend --as-of " + asOf
                  : actions.getOrDefault(id, "none recorded")));
    }
    return Part.of(list);
  }

  /** Reasons as plain words: an array of strings, or of structs with a {@code reason} field. */
  static List<String> reasons(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Row row) {
          out.add(
              List.of(row.schema().fieldNames()).contains(Columns.REASON)
                  ? row.getAs(Columns.REASON)
                  : row.toString());
        } else if (o != null) {
          out.add(o.toString());
        }
      }
    } else if (value != null) {
      out.add(value.toString());
    }
    return out;
  }

  /**
   * The recommended action per customer (from {@code recommendations}), null when the table is
   * absent.
   */
  private Map<String, String> actions(LocalDate asOf, List<String> customers) {
    Dataset<Row> recs = table(RECOMMENDATIONS);
    if (recs == null) {
      return null;
    }
    Dataset<Row> rows =
        recs.where(on(asOf).and(col(Columns.CUSTOMER_ID).isin(customers.toArray())));
    provenance(RECOMMENDATIONS, rows);
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : rows.collectAsList()) {
      out.put(
          r.getAs(Columns.CUSTOMER_ID),
          RecommendedAction.describe(
              r.getAs(Columns.BLOCK_ORDERS),
              r.getAs(Columns.REVIEW_LIMIT),
              decimal(r, Columns.DEPOSIT_SHARE),
              decimal(r, Columns.CREDIT_LIMIT),
              r.getAs(Columns.MAX_TERMS_DAYS),
              r.getAs(Columns.LADDER)));
    }
    return out;
  }

  private Part<List<GradeCount>> grades(LocalDate asOf) {
    Dataset<Row> scores = scoresAt(asOf);
    if (scores == null) {
      return Part.missing(missingTable(CUSTOMER_SCORES, scoreCommand(asOf)));
    }
    Map<String, GradeCount> byGrade = new TreeMap<>();
    for (Row r :
        scores
            .groupBy(coalesce(col(Columns.GRADE), lit("?")).as("grade"))
            .agg(
                count(lit(1)).as("n"),
                sum(Columns.EXPOSURE).as("exposure"),
                sum(Columns.EXPECTED_LOSS).as("el"))
            .collectAsList()) {
      byGrade.put(
          r.getString(0),
          new GradeCount(
              r.getString(0), r.getLong(1), decimal(r, Columns.EXPOSURE), decimal(r, "el")));
    }
    if (byGrade.isEmpty()) {
      return Part.missing(missingDate(CUSTOMER_SCORES, asOf, scoreCommand(asOf)));
    }
    List<GradeCount> list = new ArrayList<>();
    for (String g : GRADES) {
      GradeCount c = byGrade.remove(g);
      list.add(c != null ? c : new GradeCount(g, 0, BigDecimal.ZERO, BigDecimal.ZERO));
    }
    list.addAll(byGrade.values());
    return Part.of(list);
  }

  private Part<Migration> migration(LocalDate asOf) {
    LocalDate previous = YearMonth.from(asOf).minusMonths(1).atEndOfMonth();
    Dataset<Row> now = scoresAt(asOf);
    if (now == null) {
      return Part.missing(missingTable(CUSTOMER_SCORES, scoreCommand(asOf)));
    }
    Dataset<Row> before = scoresAt(previous);
    if (before.isEmpty()) {
      return Part.missing(
          missingDate(CUSTOMER_SCORES, previous, scoreCommand(previous))
              + " (the migration compares D with the previous month end)");
    }
    Dataset<Row> joined =
        before
            .select(col(Columns.CUSTOMER_ID), col(Columns.GRADE).as("g0"))
            .join(
                now.select(col(Columns.CUSTOMER_ID), col(Columns.GRADE).as("g1")),
                new String[] {Columns.CUSTOMER_ID},
                "full_outer");
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (Row r :
        joined
            .groupBy(
                coalesce(col("g0"), lit("new")).as("from"),
                coalesce(col("g1"), lit("gone")).as("to"))
            .agg(count(lit(1)))
            .collectAsList()) {
      counts
          .computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    return Part.of(new Migration(previous, GRADES, counts));
  }

  private String modelVersion(LocalDate asOf) {
    for (String t : List.of(CUSTOMER_SCORES, RECOMMENDATIONS)) {
      Dataset<Row> rows = table(t);
      if (rows != null && List.of(rows.columns()).contains(Columns.MODEL_VERSION)) {
        Row r =
            rows
                .where(on(asOf).and(col(Columns.MODEL_VERSION).isNotNull()))
                .select(Columns.MODEL_VERSION)
                .limit(1)
                .collectAsList()
                .stream()
                .findFirst()
                .orElse(null);
        if (r != null) {
          return r.getString(0);
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- dunning and legal

  private Part<Dunning> dunning(LocalDate asOf) {
    Dataset<Row> plan = table(DUNNING_PLAN);
    String command = "encours recommend --as-of " + asOf;
    if (plan == null) {
      return Part.missing(missingTable(DUNNING_PLAN, command));
    }
    Dataset<Row> rows = plan.where(on(asOf));
    provenance(DUNNING_PLAN, rows);
    if (rows.isEmpty()) {
      return Part.missing(missingDate(DUNNING_PLAN, asOf, command));
    }
    LocalDate weekEnd = asOf.plusDays(6);
    LocalDate horizon = asOf.plusDays(HORIZON_DAYS);
    List<ActionCount> week = new ArrayList<>();
    for (Row r :
        rows.where(
                col(Columns.NEXT_ACTION)
                    .isNotNull()
                    .and(
                        col(Columns.NEXT_ACTION_DATE)
                            .between(lit(Date.valueOf(asOf)), lit(Date.valueOf(weekEnd)))))
            .groupBy(Columns.NEXT_ACTION)
            .agg(
                count(lit(1)).as("n"),
                countDistinct(Columns.CUSTOMER_ID).as("c"),
                sum(Columns.OUTSTANDING).as("o"),
                sum(Columns.AMOUNT_DUE).as("d"))
            .collectAsList()) {
      week.add(
          new ActionCount(
              r.getString(0), r.getLong(1), r.getLong(2), decimal(r, "o"), decimal(r, "d")));
    }
    week.sort(
        java.util.Comparator.comparingInt((ActionCount a) -> stageOrder(a.action()))
            .thenComparing(ActionCount::action));
    Column soon =
        col(Columns.NEXT_ACTION_DATE).between(lit(Date.valueOf(asOf)), lit(Date.valueOf(horizon)));
    Dataset<Row> notices = rows.where(col(Columns.NEXT_ACTION).equalTo("formal_notice").and(soon));
    Dataset<Row> escalations =
        rows.where(col(Columns.NEXT_ACTION).isin(ESCALATIONS.toArray()).and(soon));
    return Part.of(
        new Dunning(
            weekEnd,
            horizon,
            week,
            notices.count(),
            planned(notices),
            escalations.count(),
            planned(escalations)));
  }

  static int stageOrder(String action) {
    List<String> order =
        List.of(
            "pre_due_reminder",
            "reminder_1",
            "reminder_2",
            "registered_letter",
            "formal_notice",
            "collection_agency",
            "small_claims_procedure",
            "injonction_de_payer",
            "european_small_claims",
            "european_order_for_payment");
    int i = order.indexOf(action);
    return i < 0 ? order.size() : i;
  }

  private static List<PlannedAction> planned(Dataset<Row> rows) {
    List<PlannedAction> out = new ArrayList<>();
    for (Row r :
        rows.orderBy(
                col(Columns.NEXT_ACTION_DATE),
                col(Columns.AMOUNT_DUE).desc(),
                col(Columns.INVOICE_ID))
            .limit(LIST_LIMIT)
            .collectAsList()) {
      out.add(
          new PlannedAction(
              r.getAs(Columns.INVOICE_ID),
              r.getAs(Columns.CUSTOMER_ID),
              r.getAs(Columns.NEXT_ACTION),
              r.<Date>getAs(Columns.NEXT_ACTION_DATE).toLocalDate(),
              decimal(r, Columns.OUTSTANDING),
              decimal(r, Columns.AMOUNT_DUE)));
    }
    return out;
  }

  private Part<LegalExposure> legal(LocalDate asOf) {
    Dataset<Row> plan = table(DUNNING_PLAN);
    String command = "encours recommend --as-of " + asOf;
    if (plan == null) {
      return Part.missing(missingTable(DUNNING_PLAN, command));
    }
    Dataset<Row> rows = plan.where(on(asOf));
    Row totals =
        rows.agg(
                count(lit(1)),
                sum(when(col(Columns.PENALTIES).gt(0), 1).otherwise(0)),
                sum(Columns.PENALTIES),
                sum(Columns.INDEMNITY),
                sum(
                    when(
                        col(Columns.PENALTIES).gt(0).or(col(Columns.INDEMNITY).gt(0)),
                        col(Columns.AMOUNT_DUE))))
            .first();
    if (totals.getLong(0) == 0) {
      return Part.missing(missingDate(DUNNING_PLAN, asOf, command));
    }
    List<LimitationCount> limitation = new ArrayList<>();
    Dataset<Row> near =
        rows.where(col(Columns.LIMITATION_STATUS).isin("warn", "expired", "WARN", "EXPIRED"));
    for (Row r :
        near.groupBy(org.apache.spark.sql.functions.lower(col(Columns.LIMITATION_STATUS)).as("s"))
            .agg(count(lit(1)), sum(Columns.OUTSTANDING).as("o"))
            .orderBy("s")
            .collectAsList()) {
      limitation.add(new LimitationCount(r.getString(0), r.getLong(1), decimal(r, "o")));
    }
    List<LimitationClaim> claims = new ArrayList<>();
    for (Row r :
        near.orderBy(col(Columns.LIMITATION_DATE), col(Columns.INVOICE_ID))
            .limit(LIST_LIMIT)
            .collectAsList()) {
      claims.add(
          new LimitationClaim(
              r.getAs(Columns.INVOICE_ID),
              r.getAs(Columns.CUSTOMER_ID),
              r.<String>getAs(Columns.LIMITATION_STATUS).toLowerCase(java.util.Locale.ROOT),
              r.<Date>getAs(Columns.LIMITATION_DATE).toLocalDate(),
              decimal(r, Columns.OUTSTANDING)));
    }
    long withPenalties = totals.isNullAt(1) ? 0 : ((Number) totals.get(1)).longValue();
    return Part.of(
        new LegalExposure(
            withPenalties,
            orZero(totals, 2),
            orZero(totals, 3),
            orZero(totals, 4),
            limitation,
            claims));
  }

  // ---------------------------------------------------------------- model health

  private Part<ModelHealth> modelHealth(LocalDate asOf, String versionFromScores) {
    String version = versionFromScores;
    try {
      if (version == null) {
        Path champion = models.resolve("CHAMPION");
        if (!Files.isRegularFile(champion)) {
          return Part.missing(
              "not available: no model registry at "
                  + models
                  + " (no CHAMPION file); run encours train, then "
                  + scoreCommand(asOf));
        }
        version = Files.readString(champion, StandardCharsets.UTF_8).trim();
      }
      Path report = models.resolve(version).resolve("report.json");
      if (!Files.isRegularFile(report)) {
        return Part.missing(
            "not available: no evaluation report "
                + report
                + "; run encours train (it writes report.json per model version)");
      }
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      return Part.of(ModelReport.health(version, json, drift(asOf)));
    } catch (IOException | RuntimeException e) {
      return Part.missing(
          "not available: cannot read the evaluation report of model "
              + version
              + " in "
              + models
              + ": "
              + e.getMessage());
    }
  }

  /** PSI of the scores as of D against training ({@code score_drift}), null when absent. */
  private List<Drift> drift(LocalDate asOf) {
    Dataset<Row> drift = table(SCORE_DRIFT);
    if (drift == null) {
      return null;
    }
    Dataset<Row> rows = drift.where(on(asOf));
    provenance(SCORE_DRIFT, rows);
    List<Drift> out = new ArrayList<>();
    for (Row r : rows.orderBy(col(Columns.PSI).desc()).collectAsList()) {
      out.add(
          new Drift(
              r.getAs(Columns.VARIABLE),
              r.isNullAt(r.fieldIndex(Columns.PSI)) ? Double.NaN : r.<Double>getAs(Columns.PSI),
              r.getAs(Columns.STATUS)));
    }
    return out.isEmpty() ? null : out;
  }

  // ---------------------------------------------------------------- values

  static BigDecimal decimal(Row r, String column) {
    int i = r.fieldIndex(column);
    if (r.isNullAt(i)) {
      return null;
    }
    Object v = r.get(i);
    return v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
  }

  private static BigDecimal orZero(Row r, int i) {
    return r.isNullAt(i) ? BigDecimal.ZERO : r.getDecimal(i);
  }

  static Double dbl(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }

  /** Reads a model's evaluation report (report.json written by {@code encours train}). */
  static final class ModelReport {
    private ModelReport() {}

    static ModelHealth health(String version, JsonNode r, List<Drift> scoreDrift) {
      JsonNode target = r.path("targets").path("t30");
      String targetName = "t30";
      if (target.isMissingNode()) {
        Iterator<Map.Entry<String, JsonNode>> it = r.path("targets").fields();
        if (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          targetName = e.getKey();
          target = e.getValue();
        }
      }
      JsonNode test =
          target.path("test").elements().hasNext()
              ? target.path("test").elements().next()
              : target.path("test");
      List<CalibrationBin> bins = new ArrayList<>();
      for (JsonNode c : test.path("calibration")) {
        bins.add(
            new CalibrationBin(
                c.path("lower").asDouble(),
                c.path("upper").asDouble(),
                c.path("rows").asLong(),
                c.path("meanPredicted").asDouble(),
                c.path("observedShare").asDouble()));
      }
      List<Drift> drift = scoreDrift;
      String driftSource =
          "score_drift as of the report date (recent invoices against the training profile)";
      if (drift == null) {
        drift = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("drift_fit_to_test").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          drift.add(
              new Drift(
                  e.getKey(),
                  e.getValue().path("psi").asDouble(Double.NaN),
                  e.getValue().path("status").asText("")));
        }
        driftSource =
            "evaluation report: fit period against test period (no score_drift rows as of the report date)";
      }
      return new ModelHealth(
          version,
          text(r, "created_at"),
          text(r, "cutoff"),
          targetName + ": " + target.path("label").asText(""),
          text(target, "chosen"),
          number(test, "rocAuc"),
          number(test, "prAuc"),
          number(test, "brier"),
          number(test, "ece"),
          test.path("rows").isNumber() ? test.path("rows").asLong() : null,
          bins,
          driftSource,
          drift);
    }

    private static String text(JsonNode n, String field) {
      JsonNode v = n.path(field);
      return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
      JsonNode v = n.path(field);
      return v.isNumber() ? v.asDouble() : null;
    }
  }
}
