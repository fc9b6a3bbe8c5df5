package org.encours.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * Upserts a batch's accepted rows into a canonical Delta table with MERGE on the business key. Only
 * rows that are new or whose values changed are merged, so re-ingesting the same data commits
 * nothing (the table version does not move) and a corrected row is updated in place.
 */
public final class TableUpsert {
  private TableUpsert() {}

  /** What a MERGE did to one table. */
  public record TableStats(
      String table, long rows, long inserted, long updated, long unchanged, long version) {
    Row toRow() {
      return org.apache.spark.sql.RowFactory.create(
          table, rows, inserted, updated, unchanged, version);
    }
  }

  static TableStats upsert(
      Warehouse warehouse, CanonicalTable table, Dataset<Row> accepted, String batchId) {
    Column[] business = table.businessColumns().stream().map(c -> col(c)).toArray(Column[]::new);
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
      accepted
          .select(business)
          .withColumn(CanonicalTable.BATCH_COLUMN, lit(batchId))
          .write()
          .format("delta")
          .mode("append")
          .save(warehouse.path(table));
      long inserted = warehouse.read(table).count();
      return new TableStats(
          table.tableName(), inserted, inserted, 0, 0, warehouse.version(table.tableName()));
    }
    Dataset<Row> rows = accepted.select(business).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long total = rows.count();
      // A batch row can only equal a loaded row with its key: compare the batch with those rows,
      // not with the whole table (a full scan and shuffle of every loaded row).
      String[] keys = table.keyColumns().toArray(new String[0]);
      Dataset<Row> batchKeys =
          rows.select(table.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new));
      Dataset<Row> target =
          warehouse.read(table).select(business).join(batchKeys, keys, "left_semi");
      Dataset<Row> changes =
          rows.except(target)
              .withColumn(CanonicalTable.BATCH_COLUMN, lit(batchId))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
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
            .merge(changes.as("s"), on)
            .whenMatched()
            .updateAll()
            .whenNotMatched()
            .insertAll()
            .execute();
        Row commit =
            DeltaTable.forPath(warehouse.spark(), warehouse.path(table))
                .history(1)
                .select("version", "operationMetrics")
                .first();
        scala.collection.Map<String, String> metrics = commit.getMap(1);
        long inserted = Long.parseLong(metrics.get("numTargetRowsInserted").get());
        long updated = Long.parseLong(metrics.get("numTargetRowsUpdated").get());
        return new TableStats(
            table.tableName(),
            total,
            inserted,
            updated,
            total - inserted - updated,
            commit.getLong(0));
      } finally {
        changes.unpersist();
      }
    } finally {
      rows.unpersist();
    }
  }
}
