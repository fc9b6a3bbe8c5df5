package org.encours.api.data;

import java.util.ArrayList;
import java.util.List;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * {@code recommendations} (customer_id, as_of_date, scored, grade, probability, deposit_share,
 * deposit_required_above, credit_limit, open_exposure, max_terms_days, block_orders, ladder, flags,
 * reasons, policy_version, model_version, input_versions).
 */
final class RecommendationsTable implements TableMapping<KeyedIndex<Recommendation>> {
  private static final DerivedTable TABLE = DerivedTable.RECOMMENDATIONS;

  static final List<ColumnSpec> COLUMNS =
      ColumnSpec.of(
          TABLE,
          List.of(
              Columns.CUSTOMER_ID,
              Columns.AS_OF_DATE,
              Columns.SCORED,
              Columns.DEPOSIT_SHARE,
              Columns.DEPOSIT_REQUIRED_ABOVE,
              Columns.CREDIT_LIMIT,
              Columns.OPEN_EXPOSURE,
              Columns.MAX_TERMS_DAYS,
              Columns.BLOCK_ORDERS),
          List.of(
              Columns.GRADE,
              Columns.PROBABILITY,
              Columns.LADDER,
              Columns.FLAGS,
              Columns.REASONS,
              Columns.POLICY_VERSION,
              Columns.MODEL_VERSION,
              Columns.INPUT_VERSIONS));

  @Override
  public ServedTable table() {
    return ServedTable.RECOMMENDATIONS;
  }

  @Override
  public List<ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public Builder<KeyedIndex<Recommendation>> builder() {
    return new Builder<>() {
      private final Interner interner = new Interner();
      private final List<Recommendation> rows = new ArrayList<>();

      @Override
      public void add(RowView row) {
        rows.add(
            new Recommendation(
                row.string(Columns.CUSTOMER_ID),
                row.epochDay(Columns.AS_OF_DATE),
                Boolean.TRUE.equals(row.value(Columns.SCORED)),
                interner.intern(row.string(Columns.GRADE)),
                row.dbl(Columns.PROBABILITY),
                row.dbl(Columns.DEPOSIT_SHARE),
                row.cents(Columns.DEPOSIT_REQUIRED_ABOVE),
                row.cents(Columns.CREDIT_LIMIT),
                row.cents(Columns.OPEN_EXPOSURE),
                (int) row.lng(Columns.MAX_TERMS_DAYS, Integer.MIN_VALUE),
                Boolean.TRUE.equals(row.value(Columns.BLOCK_ORDERS)),
                interner.intern(row.value(Columns.LADDER)),
                interner.intern(row.value(Columns.FLAGS)),
                interner.intern(row.value(Columns.REASONS)),
                interner.intern(row.string(Columns.POLICY_VERSION)),
                interner.intern(row.string(Columns.MODEL_VERSION)),
                CustomerScoresTable.inputVersions(row, interner)));
      }

      @Override
      public KeyedIndex<Recommendation> build() {
        return new KeyedIndex<>(rows, Recommendation::customerId, new Recommendation[0]);
      }
    };
  }
}
