package org.encours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.ingest.mapping.SourceFormat;
import org.encours.ingest.mapping.SourceMapping;
import org.encours.ingest.mapping.TableFeed;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.junit.jupiter.api.Test;

/**
 * Each row rule, table-driven: a valid row, then one change per case, and the reason it must give.
 * Rows are text, as a CSV export gives them.
 */
class RowRulesTest {
  private static final Map<String, String> VALID_INVOICE = new LinkedHashMap<>();

  static {
    VALID_INVOICE.put("invoice_id", "INV-1");
    VALID_INVOICE.put("customer_id", "C1");
    VALID_INVOICE.put("issue_date", "2024-02-29");
    VALID_INVOICE.put("due_date", "2024-03-30");
    VALID_INVOICE.put("amount", "1200.50");
    VALID_INVOICE.put("currency", "EUR");
    VALID_INVOICE.put("doc_type", "invoice");
    VALID_INVOICE.put("channel", "electronic");
    VALID_INVOICE.put("disputed", "false");
    VALID_INVOICE.put("dispute_date", "");
    VALID_INVOICE.put("terms_code", "NET30");
  }

  private record Case(String column, String value, String reason) {}

  @Test
  void aValidInvoiceHasNoReasonAndKeepsItsExactValues() {
    Row row = invoiceCandidates(List.of(new Case("invoice_id", "INV-1", null))).get(0);
    assertThat(row.getList(row.fieldIndex(RowRules.REASONS))).isEmpty();
    assertThat(row.<Object>getAs("issue_date").toString()).isEqualTo("2024-02-29");
    assertThat(row.<java.math.BigDecimal>getAs("amount")).isEqualByComparingTo("1200.50");
    assertThat(row.<Boolean>getAs("disputed")).isFalse();
    assertThat(row.<Object>getAs("dispute_date")).isNull();
  }

  @Test
  void everyInvoiceRuleGivesItsReasonWithTheOffendingValue() {
    List<Case> cases =
        List.of(
            new Case("invoice_id", "", "invoices.invoice_id is missing"),
            new Case("customer_id", "  ", "invoices.customer_id is missing"),
            new Case(
                "issue_date",
                "2024-02-30",
                "invoices.issue_date: cannot read '2024-02-30' as a date (expected yyyy-MM-dd)"),
            new Case(
                "issue_date",
                "29/02/2024",
                "invoices.issue_date: cannot read '29/02/2024' as a date"),
            new Case(
                "issue_date",
                "0024-02-29",
                "invoices.issue_date: cannot read '0024-02-29' as a date"),
            new Case(
                "amount",
                "12.345",
                "invoices.amount: cannot read '12.345' as an amount with at most 2 decimals"),
            new Case("amount", "12,50", "invoices.amount: cannot read '12,50' as an amount"),
            new Case(
                "amount",
                "99999999999999999.00",
                "invoices.amount: cannot read '99999999999999999.00' as an amount"),
            new Case("amount", "-5.00", "invoices.amount -5.00 must be positive for an invoice"),
            new Case("currency", "EUROS", "invoices.currency 'EUROS' is not an ISO 4217 code"),
            new Case(
                "doc_type",
                "receipt",
                "invoices.doc_type 'receipt' is neither invoice nor credit_note"),
            new Case("disputed", "maybe", "invoices.disputed: cannot read 'maybe' as true/false"),
            new Case(
                "due_date",
                "2024-02-28",
                "invoices.due_date 2024-02-28 is before issue_date 2024-02-29"),
            new Case(
                "dispute_date",
                "2024-01-01",
                "invoices.dispute_date 2024-01-01 is before issue_date 2024-02-29"));
    List<Row> rows = invoiceCandidates(cases);
    for (int i = 0; i < cases.size(); i++) {
      List<String> reasons = rows.get(i).<String>getList(rows.get(i).fieldIndex(RowRules.REASONS));
      String expected = cases.get(i).reason();
      assertThat(reasons).as("case " + cases.get(i)).anyMatch(r -> r.startsWith(expected));
    }
  }

