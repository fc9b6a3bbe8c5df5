package org.encours.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.encours.core.UserFacingException;
import org.encours.core.cli.Progress;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.Test;

class WarehouseMaintenanceTest {
  private static final SparkSession SPARK = SharedSpark.session();

  /** A table written in {@code appends} commits of 10 rows each: one small file per commit. */
  private static Warehouse tableOfAppends(String table, int appends) {
    Warehouse warehouse = SharedSpark.newWarehouse();
    for (int i = 0; i < appends; i++) {
      SPARK
          .range(i * 10L, (i + 1) * 10L)
          .toDF("n")
          .coalesce(1)
          .write()
          .format("delta")
          .mode("append")
          .save(warehouse.path(table));
    }
    return warehouse;
  }

  private static long filesOf(Warehouse warehouse, String table) {
    return DeltaTable.forPath(SPARK, warehouse.path(table)).detail().first().getAs("numFiles");
  }

  /** Rows of a version, read from its data files (Delta answers a plain count() from its log). */
  private static long countAt(Warehouse warehouse, String table, long version) {
    return SPARK
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(warehouse.path(table))
        .collectAsList()
        .size();
  }

  private static Set<String> filesOnDisk(Warehouse warehouse, String table) throws IOException {
    Path dir = Path.of(java.net.URI.create(warehouse.path(table)));
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Map<String, String> propertiesOf(Warehouse warehouse, String table) {
    return DeltaTable.forPath(SPARK, warehouse.path(table))
        .detail()
        .first()
        .getJavaMap(
            DeltaTable.forPath(SPARK, warehouse.path(table))
                .detail()
                .first()
                .fieldIndex("properties"));
  }

  @Test
  void compactsSmallFilesIntoOneAndEveryVersionStaysReadable() {
    Warehouse warehouse = tableOfAppends("numbers", 5); // versions 0..4 holding 10, 20, ... 50 rows
    assertThat(filesOf(warehouse, "numbers")).isEqualTo(5);

    WarehouseMaintenance.Result result =
        new WarehouseMaintenance(warehouse, Progress.silent("maintain"))
            .window(TimeTravelWindow.defaults())
            .execute();

    WarehouseMaintenance.TableOutcome numbers = result.tables().get(0);
    assertThat(numbers.table()).isEqualTo("numbers");
    assertThat(numbers.smallFiles()).isEqualTo(5);
    assertThat(numbers.filesCompacted()).isEqualTo(5);
    assertThat(numbers.filesWritten()).isEqualTo(1);
    assertThat(filesOf(warehouse, "numbers")).isEqualTo(1);
    assertThat(warehouse.read("numbers").count()).isEqualTo(50);
    // the files OPTIMIZE replaced were removed just now: VACUUM keeps them for the window
    assertThat(numbers.filesVacuumed()).isZero();
    for (long v = 0; v <= 4; v++) {
      assertThat(countAt(warehouse, "numbers", v))
          .as("rows at version %d", v)
          .isEqualTo(10 * (v + 1));
    }
    assertThat(propertiesOf(warehouse, "numbers"))
        .containsEntry(WarehouseMaintenance.LOG_RETENTION, "interval 550 days")
        .containsEntry(WarehouseMaintenance.FILE_RETENTION, "interval 550 days");
    // new tables carry the window from their first commit (SparkSessions), so nothing to set here
    assertThat(result.summary())
        .startsWith(
            "maintain: 1 tables; set the time-travel window on 0, compacted 5 small files into 1 in 1 tables")
        .contains("time travel kept 550 days (default)");
  }

  @Test
  void vacuumDeletesOnlyFilesRemovedBeforeTheWindowSoVersionsInsideItStayReadable()
      throws IOException {
    Warehouse warehouse = tableOfAppends("numbers", 2); // v0: 10 rows, v1: 20 rows
    String path = warehouse.path("numbers");
    SPARK
        .range(0, 5)
        .toDF("n")
        .coalesce(1)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(path); // v2: 5 rows, removes v0-v1 files
    SPARK
        .range(5, 8)
        .toDF("n")
        .coalesce(1)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(path); // v3: 3 rows, removes v2's file
    // Age the first overwrite: it happened 10 days ago (its tombstones and the files it removed),
    // so versions 0 and 1 were superseded 10 days ago; version 2 was the latest until just now.
    long tenDaysAgo = System.currentTimeMillis() - Duration.ofDays(10).toMillis();
    ageCommit(warehouse, "numbers", 2, tenDaysAgo);
    DeltaLog.clearCache();

    WarehouseMaintenance.Result result =
        new WarehouseMaintenance(warehouse, Progress.silent("maintain"))
            .window(TimeTravelWindow.parse("7", "test"))
            .allowShorterWindow(true) // the table was created with the default 550 days
            .execute();

    assertThat(result.tables().get(0).filesVacuumed()).isEqualTo(2);
    assertThat(countAt(warehouse, "numbers", 3)).isEqualTo(3);
    assertThat(countAt(warehouse, "numbers", 2)).as("superseded inside the window").isEqualTo(5);
    assertThatThrownBy(() -> countAt(warehouse, "numbers", 0))
        .as("superseded before the window")
        .isInstanceOf(Exception.class);
  }

  /**
   * Rewrites commit {@code version}'s remove timestamps and the removed files' modification times.
   */
  private static void ageCommit(Warehouse warehouse, String table, long version, long atMillis)
      throws IOException {
    Path dir = Path.of(java.net.URI.create(warehouse.path(table)));
    Path commit = dir.resolve("_delta_log").resolve(String.format("%020d.json", version));
    String json = Files.readString(commit, StandardCharsets.UTF_8);
    Matcher removed = Pattern.compile("\"remove\":\\{\"path\":\"([^\"]+)\"").matcher(json);
    while (removed.find()) {
      File f = dir.resolve(removed.group(1)).toFile();
      assertThat(f.setLastModified(atMillis)).isTrue();
    }
    Files.deleteIfExists(
        commit.resolveSibling(
            "." + commit.getFileName() + ".crc")); // Hadoop's checksum of the old text
    Files.writeString(
        commit,
        json.replaceAll("\"deletionTimestamp\":\\d+", "\"deletionTimestamp\":" + atMillis),
        StandardCharsets.UTF_8);
  }

  @Test
  void aSecondRunWithNothingToDoCommitsNothing() {
    Warehouse warehouse = tableOfAppends("numbers", 3);
    new WarehouseMaintenance(warehouse, Progress.silent("maintain")).execute();
    long version = warehouse.version("numbers");

    WarehouseMaintenance.Result again =
        new WarehouseMaintenance(warehouse, Progress.silent("maintain")).execute();

    assertThat(again.tables().get(0).filesCompacted()).isZero();
    assertThat(warehouse.version("numbers"))
        .as("no OPTIMIZE, ALTER or VACUUM commit")
        .isEqualTo(version);
  }

  @Test
  void aDryRunReportsWhatItWouldDoAndChangesNothing() throws IOException {
    Warehouse warehouse = tableOfAppends("numbers", 3);
    long version = warehouse.version("numbers");
    Set<String> before = filesOnDisk(warehouse, "numbers");
    Map<String, String> properties = Map.copyOf(propertiesOf(warehouse, "numbers"));

    WarehouseMaintenance.Result result =
        new WarehouseMaintenance(warehouse, Progress.silent("maintain"))
            .window(TimeTravelWindow.parse("600", "test"))
            .dryRun(true)
            .execute();

    assertThat(result.tables().get(0).smallFiles()).isEqualTo(3);
    assertThat(result.tables().get(0).windowSet()).isTrue();
    assertThat(result.summary())
        .startsWith(
            "maintain (dry run): 1 tables; would set the time-travel window on 1, compact 3 small files in 1 tables, vacuum 0 files; nothing changed");
    assertThat(warehouse.version("numbers")).isEqualTo(version);
    assertThat(filesOnDisk(warehouse, "numbers")).isEqualTo(before);
    assertThat(propertiesOf(warehouse, "numbers")).isEqualTo(properties);
  }

  @Test
  void refusesAWindowShorterThanTheOneATableKeepsBeforeChangingAnything() {
    Warehouse warehouse = tableOfAppends("numbers", 2); // created with the default window, 550 days
    long version = warehouse.version("numbers");

    assertThatThrownBy(
            () ->
                new WarehouseMaintenance(warehouse, Progress.silent("maintain"))
                    .window(TimeTravelWindow.parse("30", TimeTravelWindow.ENVIRONMENT))
                    .execute())
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "Refusing to shorten the time-travel window to 30 days (ENCOURS_TIME_TRAVEL_DAYS)")
        .hasMessageContaining("numbers (interval 550 days)")
        .hasMessageContaining("--shorten-window");
    assertThat(warehouse.version("numbers")).isEqualTo(version);

    new WarehouseMaintenance(warehouse, Progress.silent("maintain"))
        .window(TimeTravelWindow.parse("30", "test"))
        .allowShorterWindow(true)
        .execute();
    assertThat(propertiesOf(warehouse, "numbers"))
        .containsEntry(WarehouseMaintenance.FILE_RETENTION, "interval 30 days");
  }

