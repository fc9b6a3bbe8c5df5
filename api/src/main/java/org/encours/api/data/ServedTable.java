package org.encours.api.data;

/**
 * The Delta tables the API serves, each under {@code WAREHOUSE/NAME}, with the command that writes
 * it (named in the 503 answer while the table does not exist yet).
 */
public enum ServedTable {
  CUSTOMER_SCORES("customer_scores", "encours score (the late-payment scoring job)"),
  INVOICE_SCORES("invoice_scores", "encours score (the late-payment scoring job)"),
  RECOMMENDATIONS("recommendations", "encours recommend (the prevention policy job)"),
  DUNNING_PLAN("dunning_plan", "encours recommend (the prevention policy job)"),
  AGING("aging", "encours analytics --as-of YYYY-MM-DD"),
  RECEIVABLES_KPIS("receivables_kpis", "encours analytics --from YYYY-MM --to YYYY-MM --monthly");

  private final String tableName;
  private final String writtenBy;

  ServedTable(String tableName, String writtenBy) {
    this.tableName = tableName;
    this.writtenBy = writtenBy;
  }

  public String tableName() {
    return tableName;
  }

  /** The command a user runs to create or refresh the table. */
  public String writtenBy() {
    return writtenBy;
  }
}
