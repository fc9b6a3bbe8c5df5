package org.encours.analytics;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * The {@code input_versions} column every output row carries: canonical table name to the Delta
 * version it was read at (-1 when the table did not exist).
 */
public final class Provenance {
  public static final String COLUMN = "input_versions";
  public static final MapType TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false);

  private Provenance() {}

  public static Column versions(Map<String, Long> versions) {
    List<Column> kv = new ArrayList<>();
    new TreeMap<>(versions)
        .forEach(
            (table, version) -> {
              kv.add(lit(table));
              kv.add(lit(version));
            });
    return (kv.isEmpty() ? lit(null) : map(kv.toArray(new Column[0]))).cast(TYPE);
  }

  public static Dataset<Row> stamp(Dataset<Row> rows, Map<String, Long> versions) {
    return rows.withColumn(COLUMN, versions(versions));
  }

  /**
   * The input versions stamped on the rows (those of their first row); empty when there is no row
   * or no stamp.
   */
  public static Optional<Map<String, Long>> recorded(Dataset<Row> rows) {
    List<Row> first = rows.select(COLUMN).limit(1).collectAsList();
    return first.isEmpty() || first.get(0).isNullAt(0)
        ? Optional.empty()
        : Optional.of(first.get(0).<String, Long>getJavaMap(0));
  }
}
