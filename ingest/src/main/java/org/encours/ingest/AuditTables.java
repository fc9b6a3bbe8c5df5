package org.encours.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The audit tables ingestion writes beside the canonical ones.
 *
 * <ul>
 *   <li>{@value #INGEST_BATCHES}: one row per run, written as {@code running} when it starts and
 *       completed as {@code succeeded} or {@code failed}; a row left {@code running} is a run that
 *       crashed (see docs/ingestion.md).
 *   <li>{@value #QUARANTINE}: every rejected source record, with the batch, the original record and
 *       all its reasons.
 * </ul>
 */
public final class AuditTables {
  public static final String INGEST_BATCHES = "ingest_batches";
  public static final String QUARANTINE = "quarantine";

  public static final StructType TABLE_STATS =
      new StructType()
          .add("table", StringType, false)
          .add("rows", LongType, false)
          .add("inserted", LongType, false)
          .add("updated", LongType, false)
          .add("unchanged", LongType, false)
          .add("version", LongType, false);

  public static final StructType INGEST_BATCHES_SCHEMA =
      new StructType()
          .add("batch_id", StringType, false)
          .add("status", StringType, false)
          .add("source", StringType, false)
          .add("source_files", DataTypes.createArrayType(StringType, false), false)
          .add("source_checksum", StringType, false)
          .add("mapping", StringType, false)
          .add("started_at", TimestampType, false)
          .add("ended_at", TimestampType, true)
          .add("rows_read", LongType, true)
          .add("rows_accepted", LongType, true)
          .add("rows_quarantined", LongType, true)
          .add("reconciled", BooleanType, true)
          .add("table_stats", DataTypes.createArrayType(TABLE_STATS, false), true)
          .add("quarantine_version", LongType, true)
          .add("message", StringType, true);

  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add("batch_id", StringType, false)
          .add("source_name", StringType, false)
          .add("source_file", StringType, false)
          .add("record", StringType, true)
          .add("reasons", DataTypes.createArrayType(StringType, false), false)
          .add("quarantined_at", TimestampType, false);

  private AuditTables() {}
}
