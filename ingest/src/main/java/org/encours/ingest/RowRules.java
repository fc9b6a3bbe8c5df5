package org.encours.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.encours.ingest.mapping.SourceMapping;
import org.encours.ingest.mapping.TableFeed;
import org.encours.warehouse.CanonicalTable;

/**
 * Row-level rules: turn a source's mapped values into canonical types, and say for each row every
 * reason it cannot be loaded. Nothing is rounded, clipped or defaulted: a value that does not fit
 * its canonical type exactly is a reason, with the offending text.
 *
 * <p>The output of {@link #candidates} has the canonical business columns, {@value #RECORD_ID} (the
 * source record the row came from) and {@value #REASONS} (an array, empty when the row is valid on
 * its own). Cross-row rules (duplicates, references) are in {@link BatchChecks}.
 */
final class RowRules {
  static final String RECORD_ID = "_record_id";
  static final String REASONS = "_reasons";

  /** Dates outside these years are taken for misreadings (a 2-digit year, swapped fields). */
  static final int MIN_YEAR = 1900;

  static final int MAX_YEAR = 2199;

  static final List<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .sorted()
          .collect(Collectors.toList());

  /**
   * ISO 3166-1 alpha-2 country codes, plus the user-assigned range XA..XZ (for anonymised data,
   * e.g. the IBM sample's numeric codes).
   */
  static final List<String> COUNTRIES = countries();

  private RowRules() {}

  private static List<String> countries() {
    TreeSet<String> codes = new TreeSet<>(List.of(Locale.getISOCountries()));
    for (char c = 'A'; c <= 'Z'; c++) {
      codes.add("X" + c);
    }
    return new ArrayList<>(codes);
  }

  /**
   * The rows one source gives one table, typed, with their reasons.
   *
   * @param records the source's records with {@value #RECORD_ID} and the source's own columns
   */
  static Dataset<Row> candidates(Dataset<Row> records, SourceMapping source, TableFeed feed) {
    CanonicalTable table = feed.table();
    Map<String, DataType> rawTypes = rawTypes(records, feed);
    List<Column> typed = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    typed.add(col(RECORD_ID));
    for (StructField field : table.businessSchema().fields()) {
      String column = field.name();
      String expression = feed.columns().get(column);
      String qualified = table.tableName() + "." + column;
      Column raw = expression == null ? lit(null) : org.apache.spark.sql.functions.expr(expression);
      DataType rawType = expression == null ? DataTypes.NullType : rawTypes.get(column);
      Column rawText = trim(raw.cast(DataTypes.StringType));
      Column missing = raw.isNull().or(rawText.equalTo(""));
      Conversion conversion = convert(raw, rawText, rawType, field.dataType(), source);
      Column value = when(missing, lit(null).cast(field.dataType())).otherwise(conversion.value);
      typed.add(value.as(column));
      if (!field.nullable()) {
        reasons.add(when(missing, lit(qualified + " is missing")));
      }
      reasons.add(
          when(
              org.apache.spark.sql.functions.not(missing).and(conversion.invalid),
              concat(
                  lit(qualified + ": cannot read '"),
                  rawText,
                  lit("' as " + conversion.expected))));
    }
    typed.add(array_compact(array(reasons.toArray(new Column[0]))).as(REASONS));
    Dataset<Row> withValues = records.select(typed.toArray(new Column[0]));
    return withValues.withColumn(
        REASONS,
        array_compact(
            org.apache.spark.sql.functions.concat(
                col(REASONS), array(tableRules(table).toArray(new Column[0])))));
  }

