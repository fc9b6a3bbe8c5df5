package org.encours.api.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * {@code customer_scores} (customer_id, as_of_date, probability, points, grade, reasons
 * array&lt;struct&lt;text, contribution&gt;&gt;, exposure, expected_loss, model_version,
 * input_versions; partitioned by as_of_date, one partition per scoring date): the latest date is
 * served.
 */
final class CustomerScoresTable implements TableMapping<KeyedIndex<CustomerScore>> {
  private static final DerivedTable TABLE = DerivedTable.CUSTOMER_SCORES;

  static final List<ColumnSpec> COLUMNS =
      ColumnSpec.of(
          TABLE,
          List.of(
              Columns.CUSTOMER_ID, Columns.AS_OF_DATE, Columns.PROBABILITY_LATE_30D, Columns.GRADE),
          List.of(
              Columns.POINTS,
              Columns.REASONS,
              Columns.EXPOSURE,
              Columns.EXPECTED_LOSS,
              Columns.MODEL_VERSION,
              Columns.INPUT_VERSIONS));

  @Override
  public ServedTable table() {
    return ServedTable.CUSTOMER_SCORES;
  }

  @Override
  public List<ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public Builder<KeyedIndex<CustomerScore>> builder() {
    return new Builder<>() {
      private final Interner interner = new Interner();
      private final List<CustomerScore> rows = new ArrayList<>();

      @Override
      public void add(RowView row) {
        rows.add(map(row, interner));
      }

      @Override
      public KeyedIndex<CustomerScore> build() {
        return new KeyedIndex<>(rows, CustomerScore::customerId, new CustomerScore[0]);
      }
    };
  }

  static CustomerScore map(RowView row, Interner interner) {
    Reasons reasons = Reasons.of(row.value(Columns.REASONS), interner);
    return new CustomerScore(
        row.string(Columns.CUSTOMER_ID),
        row.epochDay(Columns.AS_OF_DATE),
        row.dbl(Columns.PROBABILITY_LATE_30D),
        (int) row.lng(Columns.POINTS, Integer.MIN_VALUE),
        interner.intern(row.string(Columns.GRADE)),
        reasons.texts(),
        reasons.contributions(),
        row.cents(Columns.EXPOSURE),
        row.cents(Columns.EXPECTED_LOSS),
        interner.intern(row.string(Columns.MODEL_VERSION)),
        inputVersions(row, interner));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Long> inputVersions(RowView row, Interner interner) {
    Object value = row.value(Columns.INPUT_VERSIONS);
    return value == null ? Map.of() : interner.intern((Map<String, Long>) value);
  }
}
