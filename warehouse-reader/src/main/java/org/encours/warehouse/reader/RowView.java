package org.encours.warehouse.reader;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a Kernel batch, read by column name. Optional columns absent from the table read as
 * null. Valid only inside {@link DeltaTableReader.RowSink#accept}.
 */
public final class RowView {
  private final StructType schema;
  private ColumnarBatch batch;
  private int row;

  RowView(StructType schema) {
    this.schema = schema;
  }

  void batch(ColumnarBatch batch) {
    this.batch = batch;
  }

  void row(int row) {
    this.row = row;
  }

  /** The vector of a column, or null when the table does not have it. */
  private ColumnVector vector(String column) {
    int index = schema.indexOf(column);
    return index < 0 ? null : batch.getColumnVector(index);
  }

  public boolean isNull(String column) {
    ColumnVector v = vector(column);
    return v == null || v.isNullAt(row);
  }

  public String string(String column) {
    ColumnVector v = vector(column);
    return v == null || v.isNullAt(row) ? null : v.getString(row);
  }

  /** A number column as a double (NaN when null or absent). */
  public double dbl(String column) {
    ColumnVector v = vector(column);
    if (v == null || v.isNullAt(row)) {
      return Double.NaN;
    }
    return toDouble(v, v.getDataType(), row);
  }

  /** An integer column as a long, or {@code otherwise} when null or absent. */
  public long lng(String column, long otherwise) {
    ColumnVector v = vector(column);
    if (v == null || v.isNullAt(row)) {
      return otherwise;
    }
    DataType t = v.getDataType();
    if (t instanceof LongType) {
      return v.getLong(row);
    }
    if (t instanceof IntegerType) {
      return v.getInt(row);
    }
    if (t instanceof ShortType) {
      return v.getShort(row);
    }
    if (t instanceof ByteType) {
      return v.getByte(row);
    }
    return (long) toDouble(v, t, row);
  }

  /**
   * A money column in hundredths (cents), rounded half-even; {@link Long#MIN_VALUE} when null.
   * Money is kept as a long so that a million rows stay small.
   */
  public long cents(String column) {
    ColumnVector v = vector(column);
    if (v == null || v.isNullAt(row)) {
      return Long.MIN_VALUE;
    }
    DataType t = v.getDataType();
    if (t instanceof DecimalType) {
      return v.getDecimal(row).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }
    return BigDecimal.valueOf(toDouble(v, t, row))
        .setScale(2, RoundingMode.HALF_EVEN)
        .unscaledValue()
        .longValueExact();
  }

  /** A date (or timestamp, UTC day) column as an epoch day; {@link Integer#MIN_VALUE} when null. */
  public int epochDay(String column) {
    ColumnVector v = vector(column);
    if (v == null || v.isNullAt(row)) {
      return Integer.MIN_VALUE;
    }
    Object value = toJava(v, v.getDataType(), row);
    if (value instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    if (value instanceof Instant i) {
      return (int) LocalDate.ofInstant(i, ZoneOffset.UTC).toEpochDay();
    }
    return (int) ((LocalDateTime) value).toLocalDate().toEpochDay();
  }

  /**
   * Any column as plain Java values: String, Long, Integer, Double, BigDecimal, LocalDate, List,
   * Map.
   */
  public Object value(String column) {
    ColumnVector v = vector(column);
    if (v == null) {
      return null;
    }
    return toJava(v, v.getDataType(), row);
  }

  private static double toDouble(ColumnVector v, DataType t, int i) {
    if (t instanceof DoubleType) {
      return v.getDouble(i);
    }
    if (t instanceof FloatType) {
      return v.getFloat(i);
    }
    if (t instanceof DecimalType) {
      return v.getDecimal(i).doubleValue();
    }
    if (t instanceof LongType) {
      return v.getLong(i);
    }
    if (t instanceof IntegerType) {
      return v.getInt(i);
    }
    if (t instanceof ShortType) {
      return v.getShort(i);
    }
    if (t instanceof ByteType) {
      return v.getByte(i);
    }
    throw new IllegalStateException("not a number: " + t);
  }

  static Object toJava(ColumnVector v, DataType t, int i) {
    if (v.isNullAt(i)) {
      return null;
    }
    if (t instanceof StringType) {
      return v.getString(i);
    }
    if (t instanceof IntegerType) {
      return v.getInt(i);
    }
    if (t instanceof LongType) {
      return v.getLong(i);
    }
    if (t instanceof ShortType) {
      return (int) v.getShort(i);
    }
    if (t instanceof ByteType) {
      return (int) v.getByte(i);
    }
    if (t instanceof DoubleType) {
      return v.getDouble(i);
    }
    if (t instanceof FloatType) {
      return (double) v.getFloat(i);
    }
    if (t instanceof BooleanType) {
      return v.getBoolean(i);
    }
    if (t instanceof DecimalType) {
      return v.getDecimal(i);
    }
    if (t instanceof DateType) {
      return LocalDate.ofEpochDay(v.getInt(i));
    }
    if (t instanceof TimestampType) {
      long micros = v.getLong(i);
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    if (t instanceof TimestampNTZType) {
      long micros = v.getLong(i);
      return LocalDateTime.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L),
          (int) (Math.floorMod(micros, 1_000_000L) * 1000L),
          ZoneOffset.UTC);
    }
    if (t instanceof ArrayType a) {
      ArrayValue value = v.getArray(i);
      ColumnVector elements = value.getElements();
      List<Object> out = new ArrayList<>(value.getSize());
      for (int k = 0; k < value.getSize(); k++) {
        out.add(toJava(elements, a.getElementType(), k));
      }
      return Collections.unmodifiableList(out);
    }
    if (t instanceof MapType m) {
      MapValue value = v.getMap(i);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int k = 0; k < value.getSize(); k++) {
        out.put(
            toJava(value.getKeys(), m.getKeyType(), k),
            toJava(value.getValues(), m.getValueType(), k));
      }
      return Collections.unmodifiableMap(out);
    }
    if (t instanceof StructType s) {
      Map<String, Object> out = new LinkedHashMap<>();
      List<StructField> fields = s.fields();
      for (int k = 0; k < fields.size(); k++) {
        out.put(fields.get(k).getName(), toJava(v.getChild(k), fields.get(k).getDataType(), i));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalStateException("type not served: " + t);
  }
}
