package org.encours.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.analytics.PaymentBehaviourFeatures;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The score of a month end going on from the previous month end's kept walk state and model outputs
 * gives the rows of a score from the whole history, also when rows arrived late or were corrected
 * in between. On a generated ledger scored at 2026-08-31, then changed as a late batch would: a
 * payment dated in August, an amount corrected on a 2025 invoice, a dunning event dated in August,
 * a customer's sector changed, a refund in September on an invoice settled long before, a dispute
 * raised in September on a closed invoice, and a new invoice issued and partly paid in September.
 * Those customers but the last are walked whole; every other one goes on from its state.
 */
class IncrementalScoreTest {
  static final LocalDate D0 = LocalDate.parse("2026-08-31");
  static final LocalDate D = LocalDate.parse("2026-09-30");
  static Warehouse warehouse;
  static ModelRegistry registry;
  static String goingOnLog;
  static Map<String, List<String>> goingOn;
  static Map<String, List<String>> whole;

  @BeforeAll
  static void scoreTwoMonthEnds() throws Exception {
    TinyLedger.Trained trained = TinyLedger.trainedCopy();
    warehouse = trained.warehouse();
    registry = trained.registry();
    new ScoreJob(warehouse, registry, null).asOf(D0).execute();
    lateBatch();
    StringWriter log = new StringWriter();
    new ScoreJob(warehouse, registry, new PrintWriter(log)).asOf(D).execute();
    goingOnLog = log.toString();
    goingOn = written();
    new ScoreJob(warehouse, registry, null).asOf(D).fromWholeHistory().execute();
    whole = written();
  }

  /** The changes of a late batch, each on another customer (see the class comment). */
  static void lateBatch() {
    List<String> used = new ArrayList<>();
    Dataset<Row> openAtD0 =
        warehouse
            .read(ScoreJob.INVOICE_SCORES)
            .filter(col("as_of_date").equalTo(lit(Date.valueOf(D0))));
    Row open = pick(openAtD0.filter(col("open_amount").gt(10)), used);
    Dataset<Row> closedAtD0 =
        warehouse
            .read(CanonicalTable.INVOICES)
            .filter(
                col("doc_type")
                    .equalTo("invoice")
                    .and(col("issue_date").lt(lit(Date.valueOf("2026-01-01")))))
            .join(openAtD0.select("invoice_id"), new String[] {"invoice_id"}, "left_anti");
    Row corrected = pick(closedAtD0, used);
    Row dunned = pick(closedAtD0, used);
    Row resectored = pick(closedAtD0, used);
    Row refunded = pick(closedAtD0, used);
    Row disputed = pick(closedAtD0.filter(col("disputed").equalTo(false)), used);
    Row invoicedAgain = pick(closedAtD0, used);

    sql(
        "INSERT INTO %s VALUES ('P-LATE', '%s', DATE'2026-08-20', 1.00, 'late')",
        CanonicalTable.PAYMENTS, text(open, "invoice_id"));
    sql(
        "UPDATE %s SET amount = amount + 1.00 WHERE invoice_id = '%s'",
        CanonicalTable.INVOICES, text(corrected, "invoice_id"));
    sql(
        "INSERT INTO %s VALUES ('D-LATE', '%s', '%s', DATE'2026-08-25', 'formal_notice', 'letter', NULL, 'late')",
        CanonicalTable.DUNNING_EVENTS, text(dunned, "invoice_id"), text(dunned, "customer_id"));
    sql(
        "UPDATE %s SET sector = 'changed' WHERE customer_id = '%s'",
        CanonicalTable.CUSTOMERS, text(resectored, "customer_id"));
    sql(
        "INSERT INTO %s VALUES ('P-REFUND', '%s', DATE'2026-09-10', -5.00, 'late')",
        CanonicalTable.PAYMENTS, text(refunded, "invoice_id"));
    sql(
        "UPDATE %s SET disputed = true, dispute_date = DATE'2026-09-12' WHERE invoice_id = '%s'",
        CanonicalTable.INVOICES, text(disputed, "invoice_id"));
    sql(
        "INSERT INTO %s VALUES ('INV-SEP', '%s', DATE'2026-09-15', DATE'2026-10-15', 800.00, 'EUR', 'invoice', 'paper', false, NULL, NULL, 'late')",
        CanonicalTable.INVOICES, text(invoicedAgain, "customer_id"));
    sql(
        "INSERT INTO %s VALUES ('P-SEP', 'INV-SEP', DATE'2026-09-20', 300.00, 'late')",
        CanonicalTable.PAYMENTS);
  }

