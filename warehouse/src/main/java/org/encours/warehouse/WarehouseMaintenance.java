package org.encours.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.Progress;

/**
 * Keeps the warehouse's Delta tables fast to read and their history readable for the audit window:
 * for each table, (1) sets {@code delta.logRetentionDuration} and {@code
 * delta.deletedFileRetentionDuration} to the window, (2) compacts small files with OPTIMIZE (and
 * Z-orders the tables {@link TableLayout} names), (3) VACUUMs files removed longer ago than the
 * window. With {@link #dryRun(boolean)} it only says what it would do, and changes nothing.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Result r = new WarehouseMaintenance(warehouse, Progress.toStderr("maintain"))
 *     .window(TimeTravelWindow.fromEnvironment())
 *     .execute();
 * System.out.println(r.summary());
 * }</pre>
 *
 * <p>Safety: a table whose recorded window is longer than the one asked for is refused before
 * anything is written (shortening an audit promise is explicit: {@link #allowShorterWindow}); the
 * window is never below Delta's 7-day check. VACUUM never removes a file of a table's latest
 * version, so the jobs and the API, which read the latest versions, are not affected; older
 * versions stay readable for the window.
 */
public final class WarehouseMaintenance {
  /** Delta's table properties that make time travel last as long as the window. */
  public static final String LOG_RETENTION = "delta.logRetentionDuration";

  public static final String FILE_RETENTION = "delta.deletedFileRetentionDuration";

  private static final String LISTING_PARALLELISM =
      "spark.sql.sources.parallelPartitionDiscovery.parallelism";
  private static final String MIN_FILE_SIZE_CONF = "spark.databricks.delta.optimize.minFileSize";
  private static final long DELTA_MIN_FILE_SIZE = 1024L * 1024 * 1024;

  private final Warehouse warehouse;
  private final Progress progress;
  private TimeTravelWindow window = TimeTravelWindow.defaults();
  private boolean dryRun;
  private boolean allowShorterWindow;
  private List<String> only = List.of();
  private Map<String, List<String>> zOrder = TableLayout.Z_ORDER;

  public WarehouseMaintenance(Warehouse warehouse, Progress progress) {
    this.warehouse = warehouse;
    this.progress = progress;
  }

  /** The audit window: kept by the table properties and used as the VACUUM retention. */
  public WarehouseMaintenance window(TimeTravelWindow window) {
    this.window = window;
    return this;
  }

  /** Say what would be done; write and delete nothing. */
  public WarehouseMaintenance dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Accept a window shorter than the one a table already records (the audit promise shrinks). */
  public WarehouseMaintenance allowShorterWindow(boolean allow) {
    this.allowShorterWindow = allow;
    return this;
  }

  /** Only these tables (warehouse names); all Delta tables of the warehouse when empty. */
  public WarehouseMaintenance tables(List<String> tables) {
    this.only = List.copyOf(tables);
    return this;
  }

  /** Z-order columns per table, replacing {@link TableLayout}'s choice. */
  public WarehouseMaintenance zOrder(Map<String, List<String>> zOrder) {
    this.zOrder = Map.copyOf(zOrder);
    return this;
  }

  /** What was found in one table and what was (or would be) done to it. */
  public record TableOutcome(
      String table,
      long versionBefore,
      long versionAfter,
      long filesBefore,
      long bytesBefore,
      long filesAfter,
      String windowBefore,
      boolean windowSet,
      long smallFiles,
      long filesCompacted,
      long filesWritten,
      List<String> zOrderedBy,
      long filesVacuumed) {}

