package org.encours.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
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
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.core.EncoursErrors;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.ingest.mapping.SourceFormat;
import org.encours.ingest.mapping.SourceMapping;

/**
 * Finds the files of each source of a mapping and reads them as records: the source's own columns
 * (CSV fields kept as text, exactly as written), plus a record id, the file it came from, the
 * original record as JSON (what quarantine keeps) and, for CSV, the raw text of a malformed line.
 */
final class BatchSources {
  static final String SOURCE = "_source";
  static final String FILE = "_file";
  static final String ORIGINAL = "_original";
  static final String MALFORMED = "_malformed";

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
    if (mapping.format() == SourceFormat.CSV) {
      DataFrameReader header =
          spark
              .read()
              .options(mapping.readerOptions())
              .option("header", "true")
              .option("inferSchema", "false");
      StructType columns = header.csv(files).schema();
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
      raw = raw.withColumn(MALFORMED, lit(null).cast(DataTypes.StringType));
    }
    List<Column> ownColumns = new ArrayList<>();
    for (String name : raw.columns()) {
      if (!name.equals(MALFORMED)) {
        ownColumns.add(col("`" + name + "`"));
      }
    }
    Column original =
        when(col(MALFORMED).isNotNull(), col(MALFORMED))
            .otherwise(
                to_json(
                    struct(ownColumns.toArray(new Column[0])),
                    java.util.Map.of("ignoreNullFields", "false")));
    long sourceBits = ((long) source.index()) << 48;
    return raw.withColumn(RowRules.RECORD_ID, monotonically_increasing_id().plus(lit(sourceBits)))
        .withColumn(SOURCE, lit(mapping.name()))
        .withColumn(FILE, org.apache.spark.sql.functions.input_file_name())
        .withColumn(ORIGINAL, original);
  }
}
