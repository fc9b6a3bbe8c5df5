package org.encours.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.encours.ingest.mapping.TableFeed.RepeatedKeys;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * Rules across rows of a batch: repeated keys, and references between tables (an invoice's
 * customer, a payment's invoice, a dunning event's invoice and customer) resolved against what this
 * batch loads and what the warehouse already holds.
 *
 * <p>A source record is loaded whole or not at all: when any row it gives any table is rejected,
 * the record is quarantined with every reason. Because rejecting a record can remove a key another
 * record refers to, the reference checks run until no new record is rejected.
 */
final class BatchChecks {
  static final String REASON = "reason";

  private BatchChecks() {}

  /**
   * Adds to {@value RowRules#REASONS} the repeated-key reasons. The first row of a key (in record
   * order) is the reference; a later row is rejected when the table takes each key once, or when
   * its values differ from the reference where identical repeats collapse.
   */
  static Dataset<Row> repeatedKeys(
      Dataset<Row> candidates, CanonicalTable table, RepeatedKeys policy) {
    List<String> keys = table.keyColumns();
    Column[] keyColumns =
        keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    WindowSpec byKey = Window.partitionBy(keyColumns);
    WindowSpec byKeyInOrder = byKey.orderBy(col(RowRules.RECORD_ID));
    String keyText = String.join(", ", keys);
    Column keyValue = concat_ws(", ", keyColumns);
    Column isLater = col(RowRules.RECORD_ID).gt(min(col(RowRules.RECORD_ID)).over(byKey));
    Column reason;
    if (policy == RepeatedKeys.REJECT) {
      reason =
          when(
              isLater,
              concat(
                  lit(table.tableName() + ": duplicate " + keyText + " '"),
                  keyValue,
                  lit(
                      "': an earlier record of this batch has the same key (the first is loaded)")));
    } else {
      WindowSpec firstRow =
          byKeyInOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
      List<Column> differing = new ArrayList<>();
      for (String column : table.businessColumns()) {
        if (!keys.contains(column)) {
          Column reference = first(col(column), false).over(firstRow);
          differing.add(
              when(
                  org.apache.spark.sql.functions.not(col(column).eqNullSafe(reference)),
                  lit(column)));
        }
      }
      Column differences = concat_ws(", ", array_compact(array(differing.toArray(new Column[0]))));
      reason =
          when(
              isLater.and(differences.notEqual("")),
              concat(
                  lit(table.tableName() + ": conflicting values for " + keyText + " '"),
                  keyValue,
                  lit("': "),
                  differences,
                  lit(" differ from an earlier record of this batch")));
    }
    return candidates.withColumn(
        RowRules.REASONS,
        array_compact(
            org.apache.spark.sql.functions.concat(
                col(RowRules.REASONS), array(reason.cast(DataTypes.StringType)))));
  }

  /** (record id, reason) for every reason found on rows of the table. */
  static Dataset<Row> rejections(Dataset<Row> candidates) {
    return candidates
        .where(size(col(RowRules.REASONS)).gt(0))
        .select(col(RowRules.RECORD_ID), explode(col(RowRules.REASONS)).as(REASON));
  }

  /**
   * The already loaded customers and invoices this batch names, checkpointed (their business
   * columns): the ones its rows refer to (an invoice's or a dunning event's customer, a payment's
   * or a dunning event's invoice, with its document type for the sign check) and the ones with the
   * keys of its own customers and invoices (what the upsert compares the batch with). A reference
   * resolves only to a row with its key, so the checks give the same answer as against the whole
   * tables, while an incremental batch reads a few keys instead of every loaded one.
   *
   * @param candidates each table's rows from this batch (tables absent from the batch are absent)
   */
  static Map<CanonicalTable, Dataset<Row>> loadedRows(
      Warehouse warehouse, Map<CanonicalTable, Dataset<Row>> candidates) {
    Map<CanonicalTable, Dataset<Row>> loaded = new EnumMap<>(CanonicalTable.class);
    loaded.put(
        CanonicalTable.CUSTOMERS,
        loadedRows(
            warehouse,
            CanonicalTable.CUSTOMERS,
            namedKeys(
                candidates,
                "customer_id",
                CanonicalTable.CUSTOMERS,
                CanonicalTable.INVOICES,
                CanonicalTable.DUNNING_EVENTS)));
    loaded.put(
        CanonicalTable.INVOICES,
        loadedRows(
            warehouse,
            CanonicalTable.INVOICES,
            namedKeys(
                candidates,
                "invoice_id",
                CanonicalTable.INVOICES,
                CanonicalTable.PAYMENTS,
                CanonicalTable.DUNNING_EVENTS)));
    return loaded;
  }

