package org.encours.prevention;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.core.UserFacingException;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The policy applied as of 2026-10-31 to a hand-built ledger. C1 (France, customer since 2020) is
 * scored 0.30, grade D; C2 (Germany) has no score: it is treated as a prospect.
 *
 * <pre>
 * I1 C1 issued 2026-08-01 due 2026-08-31 1,200.00, 200.00 paid 2026-09-10, reminders 1 and 2 sent
 * I2 C1 issued 2026-10-01 due 2026-10-31   600.00 open, due today
 * I3 C2 issued 2026-09-01 due 2026-09-30   500.00 open
 * I4 C1 issued 2026-06-01 due 2026-07-01   300.00 paid on its due date (closed)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendJobTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-10-31");
  private Warehouse warehouse;
  private RecommendJob.Result result;

  @BeforeAll
  void runTheJobOnce() {
    warehouse = SharedSpark.newWarehouse();
    write(
        CanonicalTable.CUSTOMERS,
        RowFactory.create(
            "C1",
            "Acme",
            "FR",
            "construction",
            "small",
            date("2020-01-01"),
            eur("50000.00"),
            eur("10000.00"),
            30,
            "b"),
        RowFactory.create(
            "C2",
            "Bau GmbH",
            "DE",
            "construction",
            "micro",
            date("2025-06-01"),
            null,
            null,
            30,
            "b"));
    write(
        CanonicalTable.INVOICES,
        invoice("I1", "C1", "2026-08-01", "2026-08-31", "1200.00"),
        invoice("I2", "C1", "2026-10-01", "2026-10-31", "600.00"),
        invoice("I3", "C2", "2026-09-01", "2026-09-30", "500.00"),
        invoice("I4", "C1", "2026-06-01", "2026-07-01", "300.00"));
    write(
        CanonicalTable.PAYMENTS,
        RowFactory.create("P1", "I1", date("2026-09-10"), eur("200.00"), "b"),
        RowFactory.create("P4", "I4", date("2026-07-01"), eur("300.00"), "b"));
    write(
        CanonicalTable.DUNNING_EVENTS,
        RowFactory.create(
            "D1", "I1", "C1", date("2026-09-05"), "reminder_1", "email", "no_answer", "b"),
        RowFactory.create(
            "D2", "I1", "C1", date("2026-09-15"), "reminder_2", "letter", "no_answer", "b"),
        RowFactory.create(
            "D3",
            "I1",
            "C1",
            date("2026-11-02"),
            "registered_letter",
            "registered_letter",
            null,
            "b")); // after D
    StructType scores =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("as_of_date", DataTypes.DateType)
            .add("probability_late_30d", DataTypes.DoubleType)
            .add("model_version", DataTypes.StringType);
    SharedSpark.session()
        .createDataFrame(
            List.of(RowFactory.create("C1", date("2026-10-31"), 0.30, "m-test")), scores)
        .write()
        .format("delta")
        .save(warehouse.path(RecommendJob.CUSTOMER_SCORES));
    result = new RecommendJob(warehouse, Policy.load(), Progress.silent("t")).run(AS_OF);
  }

  @Test
  void everyCustomerGetsARecommendationAndEveryOpenInvoiceAPlan() {
    assertThat(result.customers()).isEqualTo(2);
    assertThat(result.invoices()).isEqualTo(3); // I1, I2 (due today), I3; I4 is paid
    assertThat(result.inputVersions())
        .containsKeys("invoices", "payments", RecommendJob.CUSTOMER_SCORES);
    Row any = warehouse.read(RecommendJob.DUNNING_PLAN).first();
    assertThat(any.<String, Long>getJavaMap(any.fieldIndex("input_versions")))
        .containsKey("customer_scores");
    assertThat(any.<String>getAs("model_version")).isIn("m-test", null);
  }

  @Test
  void aGradeDCustomerOverdue61DaysGetsADepositASmallLimitAndBlockedOrders() {
    Row c1 = recommendation("C1");
    assertThat(c1.<Boolean>getAs("scored")).isTrue();
    assertThat(c1.<String>getAs("grade")).isEqualTo("D"); // 0.20 < 0.30 <= 0.40
    // open exposure: I1 1,000.00 + I2 600.00
    assertThat(c1.<BigDecimal>getAs("open_exposure")).isEqualByComparingTo("1600.00");
    // sales of the last 12 months 2,100.00 over 5 months with invoices (June..October) = 420.00;
    // grade D: 0.5 month of sales = 210.00, rounded down to the EUR 100 = 200.00 (under the 10,000
    // cover)
    assertThat(c1.<BigDecimal>getAs("credit_limit")).isEqualByComparingTo("200.00");
    assertThat(c1.<BigDecimal>getAs("deposit_share")).isEqualByComparingTo("0.30");
    assertThat(c1.<Integer>getAs("max_terms_days")).isEqualTo(30);
    assertThat(c1.<Boolean>getAs("block_orders")).isTrue(); // 61 days overdue > 30
    assertThat(c1.<String>getAs("ladder")).isEqualTo("compressed");
    assertThat(c1.<String>getList(c1.fieldIndex("reasons"))).isNotEmpty();
  }

  @Test
  void aCustomerWithoutAScoreIsTreatedAsAProspect() {
    Row c2 = recommendation("C2");
    assertThat(c2.<Boolean>getAs("scored")).isFalse();
    assertThat(c2.<String>getAs("grade")).isNull();
    assertThat(c2.<BigDecimal>getAs("deposit_share")).isEqualByComparingTo("0.30");
    assertThat(c2.<Integer>getAs("max_terms_days")).isEqualTo(30);
  }

  @Test
  void thePlanOfAPartlyPaidInvoiceContinuesAfterTheLastReminderSentByTheDate() {
    Row i1 = plan("I1");
    // Compressed ladder, reminders 1 and 2 done (the registered letter of 2026-11-02 is after D):
    // next is the registered letter, planned J+20 = 2026-09-20, behind schedule so dated today.
    assertThat(i1.<String>getAs("next_action")).isEqualTo("registered_letter");
    assertThat(i1.<Object>getAs("next_action_date").toString()).isEqualTo("2026-10-31");
    assertThat(i1.<BigDecimal>getAs("outstanding")).isEqualByComparingTo("1000.00");
    // 2026-H2 rate: ECB 2.15 % + 10 = 12.15 %, actual/365, from 2026-09-01:
    // 1,200.00 x 12.15 % x 10/365 (Sep 1-10) + 1,000.00 x 12.15 % x 51/365 (Sep 11 - Oct 31)
    // = 3.9945 + 16.9767 = 20.97
    assertThat(i1.<BigDecimal>getAs("penalties")).isEqualByComparingTo("20.97");
    assertThat(i1.<BigDecimal>getAs("indemnity")).isEqualByComparingTo("40.00");
    assertThat(i1.<BigDecimal>getAs("amount_due")).isEqualByComparingTo("1060.97");
    assertThat(i1.<Object>getAs("limitation_date").toString()).isEqualTo("2031-08-31");
    assertThat(i1.<Long>getAs("days_past_due")).isEqualTo(61L);
  }

  @Test
  void anInvoiceDueTodayOwesNoPenaltyYet() {
    Row i2 = plan("I2");
    assertThat(i2.<BigDecimal>getAs("penalties")).isEqualByComparingTo("0.00");
    assertThat(i2.<BigDecimal>getAs("amount_due")).isEqualByComparingTo("600.00");
  }

  @Test
  void scoresAreRequiredForTheDate() {
    assertThatThrownBy(
            () ->
                new RecommendJob(warehouse, Policy.load(), Progress.silent("t"))
                    .run(LocalDate.parse("2026-09-30")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("No customer scores as of 2026-09-30")
        .hasMessageContaining("encours score --as-of 2026-09-30");
  }

  private Row recommendation(String customer) {
    return warehouse
        .read(RecommendJob.RECOMMENDATIONS)
        .where(col("customer_id").equalTo(customer))
        .first();
  }

  private Row plan(String invoice) {
    return warehouse
        .read(RecommendJob.DUNNING_PLAN)
        .where(col("invoice_id").equalTo(invoice))
        .first();
  }

  private void write(CanonicalTable table, Row... rows) {
    Dataset<Row> df = SharedSpark.session().createDataFrame(List.of(rows), table.storedSchema());
    df.write().format("delta").save(warehouse.path(table));
  }

  private static Row invoice(String id, String customer, String issue, String due, String amount) {
    return RowFactory.create(
        id,
        customer,
        date(issue),
        date(due),
        eur(amount),
        "EUR",
        "invoice",
        "paper",
        false,
        null,
        "NET30",
        "b");
  }

  private static Date date(String iso) {
    return Date.valueOf(iso);
  }

  private static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }
}
