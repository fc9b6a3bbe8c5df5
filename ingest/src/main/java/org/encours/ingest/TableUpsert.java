package org.encours.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Upserts a batch's accepted rows into a canonical Delta table with MERGE on the business key. Only
 * rows that are new or whose values changed are merged, so re-ingesting the same data commits
 * nothing (the table version does not move) and a corrected row is updated in place.
 */
public final class TableUpsert {
  private TableUpsert() {}

  /** What a MERGE did to one table. */
  public record TableStats(
      String table, long rows, long inserted, long updated, long unchanged, long version) {}

  /**
   * @param accepted the batch's accepted rows for the table, one per business key
   * @param total how many they are
   * @param loaded the table's loaded rows (business columns) with at least the keys of {@code
   *     accepted}, as read for the batch's checks; null to read them from the table here
   */
  static TableStats upsert(
      Warehouse warehouse,
      CanonicalTable table,
      Dataset<Row> accepted,
      long total,
      Dataset<Row> loaded,
      String batchId) {
    Column[] business = table.businessColumns().stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> rows = accepted.select(business);
    if (!warehouse.exists(table)) {
      // First load: create the table from the canonical schema (Delta then enforces its NOT NULL
      // columns on every write), and append: every row is new, no comparison is needed.
      DeltaTable.createIfNotExists(warehouse.spark())
          .location(warehouse.path(table))
          .addColumns(table.storedSchema())
          // An incremental batch updates a few rows scattered over the whole table (a dispute on an
          // old invoice); with deletion vectors MERGE marks them deleted and writes the new
          // versions,
          // instead of copying every other row of their files, so what it writes follows the batch,
          // not the table (docs/table-layout.md).
          .property("delta.enableDeletionVectors", "true")
          .execute();
      rows.withColumn(CanonicalTable.BATCH_COLUMN, lit(batchId))
          .write()
          .format("delta")
          .mode("append")
          .save(warehouse.path(table));
      return new TableStats(
          table.tableName(), total, total, 0, 0, warehouse.version(table.tableName()));
    }
    // A batch row can only equal a loaded row with its key: compare the batch with those rows,
    // not with the whole table (a full scan and shuffle of every loaded row).
    String[] keys = table.keyColumns().toArray(new String[0]);
    Dataset<Row> batchKeys =
        rows.select(table.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new));
    Dataset<Row> target =
        (loaded != null ? loaded : warehouse.read(table))
            .select(business)
            .join(batchKeys, keys, "left_semi");
    Dataset<Row> changes = rows.except(target).localCheckpoint(true);
    if (changes.isEmpty()) {
      return new TableStats(
          table.tableName(), total, 0, 0, total, warehouse.version(table.tableName()));
    }
    String on =
        table.keyColumns().stream()
            .map(k -> "t." + k + " = s." + k)
            .collect(Collectors.joining(" AND "));
    DeltaTable.forPath(warehouse.spark(), warehouse.path(table))
        .as("t")
        .merge(changes.withColumn(CanonicalTable.BATCH_COLUMN, lit(batchId)).as("s"), on)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
    long version = warehouse.version(table.tableName());
    scala.collection.Map<String, String> metrics = commitMetrics(warehouse, table, version);
    long inserted = Long.parseLong(metrics.get("numTargetRowsInserted").get());
    long updated = Long.parseLong(metrics.get("numTargetRowsUpdated").get());
    return new TableStats(
        table.tableName(), total, inserted, updated, total - inserted - updated, version);
  }

  /**
   * The operation metrics a commit recorded, read from its log entry on the driver (the table's
   * history would run a Spark job for it).
   */
  private static scala.collection.Map<String, String> commitMetrics(
      Warehouse warehouse, CanonicalTable table, long version) {
    scala.collection.Iterator<Tuple2<Object, scala.collection.Seq<Action>>> commits =
        DeltaLog.forTable(warehouse.spark(), warehouse.path(table)).getChanges(version, true);
    if (commits.hasNext()) {
      Tuple2<Object, scala.collection.Seq<Action>> commit = commits.next();
      for (Action action : JavaConverters.seqAsJavaList(commit._2())) {
        if (action instanceof CommitInfo info && info.operationMetrics().isDefined()) {
          return info.operationMetrics().get();
        }
      }
    }
    throw new IllegalStateException(
        "version " + version + " of " + table.tableName() + " records no operation metrics");
  }
}
