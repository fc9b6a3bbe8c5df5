package org.encours.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Finds, with Spark, the lines of a source's files whose bytes are not text in the declared
 * encoding ({@link SourceEncoding}), with their line numbers. A first pass counts the lines of each
 * file split and the undecodable ones; only when there are some does a second pass list them, each
 * split numbering its lines from the count of the splits before it.
 */
final class EncodingScan {
  static final String LINE = "line";
  static final String REASON = "reason";
  static final String RAW = "raw";
  static final String DECODED = "decoded";

  static final StructType LINES =
      new StructType()
          .add(LINE, DataTypes.LongType, false)
          .add(REASON, DataTypes.StringType, false)
          .add(RAW, DataTypes.StringType, false)
          .add(DECODED, DataTypes.StringType, false);

  private EncodingScan() {}

  /** What the first pass learns of one file split. */
  record Split(String file, long start, long lines, long undecodable, String headerProblem)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The result of a scan: the header problem of a file, if any, and the undecodable lines. */
  record Result(String headerFile, String headerProblem, Dataset<Row> lines) {}

  /**
   * Scans the files; {@code lines} is null when every line decodes.
   *
   * @param header whether the first line of each file is a header (its problem is reported apart)
   * @param lineSep the reader's line separator, or null for \n, \r\n and \r
   */
  static Result scan(
      SparkSession spark, List<String> files, Charset charset, boolean header, String lineSep) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    if (lineSep != null) {
      conf.set("textinputformat.record.delimiter", lineSep);
    }
    String charsetName = charset.name();
    List<JavaRDD<Split>> counts = new ArrayList<>();
    for (String file : files) {
      counts.add(
          lines(jsc, file, conf).mapPartitionsWithInputSplit(count(charsetName, header), true));
    }
    List<Split> splits = union(counts).collect();
    long undecodable = 0;
    for (Split split : splits) {
      if (split.headerProblem() != null) {
        return new Result(split.file(), split.headerProblem(), null);
      }
      undecodable += split.undecodable();
    }
    if (undecodable == 0) {
      return new Result(null, null, null);
    }
    Map<String, Long> linesBefore = linesBefore(splits);
    List<JavaRDD<Row>> listed = new ArrayList<>();
    for (String file : files) {
      listed.add(
          lines(jsc, file, conf).mapPartitionsWithInputSplit(list(charsetName, linesBefore), true));
    }
    return new Result(null, null, spark.createDataFrame(union(listed), LINES));
  }

  private static JavaNewHadoopRDD<LongWritable, Text> lines(
      JavaSparkContext jsc, String file, Configuration conf) {
    return (JavaNewHadoopRDD<LongWritable, Text>)
        jsc.newAPIHadoopFile(file, TextInputFormat.class, LongWritable.class, Text.class, conf);
  }

  private static <T> JavaRDD<T> union(List<JavaRDD<T>> parts) {
    JavaRDD<T> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.union(parts.get(i));
    }
    return all;
  }

  /** For each split (file and start), the number of lines of its file before it. */
  private static Map<String, Long> linesBefore(List<Split> splits) {
    List<Split> ordered = new ArrayList<>(splits);
    ordered.sort(
        (a, b) ->
            a.file().equals(b.file())
                ? Long.compare(a.start(), b.start())
                : a.file().compareTo(b.file()));
    Map<String, Long> before = new HashMap<>();
    String file = null;
    long seen = 0;
    for (Split split : ordered) {
      if (!split.file().equals(file)) {
        file = split.file();
        seen = 0;
      }
      before.put(split.file() + "@" + split.start(), seen);
      seen += split.lines();
    }
    return before;
  }

  private static String name(String file) {
    return new Path(file).getName();
  }

  /** First pass: each split's line count, undecodable count and header problem. */
  private static Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Split>> count(
      String charsetName, boolean header) {
    return (split, lines) -> {
      FileSplit fileSplit = (FileSplit) split;
      Charset charset = Charset.forName(charsetName);
      long count = 0;
      long undecodable = 0;
      String headerProblem = null;
      while (lines.hasNext()) {
        Text line = lines.next()._2();
        String problem = SourceEncoding.problem(line.getBytes(), line.getLength(), charset);
        if (problem != null) {
          if (header && count == 0 && fileSplit.getStart() == 0) {
            headerProblem = problem;
          }
          undecodable++;
        }
        count++;
      }
      return Collections.singletonList(
              new Split(
                  fileSplit.getPath().toString(),
                  fileSplit.getStart(),
                  count,
                  undecodable,
                  headerProblem))
          .iterator();
    };
  }

  /** Second pass: each undecodable line with its number, reason, raw text and replaced text. */
  private static Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> list(
      String charsetName, Map<String, Long> linesBefore) {
    return (split, lines) -> {
      FileSplit fileSplit = (FileSplit) split;
      Charset charset = Charset.forName(charsetName);
      String file = fileSplit.getPath().toString();
      long number = linesBefore.getOrDefault(file + "@" + fileSplit.getStart(), 0L);
      List<Row> found = new ArrayList<>();
      while (lines.hasNext()) {
        Text line = lines.next()._2();
        number++;
        String problem = SourceEncoding.problem(line.getBytes(), line.getLength(), charset);
        if (problem != null) {
          found.add(
              RowFactory.create(
                  number,
                  problem + " at line " + number + " of " + name(file) + "; " + SourceEncoding.HINT,
                  SourceEncoding.rawText(line.getBytes(), line.getLength(), charset),
                  new String(line.getBytes(), 0, line.getLength(), charset)));
        }
      }
      return found.iterator();
    };
  }
}
