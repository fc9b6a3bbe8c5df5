package org.encours.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.DataTypes;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;
import org.encours.core.cli.Progress;
import org.encours.ingest.BatchSources.ResolvedSource;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.ingest.mapping.SourceFormat;
import org.encours.ingest.mapping.SourceMapping;
import org.encours.ingest.mapping.TableFeed;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/**
 * Loads one export into the canonical Delta tables: read every source of the mapping, check every
 * row, quarantine each rejected source record with all its reasons, upsert the rest with MERGE, and
 * record the run in {@code ingest_batches}. Nothing is dropped: read = accepted + quarantined is
 * checked independently and reported. A batch that would quarantine more than the limit of a
 * source's records ({@link #withMaxQuarantine}) is refused: only its audit row is written.
 *
 * <p>Order of writes: the {@code running} audit row, the quarantine rows, the tables in reference
 * order (customers, invoices, payments, dunning_events), then the audit row's outcome. Each write
 * is one atomic Delta commit; a crash leaves every table at its last commit, and re-running the
 * same source converges to the same tables (MERGE is idempotent).
 */
public final class IngestJob {
  private static final DateTimeFormatter BATCH_CLOCK =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * The default of {@code --max-quarantine}: a batch that would quarantine more than this share of
   * a source's records is refused (in percent).
   */
  public static final double DEFAULT_MAX_QUARANTINE_PERCENT = 5;

  private final Warehouse warehouse;
  private final Progress progress;
  private final double maxQuarantinePercent;

  public IngestJob(Warehouse warehouse, Progress progress) {
    this(warehouse, progress, DEFAULT_MAX_QUARANTINE_PERCENT);
  }

  private IngestJob(Warehouse warehouse, Progress progress, double maxQuarantinePercent) {
    this.warehouse = warehouse;
    this.progress = progress;
    this.maxQuarantinePercent = maxQuarantinePercent;
  }

  /**
   * The same job with another quarantine limit: the batch fails, writing nothing to the canonical
   * tables, when more than {@code percent} % of the records of any of its sources would be
   * quarantined (100 accepts any share).
   */
  public IngestJob withMaxQuarantine(double percent) {
    return new IngestJob(warehouse, progress, checkMaxQuarantine(percent));
  }