  @Test
  void aCreditNoteMustBeNegativeAndYesNoFlagsAreRead() {
    List<Case> cases =
        List.of(
            new Case(
                "doc_type",
                "credit_note",
                "invoices.amount 1200.50 must be negative for a credit note"));
    Row row = invoiceCandidates(cases).get(0);
    assertThat(row.<String>getList(row.fieldIndex(RowRules.REASONS)))
        .anyMatch(r -> r.startsWith(cases.get(0).reason()));
    Row yes = invoiceCandidates(List.of(new Case("disputed", "Yes", null))).get(0);
    assertThat(yes.<Boolean>getAs("disputed")).isTrue();
  }

  @Test
  void customerRulesCheckCountryLimitsAndTerms() {
    String[] columns = CanonicalTable.CUSTOMERS.businessColumns().toArray(new String[0]);
    List<String[]> rows =
        List.of(
            new String[] {
              "C1", "Acme", "FR", "retail", "small", "2020-01-01", "10000.00", "", "30"
            },
            new String[] {
              "C2", "Beta", "France", "retail", "small", "2020-01-01", "-1.00", "5.001", "400"
            });
    List<Row> result = candidates(CanonicalTable.CUSTOMERS, columns, rows, '.');
    assertThat(result.get(0).getList(result.get(0).fieldIndex(RowRules.REASONS))).isEmpty();
    assertThat(result.get(1).<String>getList(result.get(1).fieldIndex(RowRules.REASONS)))
        .containsExactlyInAnyOrder(
            "customers.country 'France' is not an ISO 3166-1 alpha-2 code",
            "customers.credit_limit -1.00 is negative",
            "customers.insured_limit: cannot read '5.001' as an amount with at most 2 decimals and 16 digits before the point",
            "customers.payment_terms_days 400 is outside 0..365");
  }

  @Test
  void aDecimalCommaSourceReadsThousandsAndCentsExactly() {
    String[] columns = CanonicalTable.PAYMENTS.businessColumns().toArray(new String[0]);
    List<String[]> rows =
        List.of(
            new String[] {"P1", "INV-1", "2024-03-01", "1.234,56"},
            new String[] {"P2", "INV-1", "2024-03-01", "0,00"});
    List<Row> result = candidates(CanonicalTable.PAYMENTS, columns, rows, ',');
    assertThat(result.get(0).<java.math.BigDecimal>getAs("amount")).isEqualByComparingTo("1234.56");
    assertThat(result.get(1).<String>getList(result.get(1).fieldIndex(RowRules.REASONS)))
        .containsExactly("payments.amount is zero (an allocation moves money)");
  }

  private static List<Row> invoiceCandidates(List<Case> cases) {
    String[] columns = VALID_INVOICE.keySet().toArray(new String[0]);
    List<String[]> rows = new ArrayList<>();
    for (Case c : cases) {
      Map<String, String> values = new LinkedHashMap<>(VALID_INVOICE);
      values.put(c.column(), c.value());
      rows.add(values.values().toArray(new String[0]));
    }
    return candidates(CanonicalTable.INVOICES, columns, rows, '.');
  }

  /** Runs the table's row rules over text rows whose columns carry the canonical names. */
  private static List<Row> candidates(
      CanonicalTable table, String[] columns, List<String[]> rows, char decimalSeparator) {
    StructType schema = new StructType().add(RowRules.RECORD_ID, DataTypes.LongType);
    for (String column : columns) {
      schema = schema.add(column, DataTypes.StringType);
    }
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] values = new Object[columns.length + 1];
      values[0] = (long) i;
      System.arraycopy(rows.get(i), 0, values, 1, columns.length);
      data.add(RowFactory.create(values));
    }
    Dataset<Row> records = SharedSpark.session().createDataFrame(data, schema);
    Map<String, String> identity = new LinkedHashMap<>();
    for (String column : columns) {
      identity.put(column, column);
    }
    SourceMapping source =
        new SourceMapping(
            "test",
            "x.csv",
            SourceFormat.CSV,
            false,
            Map.of(),
            List.of("yyyy-MM-dd"),
            decimalSeparator,
            List.of(new TableFeed(table, TableFeed.RepeatedKeys.REJECT, identity)));
    return RowRules.candidates(records, source, source.tables().get(0))
        .orderBy(RowRules.RECORD_ID)
        .collectAsList();
  }
}