  /** The whole run. */
  public record Result(
      boolean dryRun, TimeTravelWindow window, List<TableOutcome> tables, String elapsed) {
    /** One line: what was (or would be) done, over how many tables. */
    public String summary() {
      long set = tables.stream().filter(TableOutcome::windowSet).count();
      long compactedTables = tables.stream().filter(t -> t.filesCompacted() > 0).count();
      long compacted = tables.stream().mapToLong(TableOutcome::filesCompacted).sum();
      long written = tables.stream().mapToLong(TableOutcome::filesWritten).sum();
      long zOrdered = tables.stream().filter(t -> !t.zOrderedBy().isEmpty()).count();
      long vacuumed = tables.stream().mapToLong(TableOutcome::filesVacuumed).sum();
      String z = zOrdered == 0 ? "" : " (" + zOrdered + " Z-ordered)";
      if (dryRun) {
        return String.format(
            Locale.ROOT,
            "maintain (dry run): %d tables; would set the time-travel window on %d, compact %,d small files in %d tables%s, vacuum %,d files; nothing changed (window %s, %s)",
            tables.size(),
            set,
            compacted,
            compactedTables,
            z,
            vacuumed,
            window,
            elapsed);
      }
      return String.format(
          Locale.ROOT,
          "maintain: %d tables; set the time-travel window on %d, compacted %,d small files into %,d in %d tables%s, vacuumed %,d files removed more than %d days ago; time travel kept %s (%s)",
          tables.size(),
          set,
          compacted,
          written,
          compactedTables,
          z,
          vacuumed,
          window.days(),
          window,
          elapsed);
    }
  }

  /** Runs the maintenance (or its dry run) over the tables. */
  public Result execute() {
    SparkSession spark = warehouse.spark();
    // VACUUM lists a table's folders with this parallelism, Spark's default 10,000 tasks per table:
    // far too many tasks for a table of a few files on a few cores. A few tasks per core list
    // thousands of partition folders fine; a --conf the user gave wins.
    if (!spark.conf().contains(LISTING_PARALLELISM)) {
      spark
          .conf()
          .set(
              LISTING_PARALLELISM,
              String.valueOf(Math.max(8, 4 * spark.sparkContext().defaultParallelism())));
    }
    List<String> tables = tablesToMaintain();
    progress.step(
        (dryRun ? "Dry run over " : "Maintaining ")
            + tables.size()
            + " tables in "
            + warehouse.root()
            + "; time-travel window "
            + window);
    Map<String, Row> details = new LinkedHashMap<>();
    for (String table : tables) {
      details.put(table, DeltaTable.forPath(spark, warehouse.path(table)).detail().first());
    }
    checkWindows(details);
    List<TableOutcome> outcomes = new ArrayList<>();
    for (String table : tables) {
      spark.sparkContext().setJobDescription("encours maintain: " + table);
      outcomes.add(maintain(table, details.get(table)));
    }
    return new Result(dryRun, window, outcomes, progress.elapsedText());
  }

  /** Refuses, before writing anything, a window shorter than one a table already keeps. */
  private void checkWindows(Map<String, Row> details) {
    if (allowShorterWindow) {
      return;
    }
    List<String> longer = new ArrayList<>();
    for (Map.Entry<String, Row> e : details.entrySet()) {
      String recorded = properties(e.getValue()).get(FILE_RETENTION);
      Long days = recorded == null ? null : intervalDays(recorded);
      if (days != null && days > window.days()) {
        longer.add(e.getKey() + " (" + recorded + ")");
      }
    }
    if (!longer.isEmpty()) {
      throw EncoursErrors.refused(
          "shorten the time-travel window to " + window,
          String.join(", ", longer)
              + " already promise(s) a longer one, and versions an audit may need would be vacuumed",
          "Set "
              + TimeTravelWindow.ENVIRONMENT
              + " (or "
              + TimeTravelWindow.FLAG
              + ") to at least that, "
              + "or pass --shorten-window if the audit policy really changed.");
    }
  }

