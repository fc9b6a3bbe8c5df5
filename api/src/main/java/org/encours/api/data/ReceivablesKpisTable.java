package org.encours.api.data;

import static org.encours.api.data.ColumnSpec.Kind.DATE;
import static org.encours.api.data.ColumnSpec.Kind.INTEGER;
import static org.encours.api.data.ColumnSpec.Kind.NUMBER;
import static org.encours.api.data.ColumnSpec.Kind.STRING;
import static org.encours.api.data.ColumnSpec.optional;
import static org.encours.api.data.ColumnSpec.required;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code receivables_kpis} as written by {@code encours analytics --monthly}
 * (org.encours.analytics.ReceivablesKpis): the latest month end is served.
 */
final class ReceivablesKpisTable implements TableMapping<PortfolioIndex<KpiRow>> {
  static final List<ColumnSpec> COLUMNS =
      List.of(
          required("level", STRING),
          required("entity_id", STRING),
          required("as_of_date", DATE),
          optional("credit_sales", NUMBER),
          required("ar", NUMBER),
          optional("current_ar", NUMBER),
          optional("overdue_ar", NUMBER),
          optional("overdue_60_ar", NUMBER),
          optional("credits", NUMBER),
          optional("open_items", INTEGER),
          optional("share_overdue_60", NUMBER),
          optional("dso_period_months", INTEGER),
          optional("dso_period_days", INTEGER),
          optional("dso_standard", NUMBER),
          optional("dso_count_back", NUMBER),
          optional("bpdso_standard", NUMBER),
          optional("bpdso_count_back", NUMBER),
          optional("add_standard", NUMBER),
          optional("add_count_back", NUMBER),
          optional("cei_period_months", INTEGER),
          optional("cei", NUMBER),
          optional("cei_whole_period_sales", NUMBER));

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
                (LocalDate) r.value("as_of_date"),
                interner.intern(r.string("level")),
                r.string("entity_id"),
                AgingTable.money(r, "credit_sales"),
                AgingTable.money(r, "ar"),
                AgingTable.money(r, "current_ar"),
                AgingTable.money(r, "overdue_ar"),
                AgingTable.money(r, "overdue_60_ar"),
                AgingTable.money(r, "credits"),
                r.isNull("open_items") ? null : r.lng("open_items", 0),
                dbl(r, "share_overdue_60"),
                integer(r, "dso_period_months"),
                integer(r, "dso_period_days"),
                dbl(r, "dso_standard"),
                dbl(r, "dso_count_back"),
                dbl(r, "bpdso_standard"),
                dbl(r, "bpdso_count_back"),
                dbl(r, "add_standard"),
                dbl(r, "add_count_back"),
                integer(r, "cei_period_months"),
                dbl(r, "cei"),
                dbl(r, "cei_whole_period_sales")));
      }

      @Override
      public PortfolioIndex<KpiRow> build() {
        rows.sort(Comparator.comparing(KpiRow::level).thenComparing(KpiRow::entityId));
        return new PortfolioIndex<>(rows, KpiRow::level, KpiRow::entityId);
      }
    };
  }

  private static Double dbl(RowView r, String column) {
    double v = r.dbl(column);
    return Double.isNaN(v) ? null : v;
  }

  private static Integer integer(RowView r, String column) {
    return r.isNull(column) ? null : (int) r.lng(column, 0);
  }
}
