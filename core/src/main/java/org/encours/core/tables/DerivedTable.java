package org.encours.core.tables;

import static org.encours.core.tables.ColumnType.BIGINT;
import static org.encours.core.tables.ColumnType.BINARY;
import static org.encours.core.tables.ColumnType.BOOLEAN;
import static org.encours.core.tables.ColumnType.DATE;
import static org.encours.core.tables.ColumnType.DOUBLE;
import static org.encours.core.tables.ColumnType.INT;
import static org.encours.core.tables.ColumnType.MONEY;
import static org.encours.core.tables.ColumnType.STRING;
import static org.encours.core.tables.ColumnType.arrayOf;
import static org.encours.core.tables.ColumnType.mapOf;
import static org.encours.core.tables.ColumnType.structOf;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tables the jobs derive from the canonical ones, each declared once: its name in the
 * warehouse, its partition columns, the command that writes it and its columns with their types.
 * The job that writes a table checks its rows against this contract before writing (the warehouse
 * module's {@code TableContract}); the API's table mappings, the report and the notebooks read the
 * names from here, and column names from {@link Columns}, so that a renamed column fails the build.
 *
 * <p>Every row also carries {@link Columns#INPUT_VERSIONS}: the canonical table versions it was
 * computed from.
 */
public enum DerivedTable {
  /** One row per invoice open at the as-of date: its open amount, days past due and age bucket. */
  AGING_ITEMS(
      "aging_items",
      List.of(Columns.AS_OF_DATE),
      "encours analytics --as-of YYYY-MM-DD",
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.INVOICE_ID, STRING),
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.DOC_TYPE, STRING),
      col(Columns.ISSUE_DATE, DATE),
      col(Columns.DUE_DATE, DATE),
      col(Columns.AMOUNT, MONEY),
      col(Columns.PAID_TO_DATE, MONEY),
      col(Columns.OPEN_AMOUNT, MONEY),
      col(Columns.DAYS_PAST_DUE, INT),
      col(Columns.AGE_DAYS, INT),
      col(Columns.BUCKET, STRING),
      col(Columns.BUCKET_ORDER, INT),
      col(Columns.DISPUTED, BOOLEAN),
      col(Columns.AGED_FROM, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * Open amounts per age bucket, per invoice, customer, country, sector, size band and portfolio.
   */
  AGING(
      "aging",
      List.of(Columns.AS_OF_DATE),
      "encours analytics --as-of YYYY-MM-DD",
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.LEVEL, STRING),
      col(Columns.ENTITY_ID, STRING),
      col(Columns.BUCKET, STRING),
      col(Columns.BUCKET_ORDER, INT),
      col(Columns.OPEN_AMOUNT, MONEY),
      col(Columns.OPEN_COUNT, BIGINT),
      col(Columns.TOTAL_OPEN, MONEY),
      col(Columns.SHARE, DOUBLE),
      col(Columns.AGED_FROM, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /** The per-customer payment features the models use, as of the date. */
  PAYMENT_BEHAVIOUR(
      "payment_behaviour",
      List.of(Columns.AS_OF_DATE),
      "encours analytics --as-of YYYY-MM-DD",
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.INVOICES_ISSUED, INT),
      col(Columns.CREDIT_NOTES_ISSUED, INT),
      col(Columns.INVOICES_PAID, INT),
      col(Columns.PAID_LATE_COUNT, INT),
      col(Columns.PAID_LATE_SHARE, DOUBLE),
      col(Columns.DAYS_LATE_MEAN, DOUBLE),
      col(Columns.DAYS_LATE_MEDIAN, INT),
      col(Columns.DAYS_LATE_P90, INT),
      col(Columns.DAYS_LATE_MAX, INT),
      col(Columns.DAYS_LATE_MEAN_BY_AMOUNT, DOUBLE),
      col(Columns.DAYS_LATE_MEDIAN_BY_AMOUNT, INT),
      col(Columns.DAYS_LATE_P90_BY_AMOUNT, INT),
      col(Columns.DBT_PAID, DOUBLE),
      col(Columns.DBT_OPEN, DOUBLE),
      col(Columns.PAID_3M, INT),
      col(Columns.LATE_SHARE_3M, DOUBLE),
      col(Columns.PAID_12M, INT),
      col(Columns.LATE_SHARE_12M, DOUBLE),
      col(Columns.LATE_SHARE_TREND, DOUBLE),
      col(Columns.AVG_DAYS_TO_PAY, DOUBLE),
      col(Columns.OPEN_ITEMS, INT),
      col(Columns.OPEN_EXPOSURE, MONEY),
      col(Columns.OVERDUE_ITEMS, INT),
      col(Columns.OVERDUE_EXPOSURE, MONEY),
      col(Columns.CREDIT_BALANCE, MONEY),
      col(Columns.DISPUTED_INVOICES, INT),
      col(Columns.DISPUTED_OPEN_AMOUNT, MONEY),
      col(Columns.DUNNING_STAGE_RANK, INT),
      col(Columns.DUNNING_STAGE_MAX, STRING),
      col(Columns.INVOICES_WITH_PAYMENTS, INT),
      col(Columns.PARTIAL_PAYMENT_SHARE, DOUBLE),
      col(Columns.DAYS_SINCE_LAST_PAYMENT, INT),
      col(Columns.CREDIT_LIMIT, MONEY),
      col(Columns.EXPOSURE_TO_LIMIT, DOUBLE),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * Monthly receivables KPIs per level and entity: AR, DSO variants, ADD, CEI (as_of_date is the
   * month end).
   */
  RECEIVABLES_KPIS(
      "receivables_kpis",
      List.of(Columns.AS_OF_DATE),
      "encours analytics --from YYYY-MM --to YYYY-MM --monthly",
      col(Columns.LEVEL, STRING),
      col(Columns.ENTITY_ID, STRING),
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.CREDIT_SALES, MONEY),
      col(Columns.AR, MONEY),
      col(Columns.GROSS_AR, MONEY),
      col(Columns.CURRENT_AR, MONEY),
      col(Columns.OVERDUE_AR, MONEY),
      col(Columns.OVERDUE_60_AR, MONEY),
      col(Columns.CREDITS, MONEY),
      col(Columns.OPEN_ITEMS, BIGINT),
      col(Columns.SHARE_OVERDUE_60, DOUBLE),
      col(Columns.DSO_PERIOD_MONTHS, INT),
      col(Columns.DSO_PERIOD_DAYS, INT),
      col(Columns.DSO_PERIOD_SALES, MONEY),
      col(Columns.DSO_STANDARD, DOUBLE),
      col(Columns.DSO_COUNT_BACK, DOUBLE),
      col(Columns.BPDSO_STANDARD, DOUBLE),
      col(Columns.BPDSO_COUNT_BACK, DOUBLE),
      col(Columns.ADD_STANDARD, DOUBLE),
      col(Columns.ADD_COUNT_BACK, DOUBLE),
      col(Columns.CEI_PERIOD_MONTHS, INT),
      col(Columns.CEI_AR_BEGIN, MONEY),
      col(Columns.CEI_PERIOD_SALES, MONEY),
      col(Columns.CEI, DOUBLE),
      col(Columns.HISTORY_COMPLETE, BOOLEAN),
      col(Columns.CAVEATS, arrayOf(STRING)),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * The monthly credit sales kept between KPI runs, so that a new month does not re-read every
   * invoice.
   */
  KPI_SALES_HISTORY(
      "kpi_sales_history",
      List.of(),
      "encours analytics --from YYYY-MM --to YYYY-MM --monthly",
      col(Columns.LEVEL, STRING),
      col(Columns.ENTITY_ID, STRING),
      col(Columns.FIRST_MONTH, DATE),
      col(Columns.MONTHLY_SALES, arrayOf(MONEY)),
      col(Columns.THROUGH, DATE),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * One row per invoice open or recently issued at the as-of date: probabilities of paying late,
   * expected days late, payment date quantiles, grade.
   */
  INVOICE_SCORES(
      "invoice_scores",
      List.of(Columns.AS_OF_DATE),
      "encours score (the late-payment scoring job)",
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.INVOICE_ID, STRING),
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.ISSUE_DATE, DATE),
      col(Columns.DUE_DATE, DATE),
      col(Columns.AMOUNT, MONEY),
      col(Columns.OPEN_AMOUNT, MONEY),
      col(Columns.DAYS_PAST_DUE, INT),
      col(Columns.PROBABILITY_LATE_30D, DOUBLE),
      col(Columns.PROBABILITY_LATE_0D, DOUBLE),
      col(Columns.PROBABILITY_BASIS_30D, STRING),
      col(Columns.PD_AT_ISSUE_30D, DOUBLE),
      col(Columns.PD_AT_ISSUE_0D, DOUBLE),
      col(Columns.EXPECTED_DAYS_LATE, DOUBLE),
      col(Columns.PAYMENT_DATE_P10, DATE),
      col(Columns.PAYMENT_DATE_P50, DATE),
      col(Columns.PAYMENT_DATE_P90, DATE),
      col(Columns.GRADE, STRING),
      col(Columns.MODEL_VERSION, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * One row per customer known at the as-of date: probability of paying its next invoice 30 days
   * late, points, grade, reasons, exposure.
   */
  CUSTOMER_SCORES(
      "customer_scores",
      List.of(Columns.AS_OF_DATE),
      "encours score (the late-payment scoring job)",
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.PROBABILITY_LATE_30D, DOUBLE),
      col(Columns.PROBABILITY_LATE_0D, DOUBLE),
      col(Columns.POINTS, INT),
      col(Columns.GRADE, STRING),
      col(
          Columns.REASONS,
          arrayOf(
              structOf(
                  col(Columns.RANK, INT),
                  col(Columns.REASON, STRING),
                  col(Columns.FEATURE, STRING),
                  col(Columns.POINTS, DOUBLE)))),
      col(Columns.OPEN_ITEMS, DOUBLE),
      col(Columns.EXPOSURE, MONEY),
      col(Columns.OVERDUE_EXPOSURE, MONEY),
      col(Columns.EXPECTED_LOSS, MONEY),
      col(Columns.MODEL_VERSION, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * Population stability of the score and the drift features against the model's training profile.
   */
  SCORE_DRIFT(
      "score_drift",
      List.of(Columns.AS_OF_DATE),
      "encours score (the late-payment scoring job)",
      col(Columns.VARIABLE, STRING),
      col(Columns.PSI, DOUBLE),
      col(Columns.STATUS, STRING),
      col(Columns.REFERENCE_ROWS, BIGINT),
      col(Columns.CURRENT_ROWS, BIGINT),
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.MODEL_VERSION, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /** The per-customer walk state a later score goes on from (kept for the latest date only). */
  PAYMENT_BEHAVIOUR_STATE(
      "payment_behaviour_state",
      List.of(Columns.AS_OF_DATE),
      "encours score (the late-payment scoring job)",
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.WALK_STATE, BINARY),
      col(Columns.OPEN_INVOICE_IDS, arrayOf(STRING)),
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * One row per customer as of the date: deposit, credit limit, terms cap, reminder ladder, blocks
   * and flags from the prevention policy.
   */
  RECOMMENDATIONS(
      "recommendations",
      List.of(Columns.AS_OF_DATE),
      "encours recommend (the prevention policy job)",
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.SCORED, BOOLEAN),
      col(Columns.GRADE, STRING),
      col(Columns.PROBABILITY, DOUBLE),
      col(Columns.DEPOSIT_SHARE, MONEY),
      col(Columns.DEPOSIT_REQUIRED_ABOVE, MONEY),
      col(Columns.CREDIT_LIMIT, MONEY),
      col(Columns.OPEN_EXPOSURE, MONEY),
      col(Columns.MAX_TERMS_DAYS, INT),
      col(Columns.LADDER, STRING),
      col(
          Columns.LADDER_STEPS,
          arrayOf(
              structOf(
                  col(Columns.LABEL, STRING),
                  col(Columns.DAY, INT),
                  col(Columns.ACTION, STRING),
                  col(Columns.CHANNEL, STRING)))),
      col(Columns.BLOCK_ORDERS, BOOLEAN),
      col(Columns.REVIEW_LIMIT, BOOLEAN),
      col(Columns.FLAGS, arrayOf(STRING)),
      col(Columns.REASONS, arrayOf(STRING)),
      col(Columns.POLICY_VERSION, STRING),
      col(Columns.MODEL_VERSION, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT))),

  /**
   * One row per open invoice as of the date: the next dunning action, amounts due with late
   * penalties, limitation.
   */
  DUNNING_PLAN(
      "dunning_plan",
      List.of(Columns.AS_OF_DATE),
      "encours recommend (the prevention policy job)",
      col(Columns.INVOICE_ID, STRING),
      col(Columns.CUSTOMER_ID, STRING),
      col(Columns.AS_OF_DATE, DATE),
      col(Columns.GRADE, STRING),
      col(Columns.LADDER, STRING),
      col(Columns.NEXT_ACTION, STRING),
      col(Columns.NEXT_ACTION_DATE, DATE),
      col(Columns.NEXT_CHANNEL, STRING),
      col(Columns.NEXT_PAYMENT_DEADLINE, DATE),
      col(Columns.OUTSTANDING, MONEY),
      col(Columns.PENALTIES, MONEY),
      col(Columns.INDEMNITY, MONEY),
      col(Columns.AMOUNT_DUE, MONEY),
      col(Columns.PENALTIES_FROM, DATE),
      col(Columns.DAYS_PAST_DUE, BIGINT),
      col(Columns.LIMITATION_DATE, DATE),
      col(Columns.LIMITATION_STATUS, STRING),
      col(
          Columns.STEPS,
          arrayOf(
              structOf(
                  col(Columns.ACTION, STRING),
                  col(Columns.DATE, DATE),
                  col(Columns.CHANNEL, STRING),
                  col(Columns.STATUS, STRING),
                  col(Columns.PAYMENT_DEADLINE, DATE),
                  col(Columns.REASON, STRING)))),
      col(Columns.NOTES, arrayOf(STRING)),
      col(Columns.POLICY_VERSION, STRING),
      col(Columns.MODEL_VERSION, STRING),
      col(Columns.INPUT_VERSIONS, mapOf(STRING, BIGINT)));

  private final String tableName;
  private final List<String> partitionColumns;
  private final String writtenBy;
  private final List<TableColumn> columns;

  DerivedTable(
      String tableName, List<String> partitionColumns, String writtenBy, TableColumn... columns) {
    this.tableName = tableName;
    this.partitionColumns = partitionColumns;
    this.writtenBy = writtenBy;
    this.columns = List.of(columns);
  }

  private static TableColumn col(String name, ColumnType type) {
    return new TableColumn(name, type);
  }

  /** The table's folder name in the warehouse, e.g. {@code customer_scores}. */
  public String tableName() {
    return tableName;
  }

  /** The columns the table is partitioned by (empty when it is not partitioned). */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /** The command a user runs to create or refresh the table. */
  public String writtenBy() {
    return writtenBy;
  }

  /** The columns, in the order the job writes them. */
  public List<TableColumn> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(TableColumn::name).collect(Collectors.toList());
  }

  /** The column named {@code name}, or empty when the table has no such column. */
  public Optional<TableColumn> find(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column named {@code name}; fails naming the table when it has no such column. */
  public TableColumn column(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Table "
                        + tableName
                        + " has no column '"
                        + name
                        + "'; its columns: "
                        + columnNames()));
  }

  /** The table with this warehouse name, or empty. */
  public static Optional<DerivedTable> byName(String name) {
    return Arrays.stream(values()).filter(t -> t.tableName.equals(name)).findFirst();
  }
}