  private TableOutcome maintain(String table, Row detail) {
    SparkSession spark = warehouse.spark();
    String path = warehouse.path(table);
    long versionBefore = warehouse.version(table);
    long filesBefore = detail.getAs("numFiles");
    long bytesBefore = detail.getAs("sizeInBytes");
    Map<String, String> props = properties(detail);
    String windowBefore = props.getOrDefault(FILE_RETENTION, "Delta's default (7 days)");
    boolean windowSet =
        !window.deltaInterval().equals(props.get(LOG_RETENTION))
            || !window.deltaInterval().equals(props.get(FILE_RETENTION));
    long smallFiles = smallFilesToCompact(path);
    List<String> z = zOrder.getOrDefault(table, List.of());
    progress.step(
        String.format(
            Locale.ROOT,
            "%s: version %d, %,d files, %s, %,d small files to compact%s, window %s",
            table,
            versionBefore,
            filesBefore,
            bytes(bytesBefore),
            smallFiles,
            z.isEmpty() ? "" : ", Z-order by " + z,
            windowBefore));

    if (dryRun) {
      long vacuumable = vacuumDryRun(path);
      progress.step(
          String.format(
              Locale.ROOT,
              "%s: would %scompact %,d files%s and vacuum %,d files",
              table,
              windowSet ? "set the window to " + window.deltaInterval() + ", " : "",
              smallFiles,
              z.isEmpty() ? "" : " (Z-order by " + String.join(", ", z) + ")",
              vacuumable));
      return new TableOutcome(
          table,
          versionBefore,
          versionBefore,
          filesBefore,
          bytesBefore,
          filesBefore,
          windowBefore,
          windowSet,
          smallFiles,
          smallFiles,
          0,
          z,
          vacuumable);
    }

    if (windowSet) {
      spark.sql(
          "ALTER TABLE delta.`"
              + path
              + "` SET TBLPROPERTIES ('"
              + LOG_RETENTION
              + "' = '"
              + window.deltaInterval()
              + "', '"
              + FILE_RETENTION
              + "' = '"
              + window.deltaInterval()
              + "')");
    }
    long compacted = 0;
    long written = 0;
    if (!z.isEmpty() || smallFiles > 0) {
      DeltaTable delta = DeltaTable.forPath(spark, path);
      Dataset<Row> metrics =
          z.isEmpty()
              ? delta.optimize().executeCompaction()
              : delta.optimize().executeZOrderBy(z.toArray(String[]::new));
      Row m = metrics.select("metrics.numFilesRemoved", "metrics.numFilesAdded").first();
      compacted = m.getLong(0);
      written = m.getLong(1);
    }
    // VACUUM commits twice to the log (VACUUM START / END) even when it deletes nothing; a new
    // version makes the API reload and the KPI refresh compare snapshots, so only vacuum when
    // Delta's dry run finds something to delete: a run with nothing to do leaves every version as
    // is.
    long filesVacuumed = 0;
    if (vacuumDryRun(path) > 0) {
      // Delta prints "Deleted N files ..." on standard output, which keeps the one-line summary
      scala.Console.withOut(
          System.err, () -> DeltaTable.forPath(spark, path).vacuum(window.hours()).collect());
      filesVacuumed = vacuumedFiles(path);
    }
    long versionAfter = warehouse.version(table);
    long filesAfter = DeltaTable.forPath(spark, path).detail().first().getAs("numFiles");
    progress.step(
        String.format(
            Locale.ROOT,
            "%s: %scompacted %,d files into %,d%s, vacuumed %,d files; version %d -> %d",
            table,
            windowSet ? "window set to " + window.deltaInterval() + ", " : "",
            compacted,
            written,
            z.isEmpty() ? "" : " (Z-ordered by " + String.join(", ", z) + ")",
            filesVacuumed,
            versionBefore,
            versionAfter));
    return new TableOutcome(
        table,
        versionBefore,
        versionAfter,
        filesBefore,
        bytesBefore,
        filesAfter,
        windowBefore,
        windowSet,
        smallFiles,
        compacted,
        written,
        z,
        filesVacuumed);
  }

