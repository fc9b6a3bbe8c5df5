package org.encours.api.data;

import static org.encours.api.data.ColumnSpec.Kind.DATE;
import static org.encours.api.data.ColumnSpec.Kind.INTEGER;
import static org.encours.api.data.ColumnSpec.Kind.NUMBER;
import static org.encours.api.data.ColumnSpec.Kind.STRING;
import static org.encours.api.data.ColumnSpec.optional;
import static org.encours.api.data.ColumnSpec.required;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code aging} as written by {@code encours analytics} (org.encours.analytics.AgingSnapshot):
 * as_of_date, level, entity_id, bucket, bucket_order, open_amount, open_count, total_open, share,
 * aged_from; the latest as_of_date is served.
 */
final class AgingTable implements TableMapping<PortfolioIndex<AgingRow>> {
  static final List<ColumnSpec> COLUMNS =
      List.of(
          required("as_of_date", DATE),
          required("level", STRING),
          required("entity_id", STRING),
          required("bucket", STRING),
          optional("bucket_order", INTEGER),
          required("open_amount", NUMBER),
          optional("open_count", INTEGER),
          optional("total_open", NUMBER),
          optional("share", NUMBER),
          optional("aged_from", STRING));

  @Override
  public ServedTable table() {
    return ServedTable.AGING;
  }

  @Override
  public List<ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public Builder<PortfolioIndex<AgingRow>> builder() {
    return new Builder<>() {
      private final Interner interner = new Interner();
      private final List<AgingRow> rows = new ArrayList<>();

      @Override
      public void add(RowView row) {
        double share = row.dbl("share");
        rows.add(
            new AgingRow(
                (LocalDate) row.value("as_of_date"),
                interner.intern(row.string("level")),
                row.string("entity_id"),
                interner.intern(row.string("bucket")),
                (int) row.lng("bucket_order", 0),
                money(row, "open_amount"),
                row.lng("open_count", 0),
                money(row, "total_open"),
                Double.isNaN(share) ? null : share,
                interner.intern(row.string("aged_from"))));
      }

      @Override
      public PortfolioIndex<AgingRow> build() {
        rows.sort(
            Comparator.comparing(AgingRow::level)
                .thenComparing(AgingRow::entityId)
                .thenComparingInt(AgingRow::bucketOrder));
        return new PortfolioIndex<>(rows, AgingRow::level, AgingRow::entityId);
      }
    };
  }

  static BigDecimal money(RowView row, String column) {
    long cents = row.cents(column);
    return cents == Long.MIN_VALUE ? null : BigDecimal.valueOf(cents, 2);
  }
}
