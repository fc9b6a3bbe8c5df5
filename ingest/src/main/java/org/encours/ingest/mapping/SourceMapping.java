package org.encours.ingest.mapping;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One source file (or glob of files) of an export.
 *
 * @param name label used in the audit and in quarantine rows
 * @param path file name or glob, relative to the --source folder
 * @param format csv, parquet or json (JSON lines)
 * @param optional when true, a folder without a matching file is not an error
 * @param readerOptions passed to Spark's reader (csv: delimiter, encoding, quote, escape...)
 * @param dateFormats patterns tried in order for DATE columns given as text
 * @param decimalSeparator "." or "," for amounts given as text
 * @param tables what the source feeds, in mapping order
 */
public record SourceMapping(
    String name,
    String path,
    SourceFormat format,
    boolean optional,
    Map<String, String> readerOptions,
    List<String> dateFormats,
    char decimalSeparator,
    List<TableFeed> tables) {

  /** A reader option by name, whatever its case (Spark's readers ignore the case), or null. */
  public String readerOption(String key) {
    for (Map.Entry<String, String> option : readerOptions.entrySet()) {
      if (option.getKey().equalsIgnoreCase(key)) {
        return option.getValue();
      }
    }
    return null;
  }

  /** The declared encoding of the source's files ({@code options.encoding}), UTF-8 by default. */
  public Charset encoding() {
    String name = readerOption("encoding");
    if (name == null) {
      name = readerOption("charset");
    }
    return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
  }

  /** Where in the mapping file this source is, for messages: {@code sources[0] (ibm)}. */
  public String location(int index) {
    return "sources[" + index + "] (" + name + ")";
  }
}
