package org.encours.warehouse.reader;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads committed Delta snapshots with Delta Kernel (never the Parquet files directly: a table's
 * folder also holds files that no longer belong to it). One instance is shared; it is thread-safe.
 *
 * <p>Example: the rows of the latest {@code as_of_date} partition of the latest version:
 *
 * <pre>{@code
 * DeltaTableReader reader = DeltaTableReader.local();
 * DeltaTableReader.ReadResult r = reader.read(path, OptionalLong.empty(), "as_of_date",
 *     List.of("customer_id", "grade"), row -> ids.add(row.string("customer_id")));
 * }</pre>
 */
public final class DeltaTableReader {
  private final Engine engine;

  public DeltaTableReader(Configuration conf) {
    this.engine = DefaultEngine.create(conf);
  }

  /**
   * A reader over the local file system (and whatever Hadoop file systems are on the classpath).
   */
  public static DeltaTableReader local() {
    return new DeltaTableReader(new Configuration());
  }

  Engine engine() {
    return engine;
  }

  /** The latest committed version of the table at {@code path}, or empty when there is no table. */
  public OptionalLong latestVersion(String path) {
    try {
      return OptionalLong.of(
          Table.forPath(engine, path).getLatestSnapshot(engine).getVersion(engine));
    } catch (TableNotFoundException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * What one read saw: the version read, the partition date chosen (if any) and the rows passed on.
   */
  public record ReadResult(long version, LocalDate partitionDate, long rows, StructType schema) {}

  /**
   * Receives the rows of a read, one at a time; the {@link RowView} is only valid during the call.
   */
  @FunctionalInterface
  public interface RowSink {
    void accept(RowView row);
  }

  /**
   * Reads one snapshot of the table: {@code version} or the latest, and, when {@code
   * latestPartition} names a date partition column, only the rows of its greatest value. Only
   * {@code columns} are read; a missing one fails with a {@link TableSchemaException} naming it.
   *
   * @throws TableNotFoundException when there is no Delta table at {@code path}
   */
  public ReadResult read(
      String path,
      OptionalLong version,
      String latestPartition,
      List<ColumnSpec> columns,
      RowSink sink)
      throws TableNotFoundException {
    Table table = Table.forPath(engine, path);
    Snapshot snapshot =
        version.isPresent()
            ? table.getSnapshotAsOfVersion(engine, version.getAsLong())
            : table.getLatestSnapshot(engine);
    long readVersion = snapshot.getVersion(engine);
    StructType tableSchema = snapshot.getSchema(engine);
    StructType readSchema = checkedReadSchema(path, tableSchema, columns);

    LocalDate partitionDate = null;
    Optional<Predicate> filter = Optional.empty();
    if (latestPartition != null) {
      StructField field = field(tableSchema, latestPartition);
      if (field == null || !(field.getDataType() instanceof DateType)) {
        throw new TableSchemaException(
            path,
            latestPartition,
            "date",
            field == null ? "no such column" : field.getDataType().toString());
      }
      partitionDate = latestPartitionDate(snapshot, latestPartition);
      if (partitionDate == null) {
        return new ReadResult(readVersion, null, 0, tableSchema);
      }
      filter =
          Optional.of(
              new Predicate(
                  "=",
                  new Column(latestPartition),
                  Literal.ofDate((int) partitionDate.toEpochDay())));
    }

    var builder = snapshot.getScanBuilder(engine).withReadSchema(engine, readSchema);
    if (filter.isPresent()) {
      builder = builder.withFilter(engine, filter.get());
    }
    Scan scan = builder.build();
    Row scanState = scan.getScanState(engine);
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
    int dateOrdinal = latestPartition == null ? -1 : readSchema.indexOf(latestPartition);
    int dateToKeep = partitionDate == null ? 0 : (int) partitionDate.toEpochDay();
    long rows = 0;
    RowView view = new RowView(readSchema);
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Row scanFile = fileRows.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<ColumnarBatch> physical =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(status), physicalSchema, Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
              while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                ColumnarBatch data = batch.getData();
                ColumnVector selection = batch.getSelectionVector().orElse(null);
                ColumnVector dates = dateOrdinal < 0 ? null : data.getColumnVector(dateOrdinal);
                view.batch(data);
                int size = data.getSize();
                for (int i = 0; i < size; i++) {
                  if (selection != null && (selection.isNullAt(i) || !selection.getBoolean(i))) {
                    continue;
                  }
                  // the partition filter is only a hint to Kernel: keep exactly the chosen date
                  if (dates != null && (dates.isNullAt(i) || dates.getInt(i) != dateToKeep)) {
                    continue;
                  }
                  view.row(i);
                  sink.accept(view);
                  rows++;
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read the Delta table at " + path + ": " + e.getMessage(), e);
    }
    return new ReadResult(readVersion, partitionDate, rows, tableSchema);
  }

  /** The greatest value of a date partition column, from the file list alone (no data read). */
  private LocalDate latestPartitionDate(Snapshot snapshot, String column) {
    LocalDate latest = null;
    Scan scan = snapshot.getScanBuilder(engine).build();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Map<String, String> values = InternalScanFileUtils.getPartitionValues(fileRows.next());
            String value = values.get(column);
            if (value != null && !value.isEmpty()) {
              LocalDate d = LocalDate.parse(value);
              if (latest == null || d.isAfter(latest)) {
                latest = d;
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return latest;
  }

  static StructField field(StructType schema, String name) {
    int index = schema.indexOf(name);
    return index < 0 ? null : schema.at(index);
  }

  private static StructType checkedReadSchema(
      String path, StructType tableSchema, List<ColumnSpec> columns) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec spec : columns) {
      StructField field = field(tableSchema, spec.name());
      if (field == null) {
        if (spec.required()) {
          throw new TableSchemaException(path, spec.name(), spec.expected(), "no such column");
        }
        continue;
      }
      DataType type = field.getDataType();
      if (!spec.accepts(type)) {
        throw new TableSchemaException(path, spec.name(), spec.expected(), type.toString());
      }
      fields.add(field);
    }
    return new StructType(fields);
  }
}
