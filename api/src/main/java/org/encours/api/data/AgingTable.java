package org.encours.api.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * {@code aging} as written by {@code encours analytics} (org.encours.analytics.AgingSnapshot):
 * as_of_date, level, entity_id, bucket, bucket_order, open_amount, open_count, total_open, share,
 * aged_from; the latest as_of_date is served.
 */
final class AgingTable implements TableMapping<PortfolioIndex<AgingRow>> {
  private static final DerivedTable TABLE = DerivedTable.AGING;

  static final List<ColumnSpec> COLUMNS =
      ColumnSpec.of(
          TABLE,
          List.of(
              Columns.AS_OF_DATE,
              Columns.LEVEL,
              Columns.ENTITY_ID,
              Columns.BUCKET,
              Columns.OPEN_AMOUNT),
          List.of(
              Columns.BUCKET_ORDER,
              Columns.OPEN_COUNT,
              Columns.TOTAL_OPEN,
              Columns.SHARE,
              Columns.AGED_FROM));

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
        double share = row.dbl(Columns.SHARE);
        rows.add(
            new AgingRow(
                (LocalDate) row.value(Columns.AS_OF_DATE),
                interner.intern(row.string(Columns.LEVEL)),
                row.string(Columns.ENTITY_ID),
                interner.intern(row.string(Columns.BUCKET)),
                (int) row.lng(Columns.BUCKET_ORDER, 0),
                money(row, Columns.OPEN_AMOUNT),
                row.lng(Columns.OPEN_COUNT, 0),
                money(row, Columns.TOTAL_OPEN),
                Double.isNaN(share) ? null : share,
                interner.intern(row.string(Columns.AGED_FROM))));
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
