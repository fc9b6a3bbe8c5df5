package org.encours.api.data;

import static org.encours.api.data.ColumnSpec.Kind.ARRAY;
import static org.encours.api.data.ColumnSpec.Kind.DATE;
import static org.encours.api.data.ColumnSpec.Kind.INTEGER;
import static org.encours.api.data.ColumnSpec.Kind.MAP;
import static org.encours.api.data.ColumnSpec.Kind.NUMBER;
import static org.encours.api.data.ColumnSpec.Kind.STRING;
import static org.encours.api.data.ColumnSpec.optional;
import static org.encours.api.data.ColumnSpec.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code customer_scores} (customer_id, as_of_date, probability, points, grade, reasons
 * array&lt;struct&lt;text, contribution&gt;&gt;, exposure, expected_loss, model_version,
 * input_versions; partitioned by as_of_date, one partition per scoring date): the latest date is
 * served.
 */
final class CustomerScoresTable implements TableMapping<KeyedIndex<CustomerScore>> {
  static final List<ColumnSpec> COLUMNS =
      List.of(
          required("customer_id", STRING),
          required("as_of_date", DATE),
          required("probability_late_30d", NUMBER),
          optional("points", INTEGER),
          required("grade", STRING),
          optional("reasons", ARRAY),
          optional("exposure", NUMBER),
          optional("expected_loss", NUMBER),
          optional("model_version", STRING),
          optional("input_versions", MAP));

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
    Reasons reasons = Reasons.of(row.value("reasons"), interner);
    return new CustomerScore(
        row.string("customer_id"),
        row.epochDay("as_of_date"),
        row.dbl("probability_late_30d"),
        (int) row.lng("points", Integer.MIN_VALUE),
        interner.intern(row.string("grade")),
        reasons.texts(),
        reasons.contributions(),
        row.cents("exposure"),
        row.cents("expected_loss"),
        interner.intern(row.string("model_version")),
        inputVersions(row, interner));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Long> inputVersions(RowView row, Interner interner) {
    Object value = row.value("input_versions");
    return value == null ? Map.of() : interner.intern((Map<String, Long>) value);
  }
}