  @Test
  void deltaItselfRefusesToVacuumBelowTheWindowATableRecords() {
    Warehouse warehouse = tableOfAppends("numbers", 1);
    new WarehouseMaintenance(warehouse, Progress.silent("maintain")).execute();
    assertThatThrownBy(() -> DeltaTable.forPath(SPARK, warehouse.path("numbers")).vacuum(7 * 24))
        .hasMessageContaining("retention period");
  }

  @Test
  void aWindowBelowDeltasSevenDaysOrNotANumberFailsNamingTheKey() {
    assertThatThrownBy(() -> TimeTravelWindow.parse("6", TimeTravelWindow.ENVIRONMENT))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(
            "Invalid value '6' for ENCOURS_TIME_TRAVEL_DAYS: expected a whole number of days between 7");
    assertThatThrownBy(() -> TimeTravelWindow.parse("18 months", TimeTravelWindow.FLAG))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("Invalid value '18 months' for --time-travel-days");
    assertThat(TimeTravelWindow.parse(" 550 ", "x").deltaInterval()).isEqualTo("interval 550 days");
    assertThat(TimeTravelWindow.defaults().days()).isEqualTo(550);
    assertThat(WarehouseMaintenance.intervalDays("interval 2 weeks")).isEqualTo(14L);
    assertThat(WarehouseMaintenance.intervalDays("interval 550 days")).isEqualTo(550L);
  }

  @Test
  void newTablesKeepTheWindowFromTheirFirstCommit() {
    Warehouse warehouse = tableOfAppends("numbers", 1);
    assertThat(propertiesOf(warehouse, "numbers"))
        .containsEntry(
            WarehouseMaintenance.LOG_RETENTION, TimeTravelWindow.fromEnvironment().deltaInterval())
        .containsEntry(
            WarehouseMaintenance.FILE_RETENTION,
            TimeTravelWindow.fromEnvironment().deltaInterval());
  }

  @Test
  void namesAnUnknownTableAndListsTheOnesThere() {
    Warehouse warehouse = tableOfAppends("numbers", 1);
    assertThatThrownBy(
            () ->
                new WarehouseMaintenance(warehouse, Progress.silent("maintain"))
                    .tables(List.of("invoices"))
                    .execute())
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("No Delta table [invoices]")
        .hasMessageContaining("its tables are: numbers");
  }
}
