package org.encours.api.data;

import static org.encours.api.data.ColumnSpec.Kind.DATE;
import static org.encours.api.data.ColumnSpec.Kind.MAP;
import static org.encours.api.data.ColumnSpec.Kind.NUMBER;
import static org.encours.api.data.ColumnSpec.Kind.STRING;
import static org.encours.api.data.ColumnSpec.Kind.TIMESTAMP;
import static org.encours.api.data.ColumnSpec.optional;
import static org.encours.api.data.ColumnSpec.required;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code invoice_scores} (invoice_id, customer_id, as_of_date, probability, expected_days_late,
 * predicted_payment_date, payment_date_p10/p50/p90, grade, model_version, input_versions): the
 * latest date.
 */
final class InvoiceScoresTable implements TableMapping<KeyedIndex<InvoiceScore>> {
  static final List<ColumnSpec> COLUMNS =
      List.of(
          required("invoice_id", STRING),
          required("customer_id", STRING),
          required("as_of_date", DATE),
          required("probability_late_30d", NUMBER),
          optional("expected_days_late", NUMBER),
          optional("predicted_payment_date", TIMESTAMP),
          optional("payment_date_p10", TIMESTAMP),
          optional("payment_date_p50", TIMESTAMP),
          optional("payment_date_p90", TIMESTAMP),
          optional("grade", STRING),
          optional("model_version", STRING),
          optional("input_versions", MAP));

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
                row.string("invoice_id"),
                row.string("customer_id"),
                row.epochDay("as_of_date"),
                row.dbl("probability_late_30d"),
                row.dbl("expected_days_late"),
                row.epochDay("predicted_payment_date"),
                row.epochDay("payment_date_p10"),
                row.epochDay("payment_date_p50"),
                row.epochDay("payment_date_p90"),
                interner.intern(row.string("grade")),
                interner.intern(row.string("model_version")),
                CustomerScoresTable.inputVersions(row, interner)));
      }

      @Override
      public KeyedIndex<InvoiceScore> build() {
        return new KeyedIndex<>(rows, InvoiceScore::invoiceId, new InvoiceScore[0]);
      }
    };
  }
}
