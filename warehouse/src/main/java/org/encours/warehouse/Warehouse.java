package org.encours.warehouse;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.encours.core.EncoursErrors;
import org.encours.core.tables.DerivedTable;

/**
 * The warehouse: a folder (local, HDFS or object storage) holding one Delta table per folder, named
 * after the table. It locates and reads tables; jobs decide what to write, and write a derived
 * table through {@link #replace} or {@link #overwrite}, which check the rows against its contract
 * first.
 */
public final class Warehouse {
  /**
   * Default location, relative to the working directory, when neither a flag nor ENCOURS_WAREHOUSE
   * says.
   */
  public static final String DEFAULT_LOCATION = "var/warehouse";

  private final SparkSession spark;
  private final String root;

  /**
   * @param root a folder or URI; a relative local path is made absolute (and qualified, e.g. {@code
   *     file:/home/me/encours/var/warehouse}) so that every table location is unambiguous
   */
  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualify(spark, root);
  }

  private static String qualify(SparkSession spark, String root) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
      String qualified =
          path.getFileSystem(spark.sparkContext().hadoopConfiguration())
              .makeQualified(path)
              .toString();
      return qualified.endsWith("/") ? qualified.substring(0, qualified.length() - 1) : qualified;
    } catch (java.io.IOException e) {
      throw EncoursErrors.cannot(
          "use",
          "the warehouse location '" + root + "'",
          e,
          "Give a folder path or a URI such as hdfs:// or s3a:// with --warehouse or ENCOURS_WAREHOUSE.");
    }
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(String table) {
    return root + "/" + table;
  }

  public String path(CanonicalTable table) {
    return path(table.tableName());
  }

  public String path(DerivedTable table) {
    return path(table.tableName());
  }

  public boolean exists(DerivedTable table) {
    return exists(table.tableName());
  }

  /**
   * The latest committed snapshot of a derived table (not checked: readers select what they need).
   */
  public Dataset<Row> read(DerivedTable table) {
    return read(table.tableName());
  }

  /**
   * Replaces the rows of a partitioned derived table that {@code where} selects (e.g. {@code
   * as_of_date = '2026-10-31'}) by {@code rows}, in one Delta commit, partitioned as the catalogue
   * says; creates the table on its first write. The rows are checked against the table's contract
   * first ({@link TableContract#check}); nothing is written when they do not match.
   */
  public void replace(DerivedTable table, Dataset<Row> rows, String where) {
    TableContract.check(table, rows.schema());
    rows.write()
        .format("delta")
        .mode(exists(table) ? "overwrite" : "errorifexists")
        .option("replaceWhere", where)
        .partitionBy(table.partitionColumns().toArray(new String[0]))
        .save(path(table));
  }

  /**
   * Replaces the whole of a derived table by {@code rows}, checked against its contract first, its
   * columns included (the kept state tables; a table stored with the columns of an earlier
   * version). Delta keeps the previous versions for time travel.
   */
  public void overwrite(DerivedTable table, Dataset<Row> rows) {
    TableContract.check(table, rows.schema());
    var writer = rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (!table.partitionColumns().isEmpty()) {
      writer = writer.partitionBy(table.partitionColumns().toArray(new String[0]));
    }
    writer.save(path(table));
  }

  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  public boolean exists(CanonicalTable table) {
    return exists(table.tableName());
  }

  /** The latest committed snapshot of a table. */
  public Dataset<Row> read(String table) {
    return spark.read().format("delta").load(path(table));
  }

  /**
   * The latest snapshot of a canonical table, checked against its schema; an empty dataset with the
   * canonical schema when the table has not been created yet.
   */
  public Dataset<Row> read(CanonicalTable table) {
    if (!exists(table)) {
      return spark.createDataFrame(java.util.List.of(), table.storedSchema());
    }
    Dataset<Row> rows = read(table.tableName());
    SchemaContract.require("table " + table.tableName(), table.storedSchema(), rows.schema());
    return rows;
  }

  /**
   * The latest committed version of a table, or -1 when it does not exist. Read from the table's
   * log listing on the driver (no Spark job).
   */
  public long version(String table) {
    return DeltaLog.forTable(spark, path(table))
        .update(false, scala.Option.empty(), scala.Option.empty())
        .version();
  }

  /** Latest versions of all canonical tables that exist (absent tables are left out). */
  public Map<String, Long> canonicalVersions() {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (CanonicalTable t : CanonicalTable.values()) {
      long v = version(t.tableName());
      if (v >= 0) {
        versions.put(t.tableName(), v);
      }
    }
    return versions;
  }
}