  /**
   * The values of a key column over the batch's rows of the given tables (repeated as often as they
   * appear: they only select rows with a semi join); null when the batch has none of those tables.
   */
  private static Dataset<Row> namedKeys(
      Map<CanonicalTable, Dataset<Row>> candidates, String column, CanonicalTable... naming) {
    Dataset<Row> keys = null;
    for (CanonicalTable table : naming) {
      Dataset<Row> rows = candidates.get(table);
      if (rows != null) {
        Dataset<Row> named = rows.where(col(column).isNotNull()).select(col(column).as("_named"));
        keys = keys == null ? named : keys.union(named);
      }
    }
    return keys;
  }

  /** The loaded rows of a table (business columns) whose key is named; empty when none is. */
  private static Dataset<Row> loadedRows(
      Warehouse warehouse, CanonicalTable table, Dataset<Row> named) {
    Dataset<Row> loaded =
        warehouse
            .read(table)
            .select(table.businessColumns().stream().map(c -> col(c)).toArray(Column[]::new));
    if (named == null) {
      return loaded.where(lit(false));
    }
    String key = table.keyColumns().get(0);
    return loaded
        .join(named, loaded.col(key).equalTo(named.col("_named")), "left_semi")
        .localCheckpoint(true);
  }

  /**
   * Reference reasons given the records rejected so far, or null when the batch has no table that
   * refers to another.
   *
   * @param candidates each table's rows from this batch (tables absent from the batch are absent)
   * @param existing customers and invoices as already loaded, at least the rows the batch refers to
   *     ({@link #loadedRows}; possibly empty)
   * @param rejected record ids rejected so far (column {@value RowRules#RECORD_ID})
   */
  static Dataset<Row> referenceRejections(
      Map<CanonicalTable, Dataset<Row>> candidates,
      Map<CanonicalTable, Dataset<Row>> existing,
      Dataset<Row> rejected) {
    List<Dataset<Row>> reasons = new ArrayList<>();
    if (!candidates.containsKey(CanonicalTable.INVOICES)
        && !candidates.containsKey(CanonicalTable.PAYMENTS)
        && !candidates.containsKey(CanonicalTable.DUNNING_EVENTS)) {
      return null; // nothing in this batch refers to anything
    }
    Dataset<Row> customers =
        knownKeys(CanonicalTable.CUSTOMERS, candidates, existing, rejected, "customer_id");
    Dataset<Row> invoices =
        knownKeys(CanonicalTable.INVOICES, candidates, existing, rejected, "invoice_id");

    Dataset<Row> newInvoices = candidates.get(CanonicalTable.INVOICES);
    if (newInvoices != null) {
      reasons.add(
          unknownReference(
              newInvoices,
              customers,
              "customer_id",
              "invoices.customer_id '",
              "' is not a known customer (neither in this batch nor already loaded)"));
    }
    Dataset<Row> payments = candidates.get(CanonicalTable.PAYMENTS);
    if (payments != null) {
      reasons.add(
          unknownReference(
              payments,
              invoices,
              "invoice_id",
              "payments.invoice_id '",
              "' is not a known invoice (neither in this batch nor already loaded)"));
      Dataset<Row> withDocument =
          payments
              .where(col("invoice_id").isNotNull().and(col("amount").isNotNull()))
              .join(
                  knownDocuments(candidates, existing, rejected)
                      .withColumnRenamed("invoice_id", "_ref_invoice"),
                  col("invoice_id").equalTo(col("_ref_invoice")),
                  "inner");
      reasons.add(
          withDocument
              .where(
                  col("doc_type")
                      .equalTo("invoice")
                      .and(col("amount").lt(0))
                      .or(col("doc_type").equalTo("credit_note").and(col("amount").gt(0))))
              .select(
                  col(RowRules.RECORD_ID),
                  concat(
                          lit("payments.amount "),
                          col("amount").cast("string"),
                          lit(" has the wrong sign for "),
                          col("doc_type"),
                          lit(" '"),
                          col("invoice_id"),
                          lit("' (allocations are positive on invoices, negative on credit notes)"))
                      .as(REASON)));
    }
    Dataset<Row> events = candidates.get(CanonicalTable.DUNNING_EVENTS);
    if (events != null) {
      reasons.add(
          unknownReference(
              events.where(col("invoice_id").isNotNull()),
              invoices,
              "invoice_id",
              "dunning_events.invoice_id '",
              "' is not a known invoice (neither in this batch nor already loaded)"));
      reasons.add(
          unknownReference(
              events,
              customers,
              "customer_id",
              "dunning_events.customer_id '",
              "' is not a known customer (neither in this batch nor already loaded)"));
    }
    Dataset<Row> all = null;
    for (Dataset<Row> r : reasons) {
      all = all == null ? r : all.unionByName(r);
    }
    return all;
  }

