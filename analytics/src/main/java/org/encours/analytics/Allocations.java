package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Payments as allocations to invoices, with the date they take effect.
 *
 * <p>An allocation dated before its invoice's issue date (a prepayment) takes effect on the issue
 * date: it counts for every D on or after the issue date, and before that neither the invoice nor
 * the allocation exists for the analytics. Allocations to an invoice id that is not in {@code
 * invoices} cannot be attributed to a customer: they are reported as unallocated cash, never
 * dropped silently.
 */
public final class Allocations {
  private Allocations() {}

  /**
   * Columns: invoice_id, customer_id, payment_id, payment_date, effective_date (the later of the
   * payment date and the invoice's issue date), amount.
   */
  public static Dataset<Row> effective(Dataset<Row> invoices, Dataset<Row> payments) {
    Dataset<Row> issued = invoices.select(col("invoice_id"), col("customer_id"), col("issue_date"));
    return payments
        .select(col("payment_id"), col("invoice_id"), col("payment_date"), col("amount"))
        .join(issued, "invoice_id")
        .select(
            col("invoice_id"),
            col("customer_id"),
            col("payment_id"),
            col("payment_date"),
            greatest(col("payment_date"), col("issue_date")).as("effective_date"),
            col("amount"));
  }

  /** Payments whose invoice id is unknown: payment_id, invoice_id, payment_date, amount. */
  static Dataset<Row> unallocated(Dataset<Row> invoices, Dataset<Row> payments) {
    return payments
        .select(col("payment_id"), col("invoice_id"), col("payment_date"), col("amount"))
        .join(
            invoices.select(col("invoice_id")),
            payments.col("invoice_id").equalTo(invoices.col("invoice_id")),
            "left_anti");
  }
}
