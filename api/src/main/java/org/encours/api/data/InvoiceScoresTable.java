package org.encours.api.data;

import java.util.ArrayList;
import java.util.List;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * {@code invoice_scores} (invoice_id, customer_id, as_of_date, probability, expected_days_late,
 * payment_date_p10/p50/p90, grade, model_version, input_versions): the latest date; the predicted
 * payment date served is the median one (p50).
 */
final class InvoiceScoresTable implements TableMapping<KeyedIndex<InvoiceScore>> {
  private static final DerivedTable TABLE = DerivedTable.INVOICE_SCORES;

  static final List<ColumnSpec> COLUMNS =
      ColumnSpec.of(
          TABLE,
          List.of(
              Columns.INVOICE_ID,
              Columns.CUSTOMER_ID,
              Columns.AS_OF_DATE,
              Columns.PROBABILITY_LATE_30D),
          List.of(
              Columns.EXPECTED_DAYS_LATE,
              Columns.PAYMENT_DATE_P10,
              Columns.PAYMENT_DATE_P50,
              Columns.PAYMENT_DATE_P90,
              Columns.GRADE,
              Columns.MODEL_VERSION,
              Columns.INPUT_VERSIONS));

  @Override
  public ServedTable table() {
    return ServedTable.INVOICE_SCORES;
  }

  @Override
  public List<ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public Builder<KeyedIndex<InvoiceScore>> builder() {
    return new Builder<>() {
      private final Interner interner = new Interner();
      private final List<InvoiceScore> rows = new ArrayList<>();

      @Override
      public void add(RowView row) {
        rows.add(
            new InvoiceScore(
                row.string(Columns.INVOICE_ID),
                row.string(Columns.CUSTOMER_ID),
                row.epochDay(Columns.AS_OF_DATE),
                row.dbl(Columns.PROBABILITY_LATE_30D),
                row.dbl(Columns.EXPECTED_DAYS_LATE),
                row.epochDay(
                    Columns.PAYMENT_DATE_P50), // the predicted payment date is the median one
                row.epochDay(Columns.PAYMENT_DATE_P10),
                row.epochDay(Columns.PAYMENT_DATE_P50),
                row.epochDay(Columns.PAYMENT_DATE_P90),
                interner.intern(row.string(Columns.GRADE)),
                interner.intern(row.string(Columns.MODEL_VERSION)),
                CustomerScoresTable.inputVersions(row, interner)));
      }

      @Override
      public KeyedIndex<InvoiceScore> build() {
        return new KeyedIndex<>(rows, InvoiceScore::invoiceId, new InvoiceScore[0]);
      }
    };
  }
}
