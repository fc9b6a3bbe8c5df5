package org.encours.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.core.EncoursErrors;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.SchemaContract;
import org.encours.warehouse.Warehouse;

/**
 * The canonical tables an analytics run reads, each pinned to one Delta version (read with time
 * travel at the version recorded in the output, so that a concurrent ingest cannot make the data
 * and its recorded version disagree).
 *
 * <p>Reading a table at a version belongs in {@code Warehouse} (ingest module); it lives here until
 * it moves there.
 */
public record AnalyticsInputs(
    Dataset<Row> invoices,
    Dataset<Row> payments,
    Dataset<Row> customers,
    Dataset<Row> dunning,
    Map<String, Long> versions) {

  /**
   * Up to this size (the table's files), {@link #smallTablesInMemory} reads a table once into
   * memory.
   */
  static final long SMALL_TABLE_BYTES = 16L << 20;

  /** Invoices are required; the other tables read as empty when they do not exist yet. */
  public static AnalyticsInputs read(Warehouse warehouse) {
    if (!warehouse.exists(CanonicalTable.INVOICES)) {
      throw EncoursErrors.noCanonicalTables(warehouse.root());
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<CanonicalTable, Dataset<Row>> data = new LinkedHashMap<>();
    for (CanonicalTable t : List.of(CanonicalTable.values())) {
      long v = warehouse.version(t.tableName());
      versions.put(t.tableName(), v);
      data.put(t, v < 0 ? warehouse.read(t) : readAt(warehouse, t, v));
    }
    return new AnalyticsInputs(
        data.get(CanonicalTable.INVOICES),
        data.get(CanonicalTable.PAYMENTS),
        data.get(CanonicalTable.CUSTOMERS),
        data.get(CanonicalTable.DUNNING_EVENTS),
        versions);
  }

  /**
   * The same inputs, each table of at most {@link #SMALL_TABLE_BYTES} read once, now, and kept in
   * memory (an eager local checkpoint) for the run's queries. A run reads each input in many
   * queries; on a small ledger each Delta scan costs more in listing and planning its files than
   * reading its rows, so a small table is read once. The rows are the same: those of the pinned
   * version.
   */
  public AnalyticsInputs smallTablesInMemory() {
    return smallTablesInMemory(SMALL_TABLE_BYTES);
  }

  /** {@link #smallTablesInMemory()} with another limit, in bytes. */
  AnalyticsInputs smallTablesInMemory(long limit) {
    return new AnalyticsInputs(
        inMemoryWhenSmall(invoices, CanonicalTable.INVOICES, limit),
        inMemoryWhenSmall(payments, CanonicalTable.PAYMENTS, limit),
        inMemoryWhenSmall(customers, CanonicalTable.CUSTOMERS, limit),
        inMemoryWhenSmall(dunning, CanonicalTable.DUNNING_EVENTS, limit),
        versions);
  }

  private Dataset<Row> inMemoryWhenSmall(Dataset<Row> rows, CanonicalTable table, long limit) {
    if (versions.getOrDefault(table.tableName(), -1L) < 0) {
      return rows; // read as an empty dataset: nothing to scan
    }
    return atMostBytes(rows, limit) ? rows.localCheckpoint(true) : rows;
  }

  /** Whether a read is at most that size as the planner estimates it (a Delta table: its files). */
  private static boolean atMostBytes(Dataset<Row> rows, long bytes) {
    return rows.queryExecution()
            .optimizedPlan()
            .stats()
            .sizeInBytes()
            .bigInteger()
            .compareTo(java.math.BigInteger.valueOf(bytes))
        <= 0;
  }

  /** A canonical table as it was at a Delta version, checked against its schema. */
  static Dataset<Row> readAt(Warehouse warehouse, CanonicalTable table, long version) {
    Dataset<Row> rows =
        warehouse
            .spark()
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(warehouse.path(table));
    SchemaContract.require(
        "table " + table.tableName() + " (version " + version + ")",
        table.storedSchema(),
        rows.schema());
    return rows;
  }

  /**
   * The last date the data knows: the latest issue, payment or dunning date. A run without a date
   * of its own works as of this day.
   */
  public LocalDate latestDate() {
    Row r =
        invoices
            .select(col("issue_date").as("d"))
            .union(payments.select(col("payment_date").as("d")))
            .union(dunning.select(col("event_date").as("d")))
            .agg(max("d"))
            .first();
    if (r.isNullAt(0)) {
      throw EncoursErrors.tooLittleData(
          "the warehouse holds no dated invoice, payment or dunning event",
          "ingest a ledger first (encours ingest), or give the date with --as-of");
    }
    return ((Date) r.get(0)).toLocalDate();
  }

  /** Allocations with their effective dates (see {@link Allocations}). */
  public Dataset<Row> allocations() {
    return Allocations.effective(invoices, payments);
  }
}
