package org.encours.warehouse;

import java.util.List;
import java.util.Map;

/**
 * The physical layout chosen for each warehouse table, in one place: how it is partitioned (written
 * by its job) and which columns {@code encours maintain} Z-orders it by. Why each choice was made,
 * with the measurements: docs/table-layout.md.
 *
 * <p>In short: the canonical and audit tables are not partitioned (every job reads them whole, as
 * of a date, and date partitions would only make small files until hundreds of millions of
 * invoices); the canonical tables have deletion vectors, so an incremental MERGE does not rewrite
 * the files of the rows it updates; the analytics, score and prevention tables are partitioned by
 * {@code as_of_date} (each run replaces one date, readers want one date). No table is Z-ordered by
 * default: no read of the pipeline or the API selects a few customers out of a large table, and
 * Z-ORDER rewrites the whole table each time.
 */
public final class TableLayout {
  private TableLayout() {}

  /** The partition column of the tables written one as-of date at a time. */
  public static final String AS_OF_PARTITION = "as_of_date";

  /**
   * Tables {@code encours maintain} Z-orders, with their columns. Empty by design (see the class
   * comment); a deployment whose notebooks look customers up in a very large table can add one,
   * e.g. {@code invoices -> [customer_id]}, with {@code encours maintain --z-order
   * invoices=customer_id}.
   */
  static final Map<String, List<String>> Z_ORDER = Map.of();
}
