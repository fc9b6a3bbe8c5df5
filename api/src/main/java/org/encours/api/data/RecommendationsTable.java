package org.encours.api.data;

import static org.encours.api.data.ColumnSpec.Kind.ANY;
import static org.encours.api.data.ColumnSpec.Kind.BOOLEAN;
import static org.encours.api.data.ColumnSpec.Kind.DATE;
import static org.encours.api.data.ColumnSpec.Kind.INTEGER;
import static org.encours.api.data.ColumnSpec.Kind.MAP;
import static org.encours.api.data.ColumnSpec.Kind.NUMBER;
import static org.encours.api.data.ColumnSpec.Kind.STRING;
import static org.encours.api.data.ColumnSpec.optional;
import static org.encours.api.data.ColumnSpec.required;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code recommendations} (customer_id, as_of_date, scored, grade, probability, deposit_share,
 * deposit_required_above, credit_limit, open_exposure, max_terms_days, block_orders, ladder, flags,
 * reasons, policy_version, model_version, input_versions).
 */
final class RecommendationsTable implements TableMapping<KeyedIndex<Recommendation>> {
  static final List<ColumnSpec> COLUMNS =
      List.of(
          required("customer_id", STRING),
          required("as_of_date", DATE),
          required("scored", BOOLEAN),
          optional("grade", STRING),
          optional("probability", NUMBER),
          required("deposit_share", NUMBER),
          required("deposit_required_above", NUMBER),
          required("credit_limit", NUMBER),
          required("open_exposure", NUMBER),
          required("max_terms_days", INTEGER),
          required("block_orders", BOOLEAN),
          optional("ladder", ANY),
          optional("flags", ANY),
          optional("reasons", ANY),
          optional("policy_version", STRING),
          optional("model_version", STRING),
          optional("input_versions", MAP));

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
                row.string("customer_id"),
                row.epochDay("as_of_date"),
                Boolean.TRUE.equals(row.value("scored")),
                interner.intern(row.string("grade")),
                row.dbl("probability"),
                row.dbl("deposit_share"),
                row.cents("deposit_required_above"),
                row.cents("credit_limit"),
                row.cents("open_exposure"),
                (int) row.lng("max_terms_days", Integer.MIN_VALUE),
                Boolean.TRUE.equals(row.value("block_orders")),
                interner.intern(row.value("ladder")),
                interner.intern(row.value("flags")),
                interner.intern(row.value("reasons")),
                interner.intern(row.string("policy_version")),
                interner.intern(row.string("model_version")),
                CustomerScoresTable.inputVersions(row, interner)));
      }

      @Override
      public KeyedIndex<Recommendation> build() {
        return new KeyedIndex<>(rows, Recommendation::customerId, new Recommendation[0]);
      }
    };
  }
}
