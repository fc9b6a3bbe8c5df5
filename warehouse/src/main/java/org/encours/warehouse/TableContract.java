package org.encours.warehouse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.encours.core.tables.ColumnType;
import org.encours.core.tables.DerivedTable;
import org.encours.core.tables.TableColumn;

/**
 * A derived table's contract ({@link DerivedTable}, Spark-free) in Spark types, and the check a job
 * makes before it writes the table: exactly the catalogue's columns, each with its type
 * (nullability is not compared: Spark does not keep it through most expressions).
 */
public final class TableContract {
  private TableContract() {}

  private static final Map<ColumnType.Primitive, DataType> PRIMITIVES =
      new EnumMap<>(ColumnType.Primitive.class);

  static {
    PRIMITIVES.put(ColumnType.Primitive.STRING, DataTypes.StringType);
    PRIMITIVES.put(ColumnType.Primitive.BOOLEAN, DataTypes.BooleanType);
    PRIMITIVES.put(ColumnType.Primitive.INT, DataTypes.IntegerType);
    PRIMITIVES.put(ColumnType.Primitive.BIGINT, DataTypes.LongType);
    PRIMITIVES.put(ColumnType.Primitive.DOUBLE, DataTypes.DoubleType);
    PRIMITIVES.put(ColumnType.Primitive.DATE, DataTypes.DateType);
    PRIMITIVES.put(ColumnType.Primitive.TIMESTAMP, DataTypes.TimestampType);
    PRIMITIVES.put(ColumnType.Primitive.BINARY, DataTypes.BinaryType);
  }

  /** The Spark schema of a derived table, columns in catalogue order. */
  public static StructType schema(DerivedTable table) {
    return struct(table.columns());
  }

  /** The Spark type of a catalogue type. */
  public static DataType sparkType(ColumnType type) {
    if (type instanceof ColumnType.Primitive p) {
      return PRIMITIVES.get(p);
    }
    if (type instanceof ColumnType.Decimal d) {
      return DataTypes.createDecimalType(d.precision(), d.scale());
    }
    if (type instanceof ColumnType.ArrayOf a) {
      return DataTypes.createArrayType(sparkType(a.element()), true);
    }
    if (type instanceof ColumnType.MapOf m) {
      return DataTypes.createMapType(sparkType(m.key()), sparkType(m.value()), true);
    }
    return struct(((ColumnType.StructOf) type).fields());
  }

  private static StructType struct(List<TableColumn> columns) {
    StructType s = new StructType();
    for (TableColumn c : columns) {
      s = s.add(c.name(), sparkType(c.type()), true);
    }
    return s;
  }

  /**
   * Fails unless {@code written} has exactly the columns of {@code table}'s contract, with their
   * types; the message names the table, and each column with the expected and the found type.
   */
  public static void check(DerivedTable table, StructType written) {
    List<String> problems = differences(table, written);
    if (!problems.isEmpty()) {
      // A job that writes other rows than its table's contract is a bug in Encours, not bad input.
      throw new IllegalStateException(
          "The rows written to table "
              + table.tableName()
              + " do not match its contract (org.encours.core.tables.DerivedTable."
              + table.name()
              + "): "
              + String.join("; ", problems)
              + ".");
    }
  }

  /**
   * How {@code schema} differs from {@code table}'s contract, one line per column (empty when it
   * matches): e.g. a stored table written by an earlier version of Encours.
   */
  public static List<String> differences(DerivedTable table, StructType schema) {
    Map<String, DataType> found = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      found.put(f.name(), f.dataType());
    }
    List<String> problems = new ArrayList<>();
    for (TableColumn want : table.columns()) {
      DataType expected = sparkType(want.type());
      DataType actual = found.remove(want.name());
      if (actual == null) {
        problems.add("column '" + want.name() + "' (" + expected.simpleString() + ") is missing");
      } else if (!sameType(expected, actual)) {
        problems.add(
            "column '"
                + want.name()
                + "' is "
                + actual.simpleString()
                + ", expected "
                + expected.simpleString());
      }
    }
    found.forEach(
        (name, type) ->
            problems.add(
                "column '" + name + "' (" + type.simpleString() + ") is not in the contract"));
    return problems;
  }

  /** Equal types, ignoring nullability at every level. */
  static boolean sameType(DataType a, DataType b) {
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      return sameType(x.elementType(), y.elementType());
    }
    if (a instanceof MapType x && b instanceof MapType y) {
      return sameType(x.keyType(), y.keyType()) && sameType(x.valueType(), y.valueType());
    }
    if (a instanceof StructType x && b instanceof StructType y) {
      if (x.fields().length != y.fields().length) {
        return false;
      }
      for (int i = 0; i < x.fields().length; i++) {
        if (!x.fields()[i].name().equals(y.fields()[i].name())
            || !sameType(x.fields()[i].dataType(), y.fields()[i].dataType())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
