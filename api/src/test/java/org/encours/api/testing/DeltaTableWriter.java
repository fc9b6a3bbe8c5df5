package org.encours.api.testing;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes small Delta tables with Delta Kernel's own write API (no Spark), for tests and the
 * benchmark: {@code append(path, schema, "as_of_date", rows)} creates the table on first use and
 * commits one new version per call. Rows are {@code Map<String, Object>} of plain Java values
 * (String, Integer, Long, Double, BigDecimal, LocalDate, List, Map; a struct is a Map).
 */
public final class DeltaTableWriter {
  private final Engine engine = DefaultEngine.create(new Configuration());

  /** Appends rows in one commit (grouped by the partition column's value); returns the version. */
  public long append(
      String path, StructType schema, String partitionColumn, List<Map<String, Object>> rows) {
    Table table = Table.forPath(engine, path);
    boolean exists = new java.io.File(path, "_delta_log").isDirectory();
    TransactionBuilder builder =
        table.createTransactionBuilder(
            engine, "encours-tests", exists ? Operation.WRITE : Operation.CREATE_TABLE);
    if (!exists) {
      builder = builder.withSchema(engine, schema);
      if (partitionColumn != null) {
        builder = builder.withPartitionColumns(engine, List.of(partitionColumn));
      }
    }
    Transaction txn = builder.build(engine);
    Row state = txn.getTransactionState(engine);
    Map<Object, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      groups
          .computeIfAbsent(
              partitionColumn == null ? "" : row.get(partitionColumn), k -> new ArrayList<>())
          .add(row);
    }
    List<Row> actions = new ArrayList<>();
    try {
      for (Map.Entry<Object, List<Map<String, Object>>> group : groups.entrySet()) {
        Map<String, Literal> partition = new LinkedHashMap<>();
        if (partitionColumn != null) {
          partition.put(
              partitionColumn,
              literal(schema.at(schema.indexOf(partitionColumn)).getDataType(), group.getKey()));
        }
        List<FilteredColumnarBatch> batches = new ArrayList<>();
        List<Map<String, Object>> groupRows = group.getValue();
        for (int from = 0; from < groupRows.size(); from += 100_000) {
          batches.add(
              new FilteredColumnarBatch(
                  batch(
                      schema, groupRows.subList(from, Math.min(groupRows.size(), from + 100_000))),
                  Optional.empty()));
        }
        CloseableIterator<FilteredColumnarBatch> physical =
            Transaction.transformLogicalData(
                engine, state, Utils.toCloseableIterator(batches.iterator()), partition);
        DataWriteContext context = Transaction.getWriteContext(engine, state, partition);
        CloseableIterator<DataFileStatus> files =
            engine
                .getParquetHandler()
                .writeParquetFiles(
                    context.getTargetDirectory(), physical, context.getStatisticsColumns());
        CloseableIterator<Row> append =
            Transaction.generateAppendActions(engine, state, files, context);
        while (append.hasNext()) {
          actions.add(append.next());
        }
      }
      return txn.commit(
              engine,
              CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())))
          .getVersion();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Literal literal(DataType type, Object value) {
    if (type instanceof DateType) {
      return Literal.ofDate((int) ((LocalDate) value).toEpochDay());
    }
    return Literal.ofString(String.valueOf(value));
  }

  static ColumnarBatch batch(StructType schema, List<Map<String, Object>> rows) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (StructField field : schema.fields()) {
      List<Object> values = new ArrayList<>(rows.size());
      for (Map<String, Object> row : rows) {
        values.add(row.get(field.getName()));
      }
      vectors.add(new JavaVector(field.getDataType(), values));
    }
    return new ListBatch(schema, vectors, rows.size());
  }

  /** A batch over column vectors; supports the column edits Kernel's write path makes. */
  private record ListBatch(StructType schema, List<ColumnVector> vectors, int size)
      implements ColumnarBatch {
    @Override
    public StructType getSchema() {
      return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
      return vectors.get(ordinal);
    }

    @Override
    public int getSize() {
      return size;
    }

    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal) {
      List<StructField> fields = new ArrayList<>(schema.fields());
      fields.remove(ordinal);
      List<ColumnVector> kept = new ArrayList<>(vectors);
      kept.remove(ordinal);
      return new ListBatch(new StructType(fields), kept, size);
    }

    @Override
    public ColumnarBatch withNewColumn(int ordinal, StructField field, ColumnVector vector) {
      List<StructField> fields = new ArrayList<>(schema.fields());
      fields.add(ordinal, field);
      List<ColumnVector> more = new ArrayList<>(vectors);
      more.add(ordinal, vector);
      return new ListBatch(new StructType(fields), more, size);
    }

    @Override
    public ColumnarBatch withNewSchema(StructType newSchema) {
      return new ListBatch(newSchema, vectors, size);
    }
  }

  /** A column vector over a list of Java values. */
  private static final class JavaVector implements ColumnVector {
    private final DataType type;
    private final List<?> values;

    JavaVector(DataType type, List<?> values) {
      this.type = type;
      this.values = values;
    }

    @Override
    public DataType getDataType() {
      return type;
    }

    @Override
    public int getSize() {
      return values.size();
    }

    @Override
    public void close() {}

    @Override
    public boolean isNullAt(int rowId) {
      return values.get(rowId) == null;
    }

    @Override
    public boolean getBoolean(int rowId) {
      return (Boolean) values.get(rowId);
    }

    @Override
    public int getInt(int rowId) {
      Object v = values.get(rowId);
      return v instanceof LocalDate d ? (int) d.toEpochDay() : ((Number) v).intValue();
    }

    @Override
    public long getLong(int rowId) {
      return ((Number) values.get(rowId)).longValue();
    }

    @Override
    public double getDouble(int rowId) {
      return ((Number) values.get(rowId)).doubleValue();
    }

    @Override
    public String getString(int rowId) {
      return (String) values.get(rowId);
    }

    @Override
    public BigDecimal getDecimal(int rowId) {
      return (BigDecimal) values.get(rowId);
    }

    @Override
    public ArrayValue getArray(int rowId) {
      List<?> list = (List<?>) values.get(rowId);
      JavaVector elements = new JavaVector(((ArrayType) type).getElementType(), list);
      return new ArrayValue() {
        @Override
        public int getSize() {
          return list.size();
        }

        @Override
        public ColumnVector getElements() {
          return elements;
        }
      };
    }

    @Override
    public MapValue getMap(int rowId) {
      Map<?, ?> map = (Map<?, ?>) values.get(rowId);
      MapType mapType = (MapType) type;
      JavaVector keys = new JavaVector(mapType.getKeyType(), new ArrayList<>(map.keySet()));
      JavaVector vals = new JavaVector(mapType.getValueType(), new ArrayList<>(map.values()));
      return new MapValue() {
        @Override
        public int getSize() {
          return map.size();
        }

        @Override
        public ColumnVector getKeys() {
          return keys;
        }

        @Override
        public ColumnVector getValues() {
          return vals;
        }
      };
    }

    @Override
    public ColumnVector getChild(int ordinal) {
      StructField field = ((StructType) type).at(ordinal);
      List<Object> child = new ArrayList<>(values.size());
      for (Object v : values) {
        child.add(v == null ? null : ((Map<?, ?>) v).get(field.getName()));
      }
      return new JavaVector(field.getDataType(), child);
    }
  }
}
