package org.encours.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session every job runs in: Delta Lake enabled, dates in UTC, and sensible local
 * defaults when no master is given. The same code runs on a cluster: {@code --master} and {@code
 * --conf} pass straight through, and a master set by {@code spark-submit} wins over the local
 * default.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Settings every Encours session has (users may still override them with --conf). */
  static Map<String, String> baseSettings() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.put("spark.sql.session.timeZone", "UTC");
    // Every table Encours creates records its row changes (incremental jobs read them).
    conf.put("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "true");
    // ... and keeps its history readable for the audit window from its first commit: Delta cleans
    // expired log entries at every checkpoint (default after 30 days), whether or not
    // `encours maintain` ever runs. A bad ENCOURS_TIME_TRAVEL_DAYS fails here, naming it.
    String window = TimeTravelWindow.fromEnvironment().deltaInterval();
    conf.put("spark.databricks.delta.properties.defaults.logRetentionDuration", window);
    conf.put("spark.databricks.delta.properties.defaults.deletedFileRetentionDuration", window);
    // Spark 3 parses dates with the proleptic Gregorian calendar; keep writing Parquet that way.
    conf.put("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
    conf.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    // Our own progress lines say what runs; Spark's console bar interleaves with them.
    conf.put("spark.ui.showConsoleProgress", "false");
    return conf;
  }

  /** Extra defaults on the embedded local[*] master: few partitions, no UI port to collide on. */
  static Map<String, String> localSettings() {
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 2)));
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.databricks.delta.snapshotPartitions", String.valueOf(Math.max(2, cores)));
    return conf;
  }

  /**
   * Creates (or returns the running) session.
   *
   * @param appName shown in the Spark UI and logs
   * @param master a Spark master URL, or null for the one spark-submit set, else {@code local[*]}
   * @param userConf {@code --conf} pairs; they override every default
   */
  public static SparkSession create(String appName, String master, Map<String, String> userConf) {
    SparkConf existing = new SparkConf(); // picks up spark.* system properties set by spark-submit
    String effectiveMaster =
        master != null ? master : existing.contains("spark.master") ? null : "local[*]";
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    baseSettings().forEach(builder::config);
    boolean local =
        (effectiveMaster != null && effectiveMaster.startsWith("local"))
            || existing.get("spark.master", "").startsWith("local");
    if (local) {
      localSettings().forEach(builder::config);
    }
    if (effectiveMaster != null) {
      builder.master(effectiveMaster);
    }
    userConf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
