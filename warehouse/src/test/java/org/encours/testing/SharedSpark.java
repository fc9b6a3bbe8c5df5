package org.encours.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.encours.warehouse.SparkSessions;
import org.encours.warehouse.Warehouse;

/**
 * The one local Spark session of a test JVM: 2 threads, 1 shuffle partition, UI off, loopback,
 * Delta enabled, and no generated code: on the few rows of a test, compiling each query's Java
 * (whole-stage and expression code generation) costs more than interpreting it, and the results are
 * the same. The jobs themselves run with Spark's defaults, code generation included, in
 * ClusterPipelineIT and in {@code encours demo}. Tests get fresh warehouses in temporary folders
 * and compare DataFrames through spark-testing-base.
 */
public final class SharedSpark {
  private static SparkSession session;
  private static JavaDataFrameSuiteBase comparisons;
  private static final Map<String, Warehouse> FIXTURES = new HashMap<>();

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSessions.create(
              "encours-tests",
              "local[2]",
              Map.of(
                  "spark.sql.shuffle.partitions", "1",
                  "spark.default.parallelism", "2",
                  "spark.databricks.delta.snapshotPartitions", "1",
                  "spark.sql.codegen.wholeStage", "false",
                  "spark.sql.codegen.factoryMode", "NO_CODEGEN",
                  "spark.ui.enabled", "false",
                  "spark.sql.warehouse.dir", tempDir("spark-warehouse").toString()));
    }
    return session;
  }

  /** A new, empty warehouse in its own temporary folder. */
  public static Warehouse newWarehouse() {
    return new Warehouse(session(), tempDir("warehouse").toString());
  }

  public static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory("encours-" + prefix + "-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A new warehouse in its own temporary folder holding a copy of every file of {@code original}:
   * the same tables at the same Delta versions, with their history and change data. A fixture that
   * several tests start from is built once and copied for each, which then changes its copy.
   */
  public static Warehouse copyOf(Warehouse original) {
    String root = original.root();
    Path copy = tempDir("warehouse");
    copyTree(Path.of(URI.create(root.startsWith("file:") ? root : "file:" + root)), copy);
    return new Warehouse(session(), copy.toString());
  }

  /**
   * A copy of the fixture warehouse {@code build} gives, built the first time this JVM asks for
   * {@code name}: a test class builds its fixture once and each test changes its own copy.
   */
  public static synchronized Warehouse copyOfFixture(String name, Supplier<Warehouse> build) {
    return copyOf(FIXTURES.computeIfAbsent(name, n -> build.get()));
  }

  /** Copies every file under {@code from} to the same place under {@code to}. */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with a readable difference unless both datasets hold the same rows in the same order. */
  public static void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
    JavaDataFrameSuiteBase c = comparisons();
    c.assertDataFrameEquals(expected, actual, c.assertDataFrameEquals$default$3());
  }

  /** Same values with numeric columns equal within {@code tolerance}, same order. */
  public static void assertDataFrameApproximateEquals(
      Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    comparisons().assertDataFrameApproximateEquals(expected, actual, tolerance);
  }

  /** Same rows regardless of order. */
  public static void assertDataFrameNoOrderEquals(Dataset<Row> expected, Dataset<Row> actual) {
    comparisons().assertDataFrameNoOrderEquals(expected, actual);
  }

  private static synchronized JavaDataFrameSuiteBase comparisons() {
    if (comparisons == null) {
      session();
      comparisons = new JavaDataFrameSuiteBase();
      comparisons.sqlBeforeAllTestCases();
    }
    return comparisons;
  }
}
