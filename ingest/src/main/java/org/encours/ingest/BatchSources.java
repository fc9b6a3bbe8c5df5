package org.encours.ingest;

import static java.util.stream.Collectors.joining;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.ingest.mapping.SourceFormat;
import org.encours.ingest.mapping.SourceMapping;

/**
 * Finds the files of each source of a mapping and reads them as records: the source's own columns
 * (CSV fields kept as text, exactly as written), plus a record id, the file it came from, the
 * original record as JSON (what quarantine keeps), for CSV the raw text of a malformed line, and
 * the reasons of a record whose line has bytes that are not text in the source's encoding.
 */
final class BatchSources {
  static final String SOURCE = "_source";
  static final String FILE = "_file";
  static final String ORIGINAL = "_original";
  static final String MALFORMED = "_malformed";
  static final String UNDECODABLE = "_undecodable";

  private static final String REPLACEMENT = "\uFFFD";
  private static final ArrayType REASONS = DataTypes.createArrayType(DataTypes.StringType, false);

  private BatchSources() {}

  /** One source with the files it resolved to. */
  record ResolvedSource(SourceMapping mapping, int index, List<String> files) {}

  /**
   * Resolves every source of the mapping against --source: a folder (each source's path is a file
   * name or glob inside it) or a single file (only for a one-source mapping).
   */
  static List<ResolvedSource> resolve(
      SparkSession spark, IngestMapping mapping, String sourceLocation) {
    try {
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      Path location = new Path(sourceLocation);
      FileSystem fs = location.getFileSystem(hadoop);
      if (!fs.exists(location)) {
        throw EncoursErrors.nothingFound(
            "export",
            sourceLocation,
            "give an export file or a folder of export files with --source.");
      }
      List<ResolvedSource> resolved = new ArrayList<>();
      if (fs.getFileStatus(location).isFile()) {
        if (mapping.sources().size() != 1) {
          throw EncoursErrors.badArgument(
              "--source",
              sourceLocation,
              "the folder that holds the "
                  + mapping.sources().size()
                  + " sources of mapping "
                  + mapping.origin()
                  + " (this is a single file)");
        }
        resolved.add(
            new ResolvedSource(
                mapping.sources().get(0), 0, List.of(fs.makeQualified(location).toString())));
        return resolved;
      }
      for (int i = 0; i < mapping.sources().size(); i++) {
        SourceMapping source = mapping.sources().get(i);
        FileStatus[] matches = fs.globStatus(new Path(location, source.path()));
        List<String> files = new ArrayList<>();
        if (matches != null) {
          Arrays.stream(matches)
              .filter(FileStatus::isFile)
              .map(s -> s.getPath().toString())
              .sorted()
              .forEach(files::add);
        }
        if (files.isEmpty() && !source.optional()) {
          throw EncoursErrors.badFile(
              "Mapping " + mapping.origin() + " " + source.location(i) + ":",
              "no file matches '" + source.path() + "' in " + sourceLocation,
              "Check the folder, or mark the source 'optional: true' in the mapping.");
        }
        if (!files.isEmpty()) {
          resolved.add(new ResolvedSource(source, i, files));
        }
      }
      return resolved;
    } catch (IOException e) {
      throw EncoursErrors.cannot("list", "source " + sourceLocation, e, "");
    }
  }