  /**
   * Whether two sets of rejected record ids differ on the records that give keys to references (the
   * batch's customers and invoices). The reference reasons depend on the rejected records only
   * through those: when they are the same, a pass with either set finds the same reasons.
   */
  static boolean keyedRejectionsDiffer(
      Map<CanonicalTable, Dataset<Row>> candidates, Dataset<Row> before, Dataset<Row> after) {
    Dataset<Row> keyed = null;
    for (CanonicalTable table : List.of(CanonicalTable.CUSTOMERS, CanonicalTable.INVOICES)) {
      Dataset<Row> rows = candidates.get(table);
      if (rows != null) {
        Dataset<Row> ids = rows.select(RowRules.RECORD_ID);
        keyed = keyed == null ? ids : keyed.union(ids);
      }
    }
    if (keyed == null) {
      return false;
    }
    Dataset<Row> rejectedBefore = keyed.join(before, RowRules.RECORD_ID, "left_semi");
    Dataset<Row> rejectedAfter = keyed.join(after, RowRules.RECORD_ID, "left_semi");
    return !rejectedBefore
        .except(rejectedAfter)
        .union(rejectedAfter.except(rejectedBefore))
        .isEmpty();
  }

  /**
   * Keys a table offers to references: this batch's rows from records not rejected, plus what is
   * loaded (a key may appear more than once: references only look for it).
   */
  private static Dataset<Row> knownKeys(
      CanonicalTable table,
      Map<CanonicalTable, Dataset<Row>> candidates,
      Map<CanonicalTable, Dataset<Row>> existing,
      Dataset<Row> rejected,
      String key) {
    Dataset<Row> known = existing.get(table).select(col(key));
    Dataset<Row> fromBatch = candidates.get(table);
    if (fromBatch != null) {
      known = known.union(withoutRejected(fromBatch, rejected).select(col(key)));
    }
    return known.where(col(key).isNotNull());
  }

  /**
   * The known invoices with their document type, one per invoice id: this batch's rows from records
   * not rejected, and the loaded ones the batch does not replace. A key both loaded and in the
   * batch is known with the batch's values (the MERGE will write them): a document re-exported as a
   * credit note is checked as one.
   */
  private static Dataset<Row> knownDocuments(
      Map<CanonicalTable, Dataset<Row>> candidates,
      Map<CanonicalTable, Dataset<Row>> existing,
      Dataset<Row> rejected) {
    Column[] select = {col("invoice_id"), col("doc_type")};
    Dataset<Row> known = existing.get(CanonicalTable.INVOICES).select(select);
    Dataset<Row> fromBatch = candidates.get(CanonicalTable.INVOICES);
    if (fromBatch != null) {
      Dataset<Row> accepted = withoutRejected(fromBatch, rejected).select(select);
      known =
          known
              .join(accepted.select("invoice_id"), "invoice_id", "left_anti")
              .unionByName(accepted);
    }
    return known.where(col("invoice_id").isNotNull()).dropDuplicates("invoice_id");
  }

  /** Rows of records not rejected (rejected records are few next to the batch: broadcast). */
  static Dataset<Row> withoutRejected(Dataset<Row> rows, Dataset<Row> rejected) {
    return rows.join(
        broadcast(rejected),
        rows.col(RowRules.RECORD_ID).equalTo(rejected.col(RowRules.RECORD_ID)),
        "left_anti");
  }

  private static Dataset<Row> unknownReference(
      Dataset<Row> rows, Dataset<Row> known, String column, String before, String after) {
    Dataset<Row> keys = known.select(col(column).as("_known"));
    return rows.where(col(column).isNotNull())
        .join(keys, col(column).equalTo(col("_known")), "left_anti")
        .select(col(RowRules.RECORD_ID), concat(lit(before), col(column), lit(after)).as(REASON));
  }
}
