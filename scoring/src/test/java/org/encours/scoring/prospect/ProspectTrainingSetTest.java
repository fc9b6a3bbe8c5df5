package org.encours.scoring.prospect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.encours.core.prospect.PeerCount;
import org.encours.core.prospect.ProspectFeatures;
import org.encours.core.prospect.ProspectRow;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.junit.jupiter.api.Test;

/**
 * First-invoice rows on a hand-built ledger (T = 30). Outcomes, worked out by hand:
 *
 * <pre>
 * invoice  customer issue      due        paid                      settled    due+30     late known
 * A1       A        2024-01-10 2024-02-09 100 on 02-20              2024-02-20 2024-03-10 0    2024-02-20
 * A2       A        2024-02-01 2024-03-02 100 on 03-10, 100 on 04-15 2024-04-15 2024-04-01 1    2024-04-02
 * A3       A        2024-06-01 2024-07-01 60 on 06-01               2024-06-01 2024-07-31 0    2024-06-01
 * B1       B        2024-01-05 2024-02-04 never                     -          2024-03-05 1    2024-03-06
 * B2       B        2024-07-01 2024-07-31 never                     -          2024-08-30 1    2024-08-31
 * C1       C        2024-03-01 2024-03-31 80 on 03-25               2024-03-25 2024-04-30 0    2024-03-25
 * CN       C        credit note 2024-04-01 (not an invoice: left out)
 * N1       N        2024-06-01 2024-07-01 500 on 08-15              2024-08-15 2024-07-31 1    2024-08-01
 * N2       N        2024-06-01 2024-07-01 40 on 06-10               2024-06-10 2024-07-31 0    2024-06-10
 * </pre>
 *
 * Customers: A construction / micro / FR (created 2020-01-01), B construction / small / FR, C IT
 * services / micro / " it" (lower case, padded: normalised to "it"), N construction / micro / IT
 * (created 2024-05-01; its first invoice is N1, the smaller id of its two same-day invoices).
 */
class ProspectTrainingSetTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

  static Date d(String iso) {
    return Date.valueOf(iso);
  }

  static Row invoice(
      String id, String customer, String issue, String due, String amount, String docType) {
    return RowFactory.create(
        id,
        customer,
        d(issue),
        d(due),
        new BigDecimal(amount).setScale(2),
        "EUR",
        docType,
        "electronic",
        false,
        null,
        null);
  }

  static List<Row> invoiceRows() {
    return new ArrayList<>(
        List.of(
            invoice("A1", "A", "2024-01-10", "2024-02-09", "100", "invoice"),
            invoice("A2", "A", "2024-02-01", "2024-03-02", "200", "invoice"),
            invoice("A3", "A", "2024-06-01", "2024-07-01", "60", "invoice"),
            invoice("B1", "B", "2024-01-05", "2024-02-04", "50", "invoice"),
            invoice("B2", "B", "2024-07-01", "2024-07-31", "70", "invoice"),
            invoice("C1", "C", "2024-03-01", "2024-03-31", "80", "invoice"),
            invoice("CN", "C", "2024-04-01", "2024-04-01", "-10", "credit_note"),
            invoice("N1", "N", "2024-06-01", "2024-07-01", "500", "invoice"),
            invoice("N2", "N", "2024-06-01", "2024-07-01", "40", "invoice")));
  }

  static Row payment(String id, String invoice, String date, String amount) {
    return RowFactory.create(id, invoice, d(date), new BigDecimal(amount).setScale(2));
  }

  static List<Row> paymentRows() {
    return new ArrayList<>(
        List.of(
            payment("P1", "A1", "2024-02-20", "100"),
            payment("P2", "A2", "2024-03-10", "100"),
            payment("P3", "A2", "2024-04-15", "100"),
            payment("P4", "A3", "2024-06-01", "60"),
            payment("P5", "C1", "2024-03-25", "80"),
            payment("P6", "N1", "2024-08-15", "500"),
            payment("P7", "N2", "2024-06-10", "40")));
  }

  static Row customer(String id, String country, String sector, String size, String created) {
    return RowFactory.create(
        id, id, country, sector, size, created == null ? null : d(created), null, null, 30);
  }

  static Dataset<Row> customers() {
    return frame(
        List.of(
            customer("A", "FR", "construction", "micro", "2020-01-01"),
            customer("B", "FR", "construction", "small", null),
            customer("C", " it", "it_services", "micro", null),
            customer("N", "IT", "Construction", "micro", "2024-05-01")),
        CanonicalTable.CUSTOMERS);
  }

  static Dataset<Row> frame(List<Row> rows, CanonicalTable table) {
    SparkSession spark = SharedSpark.session();
    return spark.createDataFrame(rows, table.businessSchema());
  }

  static Dataset<Row> outcomes(List<Row> invoices, List<Row> payments, LocalDate asOf) {
    return FirstInvoiceOutcomes.outcomes(
        frame(invoices, CanonicalTable.INVOICES),
        frame(payments, CanonicalTable.PAYMENTS),
        asOf,
        30);
  }

  static Map<String, Row> byKey(Dataset<Row> rows, String key) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs(key), r -> r));
  }

  @Test
  void outcomesFollowTheLabelRule() {
    Map<String, Row> o = byKey(outcomes(invoiceRows(), paymentRows(), AS_OF), "invoice_id");
    assertThat(o).doesNotContainKey("CN");
    assertThat(o.get("A1").<Integer>getAs("late")).isZero();
    assertThat(o.get("A1").<Date>getAs("known_date")).isEqualTo(d("2024-02-20"));
    assertThat(o.get("A2").<Integer>getAs("late")).isEqualTo(1);
    assertThat(o.get("A2").<Date>getAs("settled_date")).isEqualTo(d("2024-04-15"));
    assertThat(o.get("A2").<Date>getAs("known_date")).isEqualTo(d("2024-04-02"));
    assertThat(o.get("B1").<Integer>getAs("late")).isEqualTo(1);
    assertThat(o.get("B1").<Date>getAs("known_date"))
        .isEqualTo(d("2024-03-06")); // 2024 is a leap year
    assertThat(o.get("N1").<Date>getAs("known_date")).isEqualTo(d("2024-08-01"));
  }

  @Test
  void firstInvoiceIsTheEarliestThenTheSmallestId() {
    Dataset<Row> first =
        FirstInvoiceOutcomes.firstInvoices(
            outcomes(invoiceRows(), paymentRows(), AS_OF), customers());
    Map<String, Row> f = byKey(first, "customer_id");
    assertThat(f.keySet()).containsExactlyInAnyOrder("A", "B", "C", "N");
    assertThat(f.get("A").<String>getAs("invoice_id")).isEqualTo("A1");
    assertThat(f.get("C").<String>getAs("invoice_id")).isEqualTo("C1");
    assertThat(f.get("N").<String>getAs("invoice_id")).isEqualTo("N1");
    assertThat(f.get("N").<Integer>getAs("terms_days")).isEqualTo(30);
    assertThat(f.get("N").<Date>getAs("created_date")).isEqualTo(d("2024-05-01"));
  }

  @Test
  void peerCountsUseOnlyOthersOutcomesKnownBeforeTheDate() {
    Dataset<Row> o = outcomes(invoiceRows(), paymentRows(), AS_OF);
    Dataset<Row> points =
        frame(
            List.of(
                RowFactory.create("N", d("2024-06-01"), "Construction", "micro", "IT"),
                RowFactory.create("A", d("2024-06-01"), "construction", "micro", "FR")),
            org.apache.spark.sql.types.DataTypes.createStructType(
                List.of(
                    org.apache.spark.sql.types.DataTypes.createStructField(
                        "customer_id", org.apache.spark.sql.types.DataTypes.StringType, false),
                    org.apache.spark.sql.types.DataTypes.createStructField(
                        "point_date", org.apache.spark.sql.types.DataTypes.DateType, false),
                    org.apache.spark.sql.types.DataTypes.createStructField(
                        "sector", org.apache.spark.sql.types.DataTypes.StringType, true),
                    org.apache.spark.sql.types.DataTypes.createStructField(
                        "size_band", org.apache.spark.sql.types.DataTypes.StringType, true),
                    org.apache.spark.sql.types.DataTypes.createStructField(
                        "country", org.apache.spark.sql.types.DataTypes.StringType, true))));
    Map<String, Row> c =
        byKey(FirstInvoiceOutcomes.peerCounts(points, o, customers()), "customer_id");
    // N on 2024-06-01: known before: A1 (0), A2 (1), B1 (1), C1 (0). A3 is known ON 06-01 (not
    // before),
    // N2 on 06-10 (own, later), B2 and N1 in the future.
    assertThat(counts(c.get("N"), "global")).isEqualTo(new PeerCount(4, 2));
    assertThat(counts(c.get("N"), "sector"))
        .isEqualTo(new PeerCount(3, 2)); // construction: A1, A2, B1
    assertThat(counts(c.get("N"), "size_band")).isEqualTo(new PeerCount(3, 1)); // micro: A1, A2, C1
    assertThat(counts(c.get("N"), "country")).isEqualTo(new PeerCount(1, 0)); // " it" == "IT": C1
    // A on the same day: its own A1 and A2 are left out of every group
    assertThat(counts(c.get("A"), "global")).isEqualTo(new PeerCount(2, 1)); // B1, C1
    assertThat(counts(c.get("A"), "sector")).isEqualTo(new PeerCount(1, 1)); // B1
    assertThat(counts(c.get("A"), "size_band")).isEqualTo(new PeerCount(1, 0)); // C1
    assertThat(counts(c.get("A"), "country")).isEqualTo(new PeerCount(1, 1)); // FR: B1
  }

  static Dataset<Row> frame(List<Row> rows, org.apache.spark.sql.types.StructType schema) {
    return SharedSpark.session().createDataFrame(rows, schema);
  }

  static PeerCount counts(Row r, String prefix) {
    return new PeerCount(r.<Long>getAs(prefix + "_n"), r.<Long>getAs(prefix + "_late"));
  }

  @Test
  void labelsAreKnownOnlyOnceSettledOrPastDuePlusT() {
    LocalDate early = LocalDate.of(2024, 7, 15);
    Map<String, Row> o = byKey(outcomes(invoiceRows(), paymentRows(), early), "invoice_id");
    // N1: paid 08-15 is after the as-of date, due + 30 = 07-31 is too: not known on 07-15
    assertThat(o.get("N1").<Date>getAs("settled_date")).isNull();
    assertThat(o.get("N1").<Date>getAs("known_date")).isAfter(Date.valueOf(early));
    // N2: settled on time on 06-10, known
    assertThat(o.get("N2").<Date>getAs("known_date")).isEqualTo(d("2024-06-10"));
    Map<String, Row> set =
        byKey(
            TrainProspectsJob.trainingSet(
                outcomes(invoiceRows(), paymentRows(), early), customers(), early, 30, 0, 0),
            "customer_id");
    assertThat(set.get("N").<Boolean>getAs("label_known")).isFalse();
    assertThat(set.get("N").<Boolean>getAs("window_complete")).isFalse();
    assertThat(set.get("N").<Boolean>getAs("eligible")).isFalse();
    // A1: due 02-09 + 30 = 03-10, before 07-15: complete and kept
    assertThat(set.get("A").<Boolean>getAs("eligible")).isTrue();
    // burn-in of 90 days from the ledger's first issue date (2024-01-05) leaves out A, B (January)
    // but not C (March)
    Map<String, Row> burnt =
        byKey(
            TrainProspectsJob.trainingSet(
                outcomes(invoiceRows(), paymentRows(), AS_OF), customers(), AS_OF, 30, 90, 0),
            "customer_id");
    assertThat(burnt.get("A").<Boolean>getAs("after_burn_in")).isFalse();
    assertThat(burnt.get("C").<Boolean>getAs("after_burn_in")).isFalse(); // 03-01 < 04-04
    assertThat(burnt.get("N").<Boolean>getAs("after_burn_in")).isTrue();
  }

  @Test
  void eventsAfterTheFirstInvoiceDateLeaveItsFeaturesUnchanged() {
    ProspectRow before = row(invoiceRows(), paymentRows());
    // Change the future of 2024-06-01: B1 paid after all (07-01), B2 paid, a new customer's
    // invoices,
    // N's own later payments, a bigger A3.
    List<Row> invoices = invoiceRows();
    invoices.removeIf(r -> r.getString(0).equals("A3"));
    invoices.add(invoice("A3", "A", "2024-06-01", "2024-07-01", "999", "invoice"));
    invoices.add(invoice("Z1", "B", "2024-06-02", "2024-06-03", "10", "invoice"));
    List<Row> payments = paymentRows();
    payments.add(payment("P8", "B1", "2024-07-01", "50"));
    payments.add(payment("P9", "B2", "2024-07-02", "70"));
    payments.add(payment("P10", "Z1", "2024-06-02", "10"));
    payments.removeIf(r -> r.getString(0).equals("P7"));
    ProspectRow after = row(invoices, payments);
    ProspectFeatures.Vector v1 =
        ProspectFeatures.encode(before.prospect(), before.date(), before.peers(), 50);
    ProspectFeatures.Vector v2 =
        ProspectFeatures.encode(after.prospect(), after.date(), after.peers(), 50);
    assertThat(Arrays.asList(v2.names())).isEqualTo(Arrays.asList(v1.names()));
    assertThat(v2.values()).containsExactly(v1.values());
    assertThat(after.peers()).isEqualTo(before.peers());
  }

  static ProspectRow row(List<Row> invoices, List<Row> payments) {
    Dataset<Row> set =
        TrainProspectsJob.trainingSet(
            outcomes(invoices, payments, AS_OF), customers(), AS_OF, 30, 0, 0);
    return TrainProspectsJob.toRow(set.filter("customer_id = 'N'").first());
  }
}