  /** SHA-256 over the bytes of all files, in the order given; the audit's source checksum. */
  static String checksum(SparkSession spark, List<String> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (String file : files) {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (InputStream in = fs.open(path)) {
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw EncoursErrors.cannot("read", "source files to checksum them", e, "");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads one source. Record ids are unique across the batch: the source index sits in the top bits
   * so that records order by source, then by position within the source.
   */
  static Dataset<Row> read(SparkSession spark, ResolvedSource source) {
    SourceMapping mapping = source.mapping();
    String[] files = source.files().toArray(new String[0]);
    Dataset<Row> raw;
    StructType columns;
    if (mapping.format() == SourceFormat.CSV) {
      DataFrameReader header =
          spark
              .read()
              .options(mapping.readerOptions())
              .option("header", "true")
              .option("inferSchema", "false");
      columns = header.csv(files).schema();
      if (columns.fields().length == 0) {
        throw empty(spark, source);
      }
      StructType withMalformed = columns.add(MALFORMED, DataTypes.StringType, true);
      raw =
          spark
              .read()
              .options(mapping.readerOptions())
              .option("header", "true")
              .option("mode", "PERMISSIVE")
              .option("columnNameOfCorruptRecord", MALFORMED)
              .schema(withMalformed)
              .csv(files);
    } else {
      raw =
          spark
              .read()
              .options(mapping.readerOptions())
              .format(mapping.format().sparkFormat())
              .load(files);
      columns = raw.schema();
      if (columns.fields().length == 0) {
        throw empty(spark, source);
      }
      raw = raw.withColumn(MALFORMED, lit(null).cast(DataTypes.StringType));
    }
    Column original = original(col(MALFORMED), columns, c -> col("`" + c + "`"));
    long sourceBits = ((long) source.index()) << 48;
    Dataset<Row> records =
        raw.withColumn(RowRules.RECORD_ID, monotonically_increasing_id().plus(lit(sourceBits)))
            .withColumn(SOURCE, lit(mapping.name()))
            .withColumn(FILE, org.apache.spark.sql.functions.input_file_name())
            .withColumn(ORIGINAL, original);
    if (mapping.format() == SourceFormat.CSV
        && SourceEncoding.lineBased(mapping.encoding())
        && !"true".equalsIgnoreCase(mapping.readerOption("multiLine"))) {
      return withUndecodable(spark, source, records, columns);
    }
    return records.withColumn(UNDECODABLE, lit(null).cast(REASONS));
  }

  /**
   * The original record as quarantine keeps it: the raw text of a malformed line, else every source
   * field as JSON.
   */
  private static Column original(
      Column malformed, StructType columns, java.util.function.Function<String, Column> field) {
    List<Column> own = new ArrayList<>();
    for (String name : columns.fieldNames()) {
      own.add(field.apply(name).as(name));
    }
    return when(malformed.isNotNull(), malformed)
        .otherwise(
            to_json(
                struct(own.toArray(new Column[0])), java.util.Map.of("ignoreNullFields", "false")));
  }

  /**
   * Adds {@value #UNDECODABLE}: the reasons of a record read from a line whose bytes are not text
   * in the source's encoding (Spark read it with U+FFFD in their place), and keeps the raw line,
   * each undecodable byte written as {@code \xE9}, as its original record. The undecodable lines
   * are parsed again with Spark's CSV parser and the same options, so that each is matched with the
   * record it gave by their identical original text.
   */
  private static Dataset<Row> withUndecodable(
      SparkSession spark, ResolvedSource source, Dataset<Row> records, StructType columns) {
    SourceMapping mapping = source.mapping();
    EncodingScan.Result scan =
        EncodingScan.scan(
            spark, source.files(), mapping.encoding(), true, mapping.readerOption("lineSep"));
    if (scan.headerProblem() != null) {
      throw EncoursErrors.badFile(
          "Source " + mapping.location(source.index()) + ":",
          "the header line of "
              + scan.headerFile()
              + " has an "
              + scan.headerProblem()
              + " (line 1)",
          "Declare the file's encoding in the mapping (options.encoding, e.g. ISO-8859-1).");
    }
    if (scan.lines() == null) {
      return records.withColumn(UNDECODABLE, lit(null).cast(REASONS));
    }
    Map<String, String> options = new HashMap<>(mapping.readerOptions());
    options.put("mode", "PERMISSIVE");
    options.put("columnNameOfCorruptRecord", MALFORMED);
    Column parsed =
        from_csv(
            col(EncodingScan.DECODED),
            lit(columns.add(MALFORMED, DataTypes.StringType, true).toDDL()),
            options);
    Dataset<Row> lines =
        scan.lines()
            .withColumn("_parsed", parsed)
            .select(
                original(
                        col("_parsed").getField(MALFORMED),
                        columns,
                        c -> col("_parsed").getField(c))
                    .as("_key"),
                col(EncodingScan.REASON),
                col(EncodingScan.RAW));
    Dataset<Row> fixed = records.localCheckpoint(true);
    Dataset<Row> matched =
        fixed
            .where(col(ORIGINAL).contains(REPLACEMENT))
            .select(col(RowRules.RECORD_ID), col(ORIGINAL).as("_key"))
            .join(lines, "_key")
            .groupBy(RowRules.RECORD_ID)
            .agg(
                array_sort(collect_set(EncodingScan.REASON)).as(UNDECODABLE),
                min(EncodingScan.RAW).as("_raw"));
    String elsewhere =
        "invalid "
            + mapping.encoding().name()
            + " bytes in this record (a record over several lines of "
            + source.files().stream().map(f -> new Path(f).getName()).collect(joining(", "))
            + "); "
            + SourceEncoding.HINT;
    return fixed
        .join(matched, RowRules.RECORD_ID, "left")
        .withColumn(
            UNDECODABLE,
            when(
                    col(UNDECODABLE).isNull().and(col(ORIGINAL).contains(REPLACEMENT)),
                    array(lit(elsewhere)))
                .otherwise(col(UNDECODABLE)))
        .withColumn(ORIGINAL, coalesce(col("_raw"), col(ORIGINAL)))
        .drop("_raw");
  }

  /** The error for a source whose files hold nothing, naming the empty files. */
  private static UserFacingException empty(SparkSession spark, ResolvedSource source) {
    SourceMapping mapping = source.mapping();
    List<String> empty = new ArrayList<>();
    try {
      for (String file : source.files()) {
        Path path = new Path(file);
        if (path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                .getFileStatus(path)
                .getLen()
            == 0) {
          empty.add(file);
        }
      }
    } catch (IOException e) {
      throw EncoursErrors.cannot("read", "source " + mapping.name(), e, "");
    }
    List<String> named = empty.isEmpty() ? source.files() : empty;
    boolean csv = mapping.format() == SourceFormat.CSV;
    return EncoursErrors.badFile(
        "Source " + mapping.location(source.index()) + ":",
        (named.size() == 1
                ? "the file " + named.get(0) + " is empty"
                : "the files " + named + " are empty")
            + (csv ? " (not even a header line)" : " (no records)"),
        mapping.optional()
            ? "Give it "
                + (csv ? "its header line" : "its records")
                + ", or leave the file out of the folder: the source is optional."
            : "Export it again with " + (csv ? "its header line and records." : "its records."));
  }
}