  /** The data type each mapped expression yields over this source (fails on a bad expression). */
  static Map<String, DataType> rawTypes(Dataset<Row> records, TableFeed feed) {
    Map<String, DataType> types = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> entry : feed.columns().entrySet()) {
      if (entry.getValue() != null) {
        types.put(
            entry.getKey(),
            records
                .select(org.apache.spark.sql.functions.expr(entry.getValue()))
                .schema()
                .fields()[0]
                .dataType());
      }
    }
    return types;
  }

  private record Conversion(Column value, Column invalid, String expected) {}

  private static Conversion convert(
      Column raw, Column rawText, DataType rawType, DataType target, SourceMapping source) {
    if (target instanceof DateType) {
      return date(raw, rawText, rawType, source.dateFormats());
    }
    if (target instanceof DecimalType decimal) {
      return money(raw, rawText, rawType, decimal, source.decimalSeparator());
    }
    if (target instanceof IntegerType) {
      Column number = rawText.cast(DataTypes.createDecimalType(38, 10));
      Column value = number.cast(DataTypes.IntegerType);
      Column invalid =
          number
              .isNull()
              .or(value.isNull())
              .or(value.cast(DataTypes.createDecimalType(38, 10)).notEqual(number));
      return new Conversion(value, invalid, "a whole number");
    }
    if (target instanceof BooleanType) {
      if (rawType instanceof BooleanType) {
        return new Conversion(raw, lit(false), "true or false");
      }
      Column word = lower(rawText);
      Column value =
          when(word.isin("true", "yes", "y", "1", "oui", "o"), lit(true))
              .when(word.isin("false", "no", "n", "0", "non"), lit(false));
      return new Conversion(value, value.isNull(), "true/false (or yes/no, 1/0)");
    }
    if (target instanceof StringType) {
      return new Conversion(rawText, lit(false), "text");
    }
    throw new IllegalStateException("no conversion to " + target);
  }

  private static Conversion date(
      Column raw, Column rawText, DataType rawType, List<String> formats) {
    Column parsed;
    String expected;
    if (rawType instanceof DateType) {
      parsed = raw;
      expected = "a date";
    } else if (rawType instanceof TimestampType) {
      parsed = to_date(raw);
      expected = "a date";
    } else {
      List<Column> attempts = new ArrayList<>();
      for (String format : formats) {
        attempts.add(to_date(rawText, format));
      }
      parsed = attempts.size() == 1 ? attempts.get(0) : coalesce(attempts.toArray(new Column[0]));
      expected = "a date (expected " + String.join(" or ", formats) + ")";
    }
    Column plausible = year(parsed).between(MIN_YEAR, MAX_YEAR);
    Column value = when(plausible, parsed);
    return new Conversion(
        value, value.isNull(), expected + " between " + MIN_YEAR + " and " + MAX_YEAR);
  }

  private static Conversion money(
      Column raw, Column rawText, DataType rawType, DecimalType target, char decimalSeparator) {
    Column text = regexp_replace(rawText, "[ \u00A0_]", "");
    if (decimalSeparator == ',') {
      text = regexp_replace(regexp_replace(text, "\\.", ""), ",", ".");
    }
    Column exact =
        rawType instanceof StringType || rawType == null
            ? text.cast(DataTypes.createDecimalType(38, 10))
            : raw.cast(DataTypes.createDecimalType(38, 10));
    Column value = exact.cast(target);
    Column fits =
        value.isNotNull().and(value.cast(DataTypes.createDecimalType(38, 10)).equalTo(exact));
    return new Conversion(
        value,
        exact.isNull().or(org.apache.spark.sql.functions.not(fits)),
        "an amount with at most "
            + target.scale()
            + " decimals and "
            + (target.precision() - target.scale())
            + " digits before the point");
  }

  /** Rules on the typed values of one row (only when the values involved are present). */
  static List<Column> tableRules(CanonicalTable table) {
    List<Column> rules = new ArrayList<>();
    switch (table) {
      case CUSTOMERS -> {
        rules.add(
            when(
                col("country")
                    .isNotNull()
                    .and(
                        org.apache.spark.sql.functions.not(
                            col("country").isin(COUNTRIES.toArray()))),
                concat(
                    lit("customers.country '"),
                    col("country"),
                    lit("' is not an ISO 3166-1 alpha-2 code"))));
        rules.add(negative("customers.credit_limit", col("credit_limit")));
        rules.add(negative("customers.insured_limit", col("insured_limit")));
        rules.add(
            when(
                col("payment_terms_days")
                    .isNotNull()
                    .and(
                        org.apache.spark.sql.functions.not(
                            col("payment_terms_days").between(0, 365))),
                concat(
                    lit("customers.payment_terms_days "),
                    col("payment_terms_days").cast("string"),
                    lit(" is outside 0..365"))));
      }
      case INVOICES -> {
        rules.add(
            when(
                col("due_date").lt(col("issue_date")),
                concat(
                    lit("invoices.due_date "),
                    col("due_date").cast("string"),
                    lit(" is before issue_date "),
                    col("issue_date").cast("string"))));
        rules.add(
            when(
                col("currency")
                    .isNotNull()
                    .and(
                        org.apache.spark.sql.functions.not(
                            col("currency").isin(CURRENCIES.toArray()))),
                concat(
                    lit("invoices.currency '"),
                    col("currency"),
                    lit("' is not an ISO 4217 code"))));
        rules.add(
            when(
                col("doc_type")
                    .isNotNull()
                    .and(
                        org.apache.spark.sql.functions.not(
                            col("doc_type").isin(CanonicalTable.DOC_TYPES.toArray()))),
                concat(
                    lit("invoices.doc_type '"),
                    col("doc_type"),
                    lit("' is neither invoice nor credit_note"))));
        rules.add(
            when(
                col("doc_type").equalTo("invoice").and(col("amount").leq(0)),
                concat(
                    lit("invoices.amount "),
                    col("amount").cast("string"),
                    lit(
                        " must be positive for an invoice (a credit note has doc_type credit_note and a negative amount)"))));
        rules.add(
            when(
                col("doc_type").equalTo("credit_note").and(col("amount").geq(0)),
                concat(
                    lit("invoices.amount "),
                    col("amount").cast("string"),
                    lit(" must be negative for a credit note"))));
        rules.add(
            when(
                col("dispute_date").lt(col("issue_date")),
                concat(
                    lit("invoices.dispute_date "),
                    col("dispute_date").cast("string"),
                    lit(" is before issue_date "),
                    col("issue_date").cast("string"))));
      }
      case PAYMENTS ->
          rules.add(
              when(
                  col("amount").equalTo(0),
                  lit("payments.amount is zero (an allocation moves money)")));
      case DUNNING_EVENTS -> {
        // Stage, channel and outcome vocabularies vary by dunning tool; only presence is checked.
      }
      default -> throw new IllegalStateException("no row rules for table " + table);
    }
    return rules;
  }

  private static Column negative(String name, Column value) {
    return when(value.lt(0), concat(lit(name + " "), value.cast("string"), lit(" is negative")));
  }
}