  private static String text(Row r, String column) {
    return r.getAs(column);
  }

  private static Row pick(Dataset<Row> invoices, List<String> used) {
    Row r =
        invoices
            .filter(col("customer_id").isin(used.toArray()).unary_$bang())
            .orderBy("invoice_id")
            .first();
    used.add(text(r, "customer_id"));
    return r;
  }

  private static void sql(String template, CanonicalTable table, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = "delta.`" + warehouse.path(table) + "`";
    System.arraycopy(args, 0, all, 1, args.length);
    SharedSpark.session().sql(String.format(template, all));
  }

  /** The rows of D in every score table, and the kept state and model outputs, as sorted text. */
  static Map<String, List<String>> written() {
    Map<String, Dataset<Row>> tables = new TreeMap<>();
    for (String t :
        List.of(ScoreJob.INVOICE_SCORES, ScoreJob.CUSTOMER_SCORES, ScoreJob.SCORE_DRIFT)) {
      tables.put(t, warehouse.read(t).filter(col("as_of_date").equalTo(lit(Date.valueOf(D)))));
    }
    tables.put(
        IncrementalScore.STATE_TABLE,
        warehouse
            .read(IncrementalScore.STATE_TABLE)
            .filter(col("as_of_date").equalTo(lit(Date.valueOf(D))))
            .withColumn(
                PaymentBehaviourFeatures.STATE_COLUMN,
                hex(col(PaymentBehaviourFeatures.STATE_COLUMN)))
            .withColumn(
                PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN,
                sort_array(col(PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN))));
    tables.put(IncrementalScore.OUTPUTS_TABLE, warehouse.read(IncrementalScore.OUTPUTS_TABLE));
    Map<String, List<String>> rows = new TreeMap<>();
    tables.forEach(
        (name, rowsOfD) ->
            rows.put(name, rowsOfD.collectAsList().stream().map(Row::toString).sorted().toList()));
    return rows;
  }

  @Test
  void theScoreGoesOnFromTheLastMonthEndAndWalksTheChangedCustomersWhole() {
    assertThat(goingOnLog)
        .contains("went on from the score of 2026-08-31", "6 walked whole", "change data feed");
    assertThat(whole.get(ScoreJob.INVOICE_SCORES)).anyMatch(r -> r.contains("INV-SEP"));
  }

  @Test
  void everyRowEqualsThatOfAScoreFromTheWholeHistory() {
    assertThat(goingOn.get(ScoreJob.INVOICE_SCORES)).hasSizeGreaterThan(20);
    assertThat(goingOn.get(ScoreJob.CUSTOMER_SCORES)).hasSizeGreaterThan(10);
    assertThat(goingOn.keySet()).isEqualTo(whole.keySet());
    for (String table : whole.keySet()) {
      List<String> more = new ArrayList<>(goingOn.get(table));
      more.removeAll(whole.get(table));
      List<String> fewer = new ArrayList<>(whole.get(table));
      fewer.removeAll(goingOn.get(table));
      assertThat(more).as("rows of %s going on, not from the whole history", table).isEmpty();
      assertThat(fewer).as("rows of %s from the whole history, not going on", table).isEmpty();
      assertThat(goingOn.get(table)).as(table).isEqualTo(whole.get(table));
    }
  }

  @Test
  void onlyTheStatesOfTheLastTwoDatesAreKept() {
    List<Row> dates =
        warehouse
            .read(IncrementalScore.STATE_TABLE)
            .select("as_of_date")
            .distinct()
            .orderBy("as_of_date")
            .collectAsList();
    assertThat(dates).extracting(r -> r.getDate(0).toLocalDate()).containsExactly(D0, D);
  }
}