  /** A quarantine limit as given to {@code --max-quarantine}, or the error naming the option. */
  static double checkMaxQuarantine(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw EncoursErrors.badArgument(
          "--max-quarantine", percentText(percent), "a percentage from 0 to 100");
    }
    return percent;
  }

  /** A percentage as written: 5, 4.5. */
  private static String percentText(double percent) {
    return Double.isFinite(percent)
        ? new java.math.BigDecimal(String.valueOf(percent)).stripTrailingZeros().toPlainString()
        : String.valueOf(percent);
  }

  public IngestResult run(String sourceLocation, IngestMapping mapping) {
    SparkSession spark = warehouse.spark();
    Batch batch = identify(sourceLocation, mapping);
    spark.sparkContext().setJobGroup("encours-ingest", "encours ingest " + batch.id(), false);
    progress.step(
        "Batch "
            + batch.id()
            + ": "
            + batch.files().size()
            + " file(s) from "
            + sourceLocation
            + " with mapping "
            + mapping.origin());
    try {
      // Read and check everything before the first write: a bad mapping fails here, naming the
      // entry.
      SourceRecords read = readSources(batch, mapping);
      long rowsRead = read.records().count();
      progress.step(String.format(Locale.ROOT, "Checking %,d records", rowsRead));
      Map<CanonicalTable, Dataset<Row>> candidates = candidatesPerTable(read);
      // Only the loaded customers and invoices this batch names: an incremental batch reads its
      // references and its own keys, not the whole tables.
      Map<CanonicalTable, Dataset<Row>> loaded = BatchChecks.loadedRows(warehouse, candidates);
      Rejections rejections = rejectionReasons(read.records(), candidates, loaded);
      Dataset<Row> reasons = rejections.reasons();
      Dataset<Row> rejected = rejections.rejected();
      Map<CanonicalTable, Dataset<Row>> accepted = accepted(candidates, rejected);
      Tally tally = tally(candidates, rejected, accepted);
      Counts counts = new Counts(rowsRead, tally.acceptedRecords(), tally.quarantinedRecords());
      progress.step(counts.describe());
      UserFacingException refusal =
          counts.quarantined() == 0
              ? null
              : quarantineLimit(batch, batch.sources(), mapping, read.records(), rejected, reasons);
      return write(
          batch,
          counts,
          refusal,
          quarantine(batch.id(), read.records(), reasons),
          accepted,
          tally.rows(),
          loaded);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The files of one run, their checksum and the batch id derived from both. */
  private record Batch(
      String id,
      String source,
      List<ResolvedSource> sources,
      List<String> files,
      String checksum,
      String mapping,
      Instant started) {}

  /**
   * Every source record of the batch, and each table's candidate rows with its repeated-key rule.
   */
  private record SourceRecords(
      Dataset<Row> records,
      Map<CanonicalTable, List<Dataset<Row>>> feeds,
      Map<CanonicalTable, TableFeed.RepeatedKeys> repeatedKeys) {}

  /** read = accepted + quarantined, checked independently. */
  private record Counts(long read, long accepted, long quarantined) {
    boolean reconciled() {
      return read == accepted + quarantined;
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%,d records accepted, %,d quarantined%s",
          accepted,
          quarantined,
          reconciled()
              ? " (reconciles with " + String.format(Locale.ROOT, "%,d", read) + " read)"
              : " - DOES NOT RECONCILE with " + read + " read");
    }
  }

  private Batch identify(String sourceLocation, IngestMapping mapping) {
    SparkSession spark = warehouse.spark();
    Instant started = Instant.now();
    List<ResolvedSource> sources = BatchSources.resolve(spark, mapping, sourceLocation);
    List<String> files =
        sources.stream().flatMap(s -> s.files().stream()).collect(Collectors.toList());
    String checksum = BatchSources.checksum(spark, files);
    String batchId = "b-" + BATCH_CLOCK.format(started) + "-" + checksum.substring(0, 8);
    return new Batch(batchId, sourceLocation, sources, files, checksum, mapping.origin(), started);
  }

  private SourceRecords readSources(Batch batch, IngestMapping mapping) {
    List<Dataset<Row>> allRecords = new ArrayList<>();
    Map<CanonicalTable, List<Dataset<Row>>> feeds = new EnumMap<>(CanonicalTable.class);
    Map<CanonicalTable, TableFeed.RepeatedKeys> policies = new EnumMap<>(CanonicalTable.class);
    for (ResolvedSource source : batch.sources()) {
      // Checkpointed: record ids are fixed once, and later plans start from here instead of
      // re-analysing the reader and conversion expressions at every step.
      Dataset<Row> records = BatchSources.read(warehouse.spark(), source).localCheckpoint(true);
      for (TableFeed feed : source.mapping().tables()) {
        checkExpressions(mapping, source, feed, records);
        feeds
            .computeIfAbsent(feed.table(), t -> new ArrayList<>())
            .add(RowRules.candidates(records, source.mapping(), feed));
        policies.merge(
            feed.table(),
            feed.repeatedKeys(),
            (a, b) -> a == b ? a : TableFeed.RepeatedKeys.REJECT);
      }
      allRecords.add(
          records.select(
              col(RowRules.RECORD_ID),
              col(BatchSources.SOURCE),
              col(BatchSources.FILE),
              col(BatchSources.ORIGINAL),
              col(BatchSources.MALFORMED),
              col(BatchSources.UNDECODABLE)));
      progress.step(
          "Read source "
              + source.mapping().name()
              + " ("
              + source.files().size()
              + " file(s)) feeding "
              + source.mapping().tables().stream()
                  .map(f -> f.table().tableName())
                  .collect(Collectors.joining(", ")));
    }
    return new SourceRecords(unionAll(allRecords), feeds, policies);
  }

  /** Each table's candidate rows from all the sources that feed it, repeated keys resolved. */
  private static Map<CanonicalTable, Dataset<Row>> candidatesPerTable(SourceRecords read) {
    Map<CanonicalTable, Dataset<Row>> candidates = new EnumMap<>(CanonicalTable.class);
    for (Map.Entry<CanonicalTable, List<Dataset<Row>>> entry : read.feeds().entrySet()) {
      Dataset<Row> rows =
          BatchChecks.repeatedKeys(
              unionAll(entry.getValue()), entry.getKey(), read.repeatedKeys().get(entry.getKey()));
      candidates.put(entry.getKey(), rows.localCheckpoint(true));
    }
    return candidates;
  }

  /** Every reason to reject a record (record id, reason), and the rejected record ids. */
  private record Rejections(Dataset<Row> reasons, Dataset<Row> rejected) {}

  /**
   * Every reason to reject a record (record id, reason): malformed records, row rules, then
   * references. Rejecting a record can remove a key another record refers to, so references are
   * re-checked until a pass rejects no new record (a fixed point; one pass when nothing refers to a
   * rejected record). A pass is also the last when the records it newly rejects (or no longer
   * rejects) give no keys to references: the next pass would find the same reasons. The reasons and
   * the rejected ids of each pass are checkpointed: the next pass starts from them.
   */
  private static Rejections rejectionReasons(
      Dataset<Row> records,
      Map<CanonicalTable, Dataset<Row>> candidates,
      Map<CanonicalTable, Dataset<Row>> existing) {
    Dataset<Row> rowReasons =
        records
            .where(col(BatchSources.MALFORMED).isNotNull())
            .select(
                col(RowRules.RECORD_ID),
                lit("malformed record: wrong number of fields or bad quoting")
                    .as(BatchChecks.REASON))
            .unionByName(
                records
                    .where(col(BatchSources.UNDECODABLE).isNotNull())
                    .select(
                        col(RowRules.RECORD_ID),
                        explode(col(BatchSources.UNDECODABLE)).as(BatchChecks.REASON)));
    for (Dataset<Row> rows : candidates.values()) {
      rowReasons = rowReasons.unionByName(BatchChecks.rejections(rows));
    }
    rowReasons = rowReasons.localCheckpoint(true);
    Dataset<Row> reasons = rowReasons;
    Dataset<Row> rejected = distinctRecords(reasons).localCheckpoint(true);
    long rejectedCount = rejected.count();
    for (int pass = 1; ; pass++) {
      Dataset<Row> references = BatchChecks.referenceRejections(candidates, existing, rejected);
      if (references == null) {
        return new Rejections(reasons, rejected);
      }
      Dataset<Row> next = rowReasons.unionByName(references).distinct().localCheckpoint(true);
      Dataset<Row> nextRejected = distinctRecords(next).localCheckpoint(true);
      long nextCount = nextRejected.count();
      if (nextCount == rejectedCount
          || !BatchChecks.keyedRejectionsDiffer(candidates, rejected, nextRejected)) {
        return new Rejections(next, nextRejected);
      }
      reasons = next;
      rejected = nextRejected;
      if (pass > CanonicalTable.values().length) {
        throw new IllegalStateException(
            "reference checks did not settle after " + pass + " passes");
      }
      rejectedCount = nextCount;
    }
  }

  /** The quarantine rows: each rejected source record once, with all its reasons sorted. */
  private static Dataset<Row> quarantine(
      String batchId, Dataset<Row> records, Dataset<Row> reasons) {
    return records
        .join(
            reasons
                .groupBy(RowRules.RECORD_ID)
                .agg(array_sort(collect_set(BatchChecks.REASON)).as("reasons")),
            RowRules.RECORD_ID)
        .select(
            lit(batchId).as("batch_id"),
            col(BatchSources.SOURCE).as("source_name"),
            col(BatchSources.FILE).as("source_file"),
            col(BatchSources.ORIGINAL).as("record"),
            col("reasons"),
            current_timestamp().as("quarantined_at"));
  }

  /**
   * Each table's rows from the records not rejected, one per business key, in reference order;
   * checkpointed, so that counting, comparing and writing them starts from the rows.
   */
  private static Map<CanonicalTable, Dataset<Row>> accepted(
      Map<CanonicalTable, Dataset<Row>> candidates, Dataset<Row> rejected) {
    Map<CanonicalTable, Dataset<Row>> accepted = new LinkedHashMap<>();
    for (CanonicalTable table : CanonicalTable.values()) {
      Dataset<Row> rows = candidates.get(table);
      if (rows != null) {
        accepted.put(
            table,
            BatchChecks.withoutRejected(rows, rejected)
                .dropDuplicates(table.keyColumns().toArray(new String[0]))
                .localCheckpoint(true));
      }
    }
    return accepted;
  }

  /**
   * The counts of a checked batch, all from one aggregation: the records quarantined, the records
   * that reached at least one table (counted from the candidates, independently of read -
   * quarantined) and each table's accepted rows.
   */
  private record Tally(
      long quarantinedRecords, long acceptedRecords, Map<CanonicalTable, Long> rows) {}

  private static Tally tally(
      Map<CanonicalTable, Dataset<Row>> candidates,
      Dataset<Row> rejected,
      Map<CanonicalTable, Dataset<Row>> accepted) {
    String tag = "_tally";
    String quarantined = "quarantined records";
    String reached = "accepted records";
    Dataset<Row> ids = null;
    for (CanonicalTable table : CanonicalTable.values()) {
      Dataset<Row> rows = candidates.get(table);
      if (rows != null) {
        Dataset<Row> kept = BatchChecks.withoutRejected(rows, rejected).select(RowRules.RECORD_ID);
        ids = ids == null ? kept : ids.union(kept);
      }
    }
    Dataset<Row> tags = rejected.select(lit(quarantined).as(tag));
    if (ids != null) {
      tags = tags.union(ids.distinct().select(lit(reached).as(tag)));
    }
    for (Map.Entry<CanonicalTable, Dataset<Row>> entry : accepted.entrySet()) {
      tags = tags.union(entry.getValue().select(lit(entry.getKey().tableName()).as(tag)));
    }
    Map<String, Long> counted = new java.util.HashMap<>();
    for (Row r : tags.groupBy(tag).count().collectAsList()) {
      counted.put(r.getString(0), r.getLong(1));
    }
    Map<CanonicalTable, Long> rows = new EnumMap<>(CanonicalTable.class);
    for (CanonicalTable table : accepted.keySet()) {
      rows.put(table, counted.getOrDefault(table.tableName(), 0L));
    }
    return new Tally(
        counted.getOrDefault(quarantined, 0L), counted.getOrDefault(reached, 0L), rows);
  }

  /**
   * The writes, in order: the running audit row, the quarantine, the tables in reference order, the
   * audit row's outcome (also when a write fails). A batch refused for its quarantine share writes
   * only its audit row, as failed with its counts.
   */
  private IngestResult write(
      Batch batch,
      Counts counts,
      UserFacingException refusal,
      Dataset<Row> quarantine,
      Map<CanonicalTable, Dataset<Row>> accepted,
      Map<CanonicalTable, Long> acceptedRows,
      Map<CanonicalTable, Dataset<Row>> loaded) {
    writeBatchStart(
        batch.id(),
        batch.source(),
        batch.files(),
        batch.checksum(),
        batch.mapping(),
        batch.started());
    try {
      if (!counts.reconciled()) {
        throw new IllegalStateException(
            "read "
                + counts.read()
                + " records but accepted "
                + counts.accepted()
                + " + quarantined "
                + counts.quarantined()
                + "; nothing was loaded");
      }
      if (refusal != null) {
        throw refusal;
      }
      long quarantineVersion = warehouse.version(AuditTables.QUARANTINE);
      if (counts.quarantined() > 0) {
        quarantine
            .write()
            .format("delta")
            .mode("append")
            .save(warehouse.path(AuditTables.QUARANTINE));
        quarantineVersion = warehouse.version(AuditTables.QUARANTINE);
        progress.step(
            String.format(
                Locale.ROOT,
                "Quarantined %,d records in %s (version %d)",
                counts.quarantined(),
                AuditTables.QUARANTINE,
                quarantineVersion));
      }
      List<TableUpsert.TableStats> stats = new ArrayList<>();
      for (Map.Entry<CanonicalTable, Dataset<Row>> entry : accepted.entrySet()) {
        warehouse.spark().sparkContext().setJobDescription("merge " + entry.getKey().tableName());
        TableUpsert.TableStats s =
            TableUpsert.upsert(
                warehouse,
                entry.getKey(),
                entry.getValue(),
                acceptedRows.get(entry.getKey()),
                loaded.get(entry.getKey()),
                batch.id());
        stats.add(s);
        progress.step(
            String.format(
                Locale.ROOT,
                "%s: %,d rows -> %,d inserted, %,d updated, %,d unchanged (version %d)",
                s.table(),
                s.rows(),
                s.inserted(),
                s.updated(),
                s.unchanged(),
                s.version()));
      }
      IngestResult result =
          new IngestResult(
              batch.id(),
              batch.checksum(),
              counts.read(),
              counts.accepted(),
              counts.quarantined(),
              counts.reconciled(),
              List.copyOf(stats),
              quarantineVersion);
      writeBatchEnd(result, "succeeded", null);
      return result;
    } catch (RuntimeException e) {
      writeBatchEnd(
          new IngestResult(
              batch.id(),
              batch.checksum(),
              counts.read(),
              counts.accepted(),
              counts.quarantined(),
              counts.reconciled(),
              List.of(),
              -1),
          "failed",
          String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /**
   * The refusal of a batch that would quarantine more than the limit of the records of a source, or
   * null. The message names the source with the highest share and the likely cause, from the kind
   * of reason most of its quarantined records have: dates that do not match date_formats, lines
   * that do not split into the header's columns (the delimiter), bytes not in the declared
   * encoding.
   */
  private UserFacingException quarantineLimit(
      Batch batch,
      List<ResolvedSource> sources,
      IngestMapping mapping,
      Dataset<Row> records,
      Dataset<Row> rejected,
      Dataset<Row> reasons) {
    if (maxQuarantinePercent >= 100) {
      return null;
    }
    String flag = "_quarantined";
    Row worst = null;
    for (Row r :
        records
            .select(col(RowRules.RECORD_ID), col(BatchSources.SOURCE))
            .join(rejected.withColumn(flag, lit(true)), RowRules.RECORD_ID, "left")
            .groupBy(BatchSources.SOURCE)
            .agg(count(lit(1)).as("read"), count(col(flag)).as("quarantined"))
            .collectAsList()) {
      long read = r.getLong(1);
      long quarantined = r.getLong(2);
      if (quarantined * 100.0 > maxQuarantinePercent * read
          && (worst == null
              || quarantined * (double) worst.getLong(1) > worst.getLong(2) * (double) read)) {
        worst = r;
      }
    }
    if (worst == null) {
      return null;
    }
    String sourceName = worst.getString(0);
    long read = worst.getLong(1);
    long quarantined = worst.getLong(2);
    ResolvedSource source =
        sources.stream()
            .filter(s -> s.mapping().name().equals(sourceName))
            .findFirst()
            .orElseThrow();
    Column reason = col(BatchChecks.REASON);
    Row dominant =
        reasons
            .join(
                records
                    .where(col(BatchSources.SOURCE).equalTo(sourceName))
                    .select(RowRules.RECORD_ID, BatchSources.ORIGINAL),
                RowRules.RECORD_ID)
            .withColumn(
                "_kind",
                when(reason.rlike(": cannot read '.*' as a date"), lit("date"))
                    .when(reason.startsWith("malformed record"), lit("fields"))
                    .when(reason.rlike("^invalid \\S+ bytes? "), lit("encoding"))
                    .otherwise(regexp_replace(reason, "'[^']*'|-?[0-9][0-9.,-]*", "_")))
            .groupBy("_kind")
            .agg(
                countDistinct(RowRules.RECORD_ID).as("records"),
                min(reason).as("example"),
                min(BatchSources.ORIGINAL).as("record"))
            // On a tie, the kinds that cause others first: undecodable bytes and lines split
            // wrongly also leave values missing or unreadable.
            .orderBy(
                col("records").desc(),
                when(col("_kind").equalTo("encoding"), 0)
                    .when(col("_kind").equalTo("fields"), 1)
                    .when(col("_kind").equalTo("date"), 2)
                    .otherwise(3),
                col("_kind"))
            .first();
    SourceMapping s = source.mapping();
    String where = s.location(source.index()) + " of mapping " + mapping.origin();
    long many = dominant.getLong(1);
    String example = clip(dominant.getString(2), 240);
    String cause;
    String fix;
    switch (dominant.getString(0)) {
      case "date" -> {
        cause =
            String.format(Locale.ROOT, "%,d", many)
                + " of them have dates that match none of the source's date_formats (tried: "
                + String.join(", ", s.dateFormats())
                + "), e.g. \""
                + example
                + "\"";
        fix =
            "Set date_formats of "
                + where
                + " to the export's date pattern (for example [\"dd/MM/yyyy\"]).";
      }
      case "fields" -> {
        String delimiter = s.readerOption("delimiter");
        cause =
            String.format(Locale.ROOT, "%,d", many)
                + " of them are lines that do not split into the header's columns (delimiter or"
                + " quoting), e.g. the line \""
                + clip(dominant.getString(3), 120)
                + "\"";
        fix =
            "Check options.delimiter (now '"
                + (delimiter == null ? "," : delimiter)
                + "'), quote and escape of "
                + where
                + ".";
      }
      case "encoding" -> {
        cause =
            String.format(Locale.ROOT, "%,d", many)
                + " of them have bytes that are not "
                + s.encoding().name()
                + ", e.g. \""
                + example
                + "\"";
        fix = "Declare the file's encoding in options.encoding of " + where + ".";
      }
      default -> {
        cause =
            String.format(Locale.ROOT, "%,d", many)
                + " of them have reasons like \""
                + example
                + "\"";
        fix = "Correct the export or " + where + ".";
      }
    }
    return EncoursErrors.refused(
        "load batch " + batch.id(),
        String.format(
                Locale.ROOT,
                "%,d of the %,d records of source %s (%.1f %%) would be quarantined, more than"
                    + " the limit of %s %% (--max-quarantine); ",
                quarantined,
                read,
                sourceName,
                quarantined * 100.0 / read,
                percentText(maxQuarantinePercent))
            + cause,
        fix
            + " Nothing was written to the canonical tables; ingest_batches records the batch as"
            + " failed with its counts. Raise --max-quarantine only if that many rejected records"
            + " is expected.");
  }

  private static String clip(String text, int max) {
    String t = String.valueOf(text);
    return t.length() <= max ? t : t.substring(0, max) + "...";
  }

  private static Dataset<Row> distinctRecords(Dataset<Row> reasons) {
    return reasons.select(RowRules.RECORD_ID).distinct();
  }

  private static Dataset<Row> unionAll(List<Dataset<Row>> parts) {
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all;
  }

  /**
   * Checks every mapped expression against the source's real columns, naming the mapping entry: an
   * expression that is not Spark SQL gets Spark's parse message, one that does not fit the source
   * gets the source's columns (and a delimiter hint when the header was read as one column).
   */
  private static void checkExpressions(
      IngestMapping mapping, ResolvedSource source, TableFeed feed, Dataset<Row> records) {
    SourceMapping s = source.mapping();
    for (Map.Entry<String, String> column : feed.columns().entrySet()) {
      if (column.getValue() == null) {
        continue;
      }
      try {
        records.select(org.apache.spark.sql.functions.expr(column.getValue())).schema();
      } catch (Exception e) {
        if (!(e instanceof AnalysisException)) {
          throw e;
        }
        String entry =
            "Mapping "
                + mapping.origin()
                + " "
                + s.location(source.index())
                + ".tables."
                + feed.table().tableName()
                + ".columns."
                + column.getKey()
                + ":";
        if (e instanceof ParseException) {
          throw EncoursErrors.badFile(
              entry,
              "the expression '"
                  + column.getValue()
                  + "' is not valid Spark SQL: "
                  + firstLine(e.getMessage()),
              "Nothing was written.");
        }
        List<String> available = new ArrayList<>();
        for (String name : records.columns()) {
          if (!name.startsWith("_")) {
            available.add(name);
          }
        }
        throw EncoursErrors.badFile(
            entry,
            "the expression '"
                + column.getValue()
                + "' does not fit the source "
                + source.files()
                + ": "
                + firstLine(e.getMessage())
                + ". Source columns: "
                + String.join(", ", available)
                + delimiterHint(s, available),
            "Nothing was written.");
      }
    }
  }

  /**
   * When a CSV header was read as a single column holding another likely delimiter, says so: the
   * usual cause of a mapping that fits no column.
   */
  private static String delimiterHint(SourceMapping source, List<String> columns) {
    if (source.format() != SourceFormat.CSV || columns.size() != 1) {
      return "";
    }
    String declared = source.readerOption("delimiter");
    if (declared == null) {
      declared = source.readerOption("sep");
    }
    declared = declared == null ? "," : declared;
    for (String candidate : List.of(";", ",", "\\t", "|")) {
      String delimiter = candidate.equals("\\t") ? "\t" : candidate;
      if (!delimiter.equals(declared) && columns.get(0).contains(delimiter)) {
        return ". The header was read as one column: the file looks delimited by '"
            + candidate
            + "', not by '"
            + declared
            + "'; set options.delimiter of this source";
      }
    }
    return ". The header was read as one column: check the source's options.delimiter (now '"
        + declared
        + "')";
  }

  /** The first line of a message that has text (Spark's parse messages start with a newline). */
  private static String firstLine(String message) {
    for (String line : String.valueOf(message).split("\n")) {
      if (!line.isBlank()) {
        return line.trim();
      }
    }
    return String.valueOf(message).trim();
  }

  private void writeBatchStart(
      String batchId,
      String source,
      List<String> files,
      String checksum,
      String mapping,
      Instant started) {
    Row row =
        RowFactory.create(
            batchId,
            "running",
            source,
            files,
            checksum,
            mapping,
            Timestamp.from(started),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    warehouse
        .spark()
        .createDataFrame(List.of(row), AuditTables.INGEST_BATCHES_SCHEMA)
        .write()
        .format("delta")
        .mode("append")
        .save(warehouse.path(AuditTables.INGEST_BATCHES));
  }

  /**
   * Completes the batch's audit row in place (an UPDATE of that one row, with the values as
   * literals).
   */
  private void writeBatchEnd(IngestResult result, String status, String message) {
    List<Column> stats = new ArrayList<>();
    for (TableUpsert.TableStats t : result.tables()) {
      stats.add(
          struct(
              lit(t.table()).as("table"),
              lit(t.rows()).as("rows"),
              lit(t.inserted()).as("inserted"),
              lit(t.updated()).as("updated"),
              lit(t.unchanged()).as("unchanged"),
              lit(t.version()).as("version")));
    }
    Map<String, Column> set = new LinkedHashMap<>();
    set.put("status", lit(status));
    set.put("ended_at", lit(Timestamp.from(Instant.now())));
    set.put("rows_read", lit(result.rowsRead()));
    set.put("rows_accepted", lit(result.rowsAccepted()));
    set.put("rows_quarantined", lit(result.rowsQuarantined()));
    set.put("reconciled", lit(result.reconciled()));
    set.put(
        "table_stats",
        array(stats.toArray(new Column[0]))
            .cast(DataTypes.createArrayType(AuditTables.TABLE_STATS, false)));
    set.put(
        "quarantine_version",
        result.quarantineVersion() < 0
            ? lit(null).cast(DataTypes.LongType)
            : lit(result.quarantineVersion()));
    set.put("message", lit(message).cast(DataTypes.StringType));
    DeltaTable.forPath(warehouse.spark(), warehouse.path(AuditTables.INGEST_BATCHES))
        .update(col("batch_id").equalTo(lit(result.batchId())), set);
  }
}
