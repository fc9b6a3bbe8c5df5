package org.encours.warehouse.reader;

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
import java.util.ArrayList;
import java.util.List;
import org.encours.core.tables.ColumnType;
import org.encours.core.tables.DerivedTable;

/**
 * A column a table mapping reads: its name, the kind of type it accepts (loosely: any integer type
 * for {@code INTEGER}, any number for {@code NUMBER}), and whether the table must have it. The
 * columns of a derived table are named from the catalogue ({@link #required(DerivedTable,
 * String)}), which gives their kind.
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

    /** The family a catalogue type belongs to. */
    public static Kind of(ColumnType type) {
      if (type instanceof ColumnType.Primitive p) {
        switch (p) {
          case STRING:
            return STRING;
          case BOOLEAN:
            return BOOLEAN;
          case INT:
          case BIGINT:
            return INTEGER;
          case DOUBLE:
            return NUMBER;
          case DATE:
            return DATE;
          case TIMESTAMP:
            return TIMESTAMP;
          default:
            return ANY;
        }
      }
      if (type instanceof ColumnType.Decimal) {
        return NUMBER;
      }
      if (type instanceof ColumnType.ArrayOf) {
        return ARRAY;
      }
      if (type instanceof ColumnType.MapOf) {
        return MAP;
      }
      return ANY;
    }
  }

  /**
   * A column of a derived table the reader cannot do without, of the family of its catalogue type;
   * fails when the catalogue has no such column.
   */
  public static ColumnSpec required(DerivedTable table, String column) {
    return new ColumnSpec(column, Kind.of(table.column(column).type()), true);
  }

  /** A column of a derived table the reader can do without (e.g. one older tables lack). */
  public static ColumnSpec optional(DerivedTable table, String column) {
    return new ColumnSpec(column, Kind.of(table.column(column).type()), false);
  }

  /**
   * The {@code required} then the {@code optional} columns of a derived table, of their catalogue
   * kinds.
   */
  public static List<ColumnSpec> of(
      DerivedTable table, List<String> required, List<String> optional) {
    List<ColumnSpec> specs = new ArrayList<>();
    required.forEach(column -> specs.add(required(table, column)));
    optional.forEach(column -> specs.add(optional(table, column)));
    return List.copyOf(specs);
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
