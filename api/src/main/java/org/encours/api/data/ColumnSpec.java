package org.encours.api.data;

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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;

/**
 * A column a table mapping reads: its name, the kind of type it accepts (loosely: any integer type
 * for {@code INTEGER}, any number for {@code NUMBER}), and whether the table must have it.
 */
public record ColumnSpec(String name, Kind kind, boolean required) {

  /** Families of Delta types; a column is accepted when its type is in the family. */
  public enum Kind {
    STRING("string"),
    INTEGER("an integer type"),
    NUMBER("a numeric type"),
    DATE("date"),
    TIMESTAMP("date or timestamp"),
    BOOLEAN("boolean"),
    ARRAY("array"),
    MAP("map"),
    ANY("any type");

    private final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  public static ColumnSpec required(String name, Kind kind) {
    return new ColumnSpec(name, kind, true);
  }

  public static ColumnSpec optional(String name, Kind kind) {
    return new ColumnSpec(name, kind, false);
  }

  String expected() {
    return kind.words;
  }

  boolean accepts(DataType type) {
    switch (kind) {
      case STRING:
        return type instanceof StringType;
      case INTEGER:
        return type instanceof IntegerType
            || type instanceof LongType
            || type instanceof ShortType
            || type instanceof ByteType;
      case NUMBER:
        return type instanceof IntegerType
            || type instanceof LongType
            || type instanceof ShortType
            || type instanceof ByteType
            || type instanceof DoubleType
            || type instanceof FloatType
            || type instanceof DecimalType;
      case DATE:
        return type instanceof DateType;
      case TIMESTAMP:
        return type instanceof DateType
            || type instanceof TimestampType
            || type instanceof TimestampNTZType;
      case BOOLEAN:
        return type instanceof BooleanType;
      case ARRAY:
        return type instanceof ArrayType;
      case MAP:
        return type instanceof MapType;
      case ANY:
        return true;
      default:
        return type instanceof StructType;
    }
  }
}