  /**
   * Files OPTIMIZE would rewrite: per partition, the files below Delta's minimum size, when there
   * are at least two of them (a lone small file is left alone, as Delta does).
   */
  private long smallFilesToCompact(String path) {
    long minSize =
        warehouse.spark().conf().contains(MIN_FILE_SIZE_CONF)
            ? Long.parseLong(warehouse.spark().conf().get(MIN_FILE_SIZE_CONF))
            : DELTA_MIN_FILE_SIZE;
    Dataset<Row> files =
        DeltaLog.forTable(warehouse.spark(), path)
            .update(false, scala.Option.empty(), scala.Option.empty())
            .allFiles()
            .toDF();
    Row r =
        files
            .groupBy(col("partitionValues").cast("string"))
            .agg(count(when(col("size").lt(minSize), 1)).as("small"))
            .agg(sum(when(col("small").geq(2), col("small")).otherwise(0)))
            .first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /** Files VACUUM would delete now with the window's retention (Delta's own DRY RUN). */
  private long vacuumDryRun(String path) {
    SparkSession spark = warehouse.spark();
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String before = spark.conf().get(check, "true");
    try {
      // A dry run deletes nothing, so Delta's check (against a longer recorded window) is moot
      // here;
      // the real run refuses a shorter window before it gets to VACUUM (checkWindows).
      spark.conf().set(check, "false");
      List<Row> listed =
          spark
              .sql("VACUUM delta.`" + path + "` RETAIN " + (long) window.hours() + " HOURS DRY RUN")
              .collectAsList();
      // Delta's list also names empty folders; count files only (an empty folder is no reason to
      // commit a VACUUM)
      FileSystem fs = new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
      long files = 0;
      for (Row r : listed) {
        if (fs.isFile(new Path(r.getString(0)))) {
          files++;
        }
      }
      return files;
    } catch (IOException e) {
      throw EncoursErrors.cannot("list", "the files VACUUM would delete in " + path, e, "");
    } finally {
      spark.conf().set(check, before);
    }
  }

  /** Files the last VACUUM deleted, from the table's history (VACUUM END). */
  private long vacuumedFiles(String path) {
    Row last =
        DeltaTable.forPath(warehouse.spark(), path)
            .history(1)
            .select("operation", "operationMetrics")
            .first();
    if (!"VACUUM END".equals(last.getString(0)) || last.isNullAt(1)) {
      return 0;
    }
    scala.Option<String> deleted = last.<String, String>getMap(1).get("numDeletedFiles");
    return deleted.isDefined() ? Long.parseLong(deleted.get()) : 0;
  }

  private List<String> tablesToMaintain() {
    TreeSet<String> found = new TreeSet<>();
    try {
      Path root = new Path(warehouse.root());
      FileSystem fs = root.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
      if (fs.exists(root)) {
        for (FileStatus s : fs.listStatus(root)) {
          if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log"))) {
            found.add(s.getPath().getName());
          }
        }
      }
    } catch (IOException e) {
      throw EncoursErrors.cannot("list", "the warehouse " + warehouse.root(), e, "");
    }
    if (only.isEmpty()) {
      if (found.isEmpty()) {
        throw EncoursErrors.nothingFound(
            "Delta tables",
            "the warehouse " + warehouse.root(),
            "point --warehouse (or ENCOURS_WAREHOUSE) at the warehouse the jobs wrote.");
      }
      return List.copyOf(found);
    }
    List<String> unknown =
        only.stream().filter(t -> !found.contains(t)).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw EncoursErrors.nothingFound(
          "Delta table " + unknown,
          "the warehouse " + warehouse.root(),
          "its tables are: " + String.join(", ", found) + ".");
    }
    return only;
  }

  private static Map<String, String> properties(Row detail) {
    Map<String, String> props = detail.getJavaMap(detail.fieldIndex("properties"));
    return props == null ? Map.of() : props;
  }

  /**
   * Whole days of a Delta interval such as {@code interval 550 days} or {@code interval 1 weeks};
   * null if unreadable.
   */
  static Long intervalDays(String interval) {
    String[] parts = interval.trim().toLowerCase(Locale.ROOT).split("\\s+");
    if (parts.length != 3 || !parts[0].equals("interval")) {
      return null;
    }
    try {
      long n = Long.parseLong(parts[1]);
      String unit =
          parts[2].endsWith("s") ? parts[2].substring(0, parts[2].length() - 1) : parts[2];
      return switch (unit) {
        case "week" -> n * 7;
        case "day" -> n;
        case "hour" -> n / 24;
        default -> null;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String bytes(long n) {
    return n >= 1L << 30
        ? String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30))
        : String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
  }
}
