package org.encours.api.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * {@code receivables_kpis} as written by {@code encours analytics --monthly}
 * (org.encours.analytics.ReceivablesKpis): the latest month end is served.
 */
final class ReceivablesKpisTable implements TableMapping<PortfolioIndex<KpiRow>> {
  private static final DerivedTable TABLE = DerivedTable.RECEIVABLES_KPIS;

  static final List<ColumnSpec> COLUMNS =
      ColumnSpec.of(
          TABLE,
          List.of(Columns.LEVEL, Columns.ENTITY_ID, Columns.AS_OF_DATE, Columns.AR),
          List.of(
              Columns.CREDIT_SALES,
              Columns.GROSS_AR,
              Columns.CURRENT_AR,
              Columns.OVERDUE_AR,
              Columns.OVERDUE_60_AR,
              Columns.CREDITS,
              Columns.OPEN_ITEMS,
              Columns.SHARE_OVERDUE_60,
              Columns.DSO_PERIOD_MONTHS,
              Columns.DSO_PERIOD_DAYS,
              Columns.DSO_STANDARD,
              Columns.DSO_COUNT_BACK,
              Columns.BPDSO_STANDARD,
              Columns.BPDSO_COUNT_BACK,
              Columns.ADD_STANDARD,
              Columns.ADD_COUNT_BACK,
              Columns.CEI_PERIOD_MONTHS,
              Columns.CEI,
              Columns.HISTORY_COMPLETE,
              Columns.CAVEATS));

  @Override
  public ServedTable table() {
    return ServedTable.RECEIVABLES_KPIS;
  }

  @Override
  public List<ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public Builder<PortfolioIndex<KpiRow>> builder() {
    return new Builder<>() {
      private final Interner interner = new Interner();
      private final List<KpiRow> rows = new ArrayList<>();

      @Override
      public void add(RowView r) {
        rows.add(
            new KpiRow(
                (LocalDate) r.value(Columns.AS_OF_DATE),
                interner.intern(r.string(Columns.LEVEL)),
                r.string(Columns.ENTITY_ID),
                AgingTable.money(r, Columns.CREDIT_SALES),
                AgingTable.money(r, Columns.AR),
                AgingTable.money(r, Columns.GROSS_AR),
                AgingTable.money(r, Columns.CURRENT_AR),
                AgingTable.money(r, Columns.OVERDUE_AR),
                AgingTable.money(r, Columns.OVERDUE_60_AR),
                AgingTable.money(r, Columns.CREDITS),
                r.isNull(Columns.OPEN_ITEMS) ? null : r.lng(Columns.OPEN_ITEMS, 0),
                dbl(r, Columns.SHARE_OVERDUE_60),
                integer(r, Columns.DSO_PERIOD_MONTHS),
                integer(r, Columns.DSO_PERIOD_DAYS),
                dbl(r, Columns.DSO_STANDARD),
                dbl(r, Columns.DSO_COUNT_BACK),
                dbl(r, Columns.BPDSO_STANDARD),
                dbl(r, Columns.BPDSO_COUNT_BACK),
                dbl(r, Columns.ADD_STANDARD),
                dbl(r, Columns.ADD_COUNT_BACK),
                integer(r, Columns.CEI_PERIOD_MONTHS),
                dbl(r, Columns.CEI),
                r.isNull(Columns.HISTORY_COMPLETE)
                    ? null
                    : (Boolean) r.value(Columns.HISTORY_COMPLETE),
                caveats(r)));
      }

      @Override
      public PortfolioIndex<KpiRow> build() {
        rows.sort(Comparator.comparing(KpiRow::level).thenComparing(KpiRow::entityId));
        return new PortfolioIndex<>(rows, KpiRow::level, KpiRow::entityId);
      }
    };
  }

  /** The row's caveats; none when the table has no such column or the row none. */
  private static List<String> caveats(RowView r) {
    if (r.isNull(Columns.CAVEATS)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object c : (List<?>) r.value(Columns.CAVEATS)) {
      out.add(String.valueOf(c));
    }
    return List.copyOf(out);
  }

  private static Double dbl(RowView r, String column) {
    double v = r.dbl(column);
    return Double.isNaN(v) ? null : v;
  }

  private static Integer integer(RowView r, String column) {
    return r.isNull(column) ? null : (int) r.lng(column, 0);
  }
}
