package org.encours.core.tables;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The type of a warehouse column, in words that need no Spark: the job side converts it to a Spark
 * type, the reader side to the family of Delta types it accepts. Nullability is not part of a type:
 * Spark does not keep it through most expressions, so the contract does not promise it. {@link
 * #simpleString()} spells it as Spark and Delta do ({@code decimal(18,2)}, {@code array<string>},
 * {@code map<string,bigint>}).
 */
public sealed interface ColumnType {
  ColumnType STRING = Primitive.STRING;
  ColumnType BOOLEAN = Primitive.BOOLEAN;
  ColumnType INT = Primitive.INT;
  ColumnType BIGINT = Primitive.BIGINT;
  ColumnType DOUBLE = Primitive.DOUBLE;
  ColumnType DATE = Primitive.DATE;
  ColumnType TIMESTAMP = Primitive.TIMESTAMP;
  ColumnType BINARY = Primitive.BINARY;

  /** Money: 16 digits before the point, exactly 2 after (tax included, in the invoice currency). */
  ColumnType MONEY = new Decimal(18, 2);

  /** The type as Spark and Delta print it. */
  String simpleString();

  /** Types without parameters. */
  enum Primitive implements ColumnType {
    STRING("string"),
    BOOLEAN("boolean"),
    INT("int"),
    BIGINT("bigint"),
    DOUBLE("double"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    BINARY("binary");

    private final String words;

    Primitive(String words) {
      this.words = words;
    }

    @Override
    public String simpleString() {
      return words;
    }
  }

  /** A fixed-point number. */
  record Decimal(int precision, int scale) implements ColumnType {
    @Override
    public String simpleString() {
      return "decimal(" + precision + "," + scale + ")";
    }
  }

  /** An array of {@code element}s. */
  record ArrayOf(ColumnType element) implements ColumnType {
    @Override
    public String simpleString() {
      return "array<" + element.simpleString() + ">";
    }
  }

  /** A map from {@code key}s to {@code value}s. */
  record MapOf(ColumnType key, ColumnType value) implements ColumnType {
    @Override
    public String simpleString() {
      return "map<" + key.simpleString() + "," + value.simpleString() + ">";
    }
  }

  /** A struct of named fields, in order. */
  record StructOf(List<TableColumn> fields) implements ColumnType {
    public StructOf {
      fields = List.copyOf(fields);
    }

    @Override
    public String simpleString() {
      return fields.stream()
          .map(f -> f.name() + ":" + f.type().simpleString())
          .collect(Collectors.joining(",", "struct<", ">"));
    }
  }

  static ColumnType arrayOf(ColumnType element) {
    return new ArrayOf(element);
  }

  static ColumnType mapOf(ColumnType key, ColumnType value) {
    return new MapOf(key, value);
  }

  static ColumnType structOf(TableColumn... fields) {
    return new StructOf(List.of(fields));
  }
}
