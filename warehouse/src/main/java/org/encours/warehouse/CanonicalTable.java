package org.encours.warehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical receivables tables: their names, schemas and business keys, defined once here.
 * Every job reads and writes them through these definitions, and every boundary checks them with
 * {@link SchemaContract}.
 *
 * <p>Money is {@code DECIMAL(18,2)} (tax included, in the invoice currency); dates are calendar
 * {@code DATE}s without time zone. Credit notes are invoices with {@code doc_type = 'credit_note'}
 * and a negative amount. Each table also carries {@value #BATCH_COLUMN}, the ingest batch that last
 * inserted or changed the row.
 */
public enum CanonicalTable {
  CUSTOMERS(
      "customers",
      List.of("customer_id"),
      field("customer_id", StringType, false),
      field("name", StringType, true),
      field("country", StringType, true),
      field("sector", StringType, true),
      field("size_band", StringType, true),
      field("created_date", DateType, true),
      field("credit_limit", money(), true),
      field("insured_limit", money(), true),
      field("payment_terms_days", IntegerType, true)),

  INVOICES(
      "invoices",
      List.of("invoice_id"),
      field("invoice_id", StringType, false),
      field("customer_id", StringType, false),
      field("issue_date", DateType, false),
      field("due_date", DateType, false),
      field("amount", money(), false),
      field("currency", StringType, false),
      field("doc_type", StringType, false),
      field("channel", StringType, true),
      field("disputed", BooleanType, false),
      field("dispute_date", DateType, true),
      field("terms_code", StringType, true)),

  PAYMENTS(
      "payments",
      List.of("payment_id"),
      field("payment_id", StringType, false),
      field("invoice_id", StringType, false),
      field("payment_date", DateType, false),
      field("amount", money(), false)),

  DUNNING_EVENTS(
      "dunning_events",
      List.of("event_id"),
      field("event_id", StringType, false),
      field("invoice_id", StringType, true),
      field("customer_id", StringType, false),
      field("event_date", DateType, false),
      field("stage", StringType, false),
      field("channel", StringType, true),
      field("outcome", StringType, true));

  /** Money columns: 16 digits before the point, exactly 2 after. */
  public static final DecimalType MONEY = money();

  /** Lineage column on every canonical table: the batch that last inserted or changed the row. */
  public static final String BATCH_COLUMN = "_batch_id";

  /** Allowed {@code invoices.doc_type} values. */
  public static final Set<String> DOC_TYPES = Set.of("invoice", "credit_note");

  private final String tableName;
  private final List<String> keyColumns;
  private final StructType businessSchema;

  CanonicalTable(String tableName, List<String> keyColumns, StructField... fields) {
    this.tableName = tableName;
    this.keyColumns = keyColumns;
    this.businessSchema = new StructType(fields);
  }

  private static DecimalType money() {
    return DataTypes.createDecimalType(18, 2);
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  /** The table's name in the warehouse, e.g. {@code invoices}. */
  public String tableName() {
    return tableName;
  }

  /** The business key: unique per row, used by MERGE. */
  public List<String> keyColumns() {
    return keyColumns;
  }

  /** The columns users provide (without lineage). */
  public StructType businessSchema() {
    return businessSchema;
  }

  /** The stored schema: business columns then {@value #BATCH_COLUMN}. */
  public StructType storedSchema() {
    return businessSchema.add(BATCH_COLUMN, StringType, false);
  }

  public List<String> businessColumns() {
    return Arrays.asList(businessSchema.fieldNames());
  }

  /** Columns that must be present (non-null) in every row. */
  public List<String> requiredColumns() {
    return Arrays.stream(businessSchema.fields())
        .filter(f -> !f.nullable())
        .map(StructField::name)
        .collect(Collectors.toList());
  }

  public StructField field(String column) {
    return businessSchema.apply(column);
  }

  public boolean hasColumn(String column) {
    return Arrays.asList(businessSchema.fieldNames()).contains(column);
  }

  /** Looks a table up by its warehouse name, case-insensitively; null when unknown. */
  public static CanonicalTable byName(String name) {
    for (CanonicalTable t : values()) {
      if (t.tableName.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }

  /** The warehouse names of all canonical tables, for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(CanonicalTable::tableName).collect(Collectors.joining(", "));
  }
}
