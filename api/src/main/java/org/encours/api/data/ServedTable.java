package org.encours.api.data;

import org.encours.core.tables.DerivedTable;

/**
 * The Delta tables the API serves, each under {@code WAREHOUSE/NAME}; their names, and the command
 * that writes each (named in the 503 answer while the table does not exist yet), come from the
 * catalogue ({@link DerivedTable}).
 */
public enum ServedTable {
  CUSTOMER_SCORES(DerivedTable.CUSTOMER_SCORES),
  INVOICE_SCORES(DerivedTable.INVOICE_SCORES),
  RECOMMENDATIONS(DerivedTable.RECOMMENDATIONS),
  DUNNING_PLAN(DerivedTable.DUNNING_PLAN),
  AGING(DerivedTable.AGING),
  RECEIVABLES_KPIS(DerivedTable.RECEIVABLES_KPIS);

  private final DerivedTable table;

  ServedTable(DerivedTable table) {
    this.table = table;
  }

  /** The table's contract in the catalogue. */
  public DerivedTable derived() {
    return table;
  }

  public String tableName() {
    return table.tableName();
  }

  /** The command a user runs to create or refresh the table. */
  public String writtenBy() {
    return table.writtenBy();
  }
}
