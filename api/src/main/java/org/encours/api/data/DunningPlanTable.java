package org.encours.api.data;

import static org.encours.api.data.ColumnSpec.Kind.ANY;
import static org.encours.api.data.ColumnSpec.Kind.DATE;
import static org.encours.api.data.ColumnSpec.Kind.MAP;
import static org.encours.api.data.ColumnSpec.Kind.NUMBER;
import static org.encours.api.data.ColumnSpec.Kind.STRING;
import static org.encours.api.data.ColumnSpec.optional;
import static org.encours.api.data.ColumnSpec.required;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code dunning_plan} as {@code encours recommend} writes it (invoice_id, customer_id, as_of_date,
 * next_action, next_action_date, next_channel, amount_due, penalties, indemnity, limitation_date,
 * notes, policy_version, input_versions; other columns are not served).
 */
final class DunningPlanTable implements TableMapping<DunningPlanIndex> {
  static final List<ColumnSpec> COLUMNS =
      List.of(
          required("invoice_id", STRING),
          required("customer_id", STRING),
          required("as_of_date", DATE),
          optional("next_action", STRING),
          optional("next_action_date", DATE),
          optional("next_channel", STRING),
          optional("amount_due", NUMBER),
          optional("penalties", NUMBER),
          optional("indemnity", NUMBER),
          optional("limitation_date", DATE),
          optional("notes", ANY),
          optional("policy_version", STRING),
          optional("input_versions", MAP));

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
        int actionDay = row.epochDay("next_action_date");
        if (actionDay == Integer.MIN_VALUE) {
          return; // nothing scheduled: not an action
        }
        rows.add(
            new DunningAction(
                row.string("invoice_id"),
                row.string("customer_id"),
                row.epochDay("as_of_date"),
                interner.intern(row.string("next_action")),
                actionDay,
                interner.intern(row.string("next_channel")),
                row.cents("amount_due"),
                row.cents("penalties"),
                row.cents("indemnity"),
                row.epochDay("limitation_date"),
                interner.intern(row.value("notes")),
                interner.intern(row.string("policy_version")),
                CustomerScoresTable.inputVersions(row, interner)));
      }

      @Override
      public DunningPlanIndex build() {
        return new DunningPlanIndex(rows);
      }
    };
  }
}
