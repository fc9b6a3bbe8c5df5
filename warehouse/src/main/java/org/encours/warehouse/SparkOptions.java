package org.encours.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options every Spark job shares: where the warehouse is, which master to run on, and extra
 * Spark settings. Precedence: built-in defaults, then ENCOURS_WAREHOUSE, then the flags.
 */
public final class SparkOptions {

  @Option(
      names = "--warehouse",
      paramLabel = "DIR_OR_URI",
      description =
          "Warehouse folder holding the Delta tables (local path, hdfs://, s3a://...). "
              + "Default: $ENCOURS_WAREHOUSE, else ./"
              + Warehouse.DEFAULT_LOCATION
              + ".")
  String warehouse;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master, e.g. local[4] or spark://host:7077. Default: the one spark-submit set, else local[*].")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "Extra Spark setting, repeatable (e.g. --conf spark.sql.shuffle.partitions=64).")
  Map<String, String> conf = new LinkedHashMap<>();

  public String warehouseLocation() {
    if (warehouse != null && !warehouse.isBlank()) {
      return warehouse;
    }
    String fromEnv = System.getenv("ENCOURS_WAREHOUSE");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : Warehouse.DEFAULT_LOCATION;
  }

  public SparkSession session(String appName) {
    return SparkSessions.create(appName, master, conf);
  }

  /** Opens the session and the warehouse together. */
  public Warehouse openWarehouse(String appName) {
    return new Warehouse(session(appName), warehouseLocation());
  }
}
