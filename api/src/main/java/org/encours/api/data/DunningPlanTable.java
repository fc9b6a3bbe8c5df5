package org.encours.api.data;

import java.util.ArrayList;
import java.util.List;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * {@code dunning_plan} as {@code encours recommend} writes it (invoice_id, customer_id, as_of_date,
 * next_action, next_action_date, next_channel, amount_due, penalties, indemnity, limitation_date,
 * notes, policy_version, input_versions; other columns are not served).
 */
final class DunningPlanTable implements TableMapping<DunningPlanIndex> {
  private static final DerivedTable TABLE = DerivedTable.DUNNING_PLAN;

  static final List<ColumnSpec> COLUMNS =
      ColumnSpec.of(
          TABLE,
          List.of(Columns.INVOICE_ID, Columns.CUSTOMER_ID, Columns.AS_OF_DATE),
          List.of(
              Columns.NEXT_ACTION,
              Columns.NEXT_ACTION_DATE,
              Columns.NEXT_CHANNEL,
              Columns.AMOUNT_DUE,
              Columns.PENALTIES,
              Columns.INDEMNITY,
              Columns.LIMITATION_DATE,
              Columns.NOTES,
              Columns.POLICY_VERSION,
              Columns.INPUT_VERSIONS));

  @Override
  public ServedTable table() {
    return ServedTable.DUNNING_PLAN;
  }

  @Override
  public List<ColumnSpec> columns() {
    return COLUMNS;
  }

  @Override
  public Builder<DunningPlanIndex> builder() {
    return new Builder<>() {
      private final Interner interner = new Interner();
      private final List<DunningAction> rows = new ArrayList<>();

      @Override
      public void add(RowView row) {
        int actionDay = row.epochDay(Columns.NEXT_ACTION_DATE);
        if (actionDay == Integer.MIN_VALUE) {
          return; // nothing scheduled: not an action
        }
        rows.add(
            new DunningAction(
                row.string(Columns.INVOICE_ID),
                row.string(Columns.CUSTOMER_ID),
                row.epochDay(Columns.AS_OF_DATE),
                interner.intern(row.string(Columns.NEXT_ACTION)),
                actionDay,
                interner.intern(row.string(Columns.NEXT_CHANNEL)),
                row.cents(Columns.AMOUNT_DUE),
                row.cents(Columns.PENALTIES),
                row.cents(Columns.INDEMNITY),
                row.epochDay(Columns.LIMITATION_DATE),
                interner.intern(row.value(Columns.NOTES)),
                interner.intern(row.string(Columns.POLICY_VERSION)),
                CustomerScoresTable.inputVersions(row, interner)));
      }

      @Override
      public DunningPlanIndex build() {
        return new DunningPlanIndex(rows);
      }
    };
  }
}
