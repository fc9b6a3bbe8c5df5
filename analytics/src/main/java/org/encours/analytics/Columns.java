package org.encours.analytics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.warehouse.CanonicalTable;

/** Column helpers shared by the analytics: money casts, dates, the reporting levels. */
final class Columns {
  private Columns() {}

  /** The reporting levels, finest last; {@code entity_id} is the key at that level. */
  static final String PORTFOLIO = "portfolio";

  static final String[] SEGMENTS = {"country", "sector", "size_band"};
  static final String CUSTOMER = "customer";
  static final String UNKNOWN_SEGMENT = "unknown";
  static final String ALL = "all";

  static Column money(Column c) {
    return c.cast(CanonicalTable.MONEY);
  }

  /** Sum of a money column, kept DECIMAL(18,2), zero (not null) over no rows. */
  static Column sumMoney(String column) {
    return money(coalesce(sum(col(column)), lit(java.math.BigDecimal.ZERO)));
  }

  static Column date(LocalDate d) {
    return lit(Date.valueOf(d));
  }

  /**
   * Adds the segment columns (country, sector, size_band; 'unknown' when missing or when the
   * customer is not in the customers table).
   */
  static Dataset<Row> withSegments(Dataset<Row> rows, Dataset<Row> customers) {
    Dataset<Row> segments =
        customers.select(
            col("customer_id").as("_seg_customer_id"),
            col("country"),
            col("sector"),
            col("size_band"));
    Dataset<Row> joined =
        rows.join(
                segments, rows.col("customer_id").equalTo(segments.col("_seg_customer_id")), "left")
            .drop("_seg_customer_id");
    for (String s : SEGMENTS) {
      joined = joined.withColumn(s, coalesce(col(s), lit(UNKNOWN_SEGMENT)));
    }
    return joined;
  }

  /**
   * One copy of each row per reporting level (customer, country, sector, size_band, portfolio) with
   * columns {@code level} and {@code entity_id}: the Expand step of a GROUPING SETS, so that one
   * aggregation computes every level in one pass. Needs the segment columns.
   */
  static Dataset<Row> expandLevels(Dataset<Row> rows) {
    Column levels =
        array(
            struct(lit(CUSTOMER).as("level"), col("customer_id").as("entity_id")),
            struct(lit("country").as("level"), col("country").as("entity_id")),
            struct(lit("sector").as("level"), col("sector").as("entity_id")),
            struct(lit("size_band").as("level"), col("size_band").as("entity_id")),
            struct(lit(PORTFOLIO).as("level"), lit(ALL).as("entity_id")));
    return rows.withColumn("_level", explode(levels))
        .withColumn("level", col("_level.level"))
        .withColumn("entity_id", col("_level.entity_id"))
        .drop("_level");
  }
}
