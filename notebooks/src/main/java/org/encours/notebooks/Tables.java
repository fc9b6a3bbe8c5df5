package org.encours.notebooks;

import io.delta.kernel.Snapshot;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.encours.core.tables.Columns;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.DeltaTableReader;

/**
 * The warehouse as a notebook reads it: committed Delta snapshots through the warehouse reader
 * (Delta Kernel; never the Parquet files directly: a table's folder also holds files that no longer
 * belong to it), all columns, into memory. A derived table is named by its catalogue entry ({@link
 * DerivedTable}) and read checked against it: a table written by another version of Encours fails
 * naming the column it lacks.
 *
 * <pre>{@code
 * Tables tables = Tables.fromEnvironment();                         // ENCOURS_WAREHOUSE, else ../var/warehouse
 * Table aging = tables.latestPartition(DerivedTable.AGING);         // the latest as_of_date only
 * Table kpis = tables.read(DerivedTable.RECEIVABLES_KPIS);          // every month
 * Table invoices = tables.read("invoices");                         // any table by its name
 * }</pre>
 */
public final class Tables {
  /** The partition column of the dated tables (aging, scores, recommendations, ...). */
  public static final String AS_OF = Columns.AS_OF_DATE;

  private final Path root;
  private final Engine engine;
  private final DeltaTableReader reader;

  private Tables(Path root) {
    Configuration conf = new Configuration();
    this.root = root.toAbsolutePath().normalize();
    this.engine = DefaultEngine.create(conf);
    this.reader = new DeltaTableReader(conf);
  }

  /** The warehouse at {@code root}; fails with what to do when it holds no table. */
  public static Tables open(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "No warehouse at "
              + root.toAbsolutePath().normalize()
              + ": run ./encours demo --no-serve from the checkout (it writes var/warehouse), or set ENCOURS_WAREHOUSE to your warehouse folder.");
    }
    return new Tables(root);
  }

  /**
   * {@code ENCOURS_WAREHOUSE} when set, else the checkout's {@code var/warehouse} (what {@code
   * ./encours demo} writes).
   */
  public static Tables fromEnvironment() {
    return open(warehouseFolder());
  }

  /**
   * {@code ENCOURS_WAREHOUSE} when set, else {@code var/warehouse} of the checkout (notebooks run
   * from notebooks/).
   */
  public static Path warehouseFolder() {
    return fromEnvironment("ENCOURS_WAREHOUSE", "var/warehouse");
  }

  /**
   * {@code ENCOURS_MODELS} when set, else {@code var/demo/models} of the checkout (the demo's model
   * registry).
   */
  public static Path modelsFolder() {
    return fromEnvironment("ENCOURS_MODELS", "var/demo/models");
  }

  private static Path fromEnvironment(String variable, String inCheckout) {
    String set = System.getenv(variable);
    if (set != null && !set.isBlank()) {
      return Path.of(set).toAbsolutePath().normalize();
    }
    Path here = Path.of("").toAbsolutePath();
    // from notebooks/ (Jupyter starts the kernel in the notebook's folder) or from the checkout
    // itself
    Path checkout =
        Files.isDirectory(here.resolve("../notebooks"))
                && !Files.isDirectory(here.resolve("notebooks"))
            ? here.getParent()
            : here;
    return checkout.resolve(inCheckout).normalize();
  }

  public Path root() {
    return root;
  }

  /** The latest committed version of a table, or -1 when there is no such table. */
  public long version(String table) {
    OptionalLong v = reader.latestVersion(path(table));
    return v.isPresent() ? v.getAsLong() : -1;
  }

  /** Every row of the table's latest committed version. */
  public Table read(String table) {
    return read(table, null, List.of());
  }

  /**
   * Every row of the derived table's latest committed version, with at least its catalogue's
   * columns.
   */
  public Table read(DerivedTable table) {
    return read(table.tableName(), null, contract(table));
  }

  /** The rows of the greatest {@code as_of_date} of the table's latest committed version. */
  public Table latestPartition(String table) {
    return read(table, AS_OF, List.of());
  }

  /**
   * The rows of the greatest {@code as_of_date} of the derived table, with at least its catalogue's
   * columns.
   */
  public Table latestPartition(DerivedTable table) {
    return read(table.tableName(), AS_OF, contract(table));
  }

  private static List<ColumnSpec> contract(DerivedTable table) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (String column : table.columnNames()) {
      specs.add(ColumnSpec.required(table, column));
    }
    return specs;
  }

  private Table read(String table, String latestDateColumn, List<ColumnSpec> required) {
    String path = path(table);
    Snapshot snapshot;
    try {
      snapshot = io.delta.kernel.Table.forPath(engine, path).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      throw new IllegalArgumentException(
          "No table '"
              + table
              + "' in "
              + root
              + ": run the job that writes it (./encours demo --no-serve writes them all).",
          e);
    }
    long version = snapshot.getVersion(engine);
    List<String> columns = new ArrayList<>();
    List<ColumnSpec> specs = new ArrayList<>(required);
    for (StructField f : snapshot.getSchema(engine).fields()) {
      columns.add(f.getName());
      if (required.stream().noneMatch(spec -> spec.name().equals(f.getName()))) {
        specs.add(ColumnSpec.optional(f.getName(), ColumnSpec.Kind.ANY));
      }
    }
    List<TableRow> rows = new ArrayList<>();
    DeltaTableReader.ReadResult r =
        reader.read(
            path,
            OptionalLong.of(version),
            latestDateColumn,
            specs,
            row -> {
              Map<String, Object> values = new LinkedHashMap<>();
              for (String c : columns) {
                values.put(c, row.value(c));
              }
              rows.add(new TableRow(values));
            });
    return new Table(table, r.version(), r.partitionDate(), columns, rows);
  }

  private String path(String table) {
    return root.resolve(table).toString();
  }
}
