package org.encours.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;
import org.encours.warehouse.CanonicalTable;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Reads a mapping file (YAML) and checks it completely before anything is read or written: unknown
 * keys, unknown tables or columns, canonical columns left unmentioned, bad formats and patterns all
 * fail here with the key that is wrong. Whether the expressions fit the source's columns is checked
 * later against the real source, still before any write ({@code BatchReader}).
 */
public final class MappingLoader {
  /** Mappings shipped with Encours, usable by name with --mapping. */
  public static final List<String> BUILT_IN = List.of("canonical-csv", "ibm-accounts-receivable");

  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "name",
          "path",
          "format",
          "optional",
          "options",
          "date_formats",
          "decimal_separator",
          "tables");
  private static final Set<String> FEED_KEYS = Set.of("repeated_keys", "columns");

  private MappingLoader() {}

  /** Loads a built-in mapping by name, or a mapping file by path. */
  public static IngestMapping load(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath)) {
      String resource = "/org/encours/ingest/mappings/" + nameOrPath + ".yaml";
      try (InputStream in = MappingLoader.class.getResourceAsStream(resource)) {
        return parse(
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), nameOrPath);
      } catch (IOException e) {
        throw new IllegalStateException("built-in mapping " + resource + " unreadable", e);
      }
    }
    Path path = Path.of(nameOrPath);
    if (!Files.isRegularFile(path)) {
      throw EncoursErrors.badFile(
          "Mapping '" + nameOrPath + "'",
          "is neither a file nor a built-in mapping (" + String.join(", ", BUILT_IN) + ")",
          "Give the path of a mapping file or one of the built-in names.");
    }
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw EncoursErrors.cannot("read", "mapping " + path, e, "");
    }
  }

  /** Parses and validates mapping text; {@code origin} names it in messages. */
  public static IngestMapping parse(String yaml, String origin) {
    JsonNode root;
    try {
      refuseAnchorsAndAliases(yaml, origin);
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException | YAMLException e) {
      throw notYaml(origin, e);
    }
    if (root == null || !root.isObject()) {
      throw bad(
          origin, "(top level)", "expected a map with a 'sources' list", "See docs/mapping.md.");
    }
    checkKeys(origin, "(top level)", root, Set.of("sources"));
    JsonNode sourcesNode = root.get("sources");
    if (sourcesNode == null || !sourcesNode.isArray() || sourcesNode.isEmpty()) {
      throw bad(origin, "sources", "missing or empty", "List at least one source.");
    }
    List<SourceMapping> sources = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < sourcesNode.size(); i++) {
      SourceMapping source = source(origin, i, sourcesNode.get(i));
      if (!names.add(source.name())) {
        throw bad(
            origin,
            "sources[" + i + "].name",
            "'" + source.name() + "' is used twice",
            "Give each source its own name.");
      }
      sources.add(source);
    }
    return new IngestMapping(origin, List.copyOf(sources));
  }

  /**
   * YAML anchors ({@code &name}) and aliases ({@code *name}) are refused, with their line: the
   * mapping reader would otherwise take an alias for the text of its name (a column name, and the
   * wrong data would load).
   */
  private static void refuseAnchorsAndAliases(String yaml, String origin) {
    for (Event event : new Yaml().parse(new StringReader(yaml))) {
      if (event instanceof NodeEvent node && node.getAnchor() != null) {
        boolean alias = event instanceof AliasEvent;
        Mark at = event.getStartMark();
        throw EncoursErrors.badFile(
            "Mapping " + origin,
            "uses a YAML "
                + (alias ? "alias '*" : "anchor '&")
                + node.getAnchor()
                + "' at line "
                + (at.getLine() + 1)
                + ", column "
                + (at.getColumn() + 1)
                + ": anchors and aliases are not supported in mappings",
            "Write the value out in full at each place it is used.");
      }
    }
  }

  /** A YAML syntax error with the line and column of the problem. */
  private static UserFacingException notYaml(String origin, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        return EncoursErrors.badFile(
            "Mapping " + origin,
            "is not valid YAML at line "
                + (mark.getLine() + 1)
                + ", column "
                + (mark.getColumn() + 1)
                + ": "
                + marked.getProblem(),
            "",
            e);
      }
    }
    if (e instanceof JsonProcessingException json && json.getLocation() != null) {
      return EncoursErrors.badFile(
          "Mapping " + origin,
          "is not valid YAML at line "
              + json.getLocation().getLineNr()
              + ", column "
              + json.getLocation().getColumnNr()
              + ": "
              + firstLine(json.getOriginalMessage()),
          "",
          e);
    }
    return EncoursErrors.badFile(
        "Mapping " + origin, "is not valid YAML: " + firstLine(e.getMessage()), "", e);
  }

  private static SourceMapping source(String origin, int index, JsonNode node) {
    String at = "sources[" + index + "]";
    if (!node.isObject()) {
      throw bad(origin, at, "expected a map", "See docs/mapping.md.");
    }
    checkKeys(origin, at, node, SOURCE_KEYS);
    String name = requiredText(origin, at + ".name", node.get("name"));
    String path = requiredText(origin, at + ".path", node.get("path"));
    String formatText = text(node.get("format"), "csv").toLowerCase(Locale.ROOT);
    SourceFormat format;
    try {
      format = SourceFormat.valueOf(formatText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(
          origin,
          at + ".format",
          "unknown format '" + formatText + "'",
          "Use csv, parquet or json.");
    }
    boolean optional = node.has("optional") && node.get("optional").asBoolean(false);

    Map<String, String> options = new LinkedHashMap<>();
    JsonNode optionsNode = node.get("options");
    if (optionsNode != null && !optionsNode.isNull()) {
      if (!optionsNode.isObject()) {
        throw bad(
            origin,
            at + ".options",
            "expected a map of reader options",
            "For example: options: {delimiter: ';'}");
      }
      optionsNode.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
      for (Map.Entry<String, String> option : options.entrySet()) {
        if (option.getKey().equalsIgnoreCase("encoding")
            || option.getKey().equalsIgnoreCase("charset")) {
          try {
            Charset.forName(option.getValue());
          } catch (IllegalArgumentException e) {
            throw bad(
                origin,
                at + ".options." + option.getKey(),
                "unknown encoding '" + option.getValue() + "'",
                "Use a Java charset name such as UTF-8, ISO-8859-1 or windows-1252.");
          }
        }
      }
    }

    List<String> dateFormats = new ArrayList<>();
    JsonNode formats = node.get("date_formats");
    if (formats == null || formats.isNull()) {
      dateFormats.add("yyyy-MM-dd");
    } else {
      if (!formats.isArray() || formats.isEmpty()) {
        throw bad(
            origin,
            at + ".date_formats",
            "expected a non-empty list of date patterns",
            "For example: date_formats: [\"dd/MM/yyyy\"]");
      }
      for (int k = 0; k < formats.size(); k++) {
        String pattern = formats.get(k).asText();
        try {
          DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
          throw bad(
              origin,
              at + ".date_formats[" + k + "]",
              "invalid date pattern '" + pattern + "' (" + e.getMessage() + ")",
              "Use Java/Spark datetime patterns such as dd/MM/yyyy.");
        }
        dateFormats.add(pattern);
      }
    }

    String separator = text(node.get("decimal_separator"), ".");
    if (!separator.equals(".") && !separator.equals(",")) {
      throw bad(
          origin,
          at + ".decimal_separator",
          "'" + separator + "' is not supported",
          "Use \".\" or \",\".");
    }

    JsonNode tablesNode = node.get("tables");
    if (tablesNode == null || !tablesNode.isObject() || tablesNode.isEmpty()) {
      throw bad(
          origin,
          at + ".tables",
          "missing or empty",
          "Say which canonical tables this source feeds (" + CanonicalTable.names() + ").");
    }
    List<TableFeed> feeds = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> tables = tablesNode.fields();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> entry = tables.next();
      feeds.add(feed(origin, at + ".tables." + entry.getKey(), entry.getKey(), entry.getValue()));
    }
    return new SourceMapping(
        name,
        path,
        format,
        optional,
        Map.copyOf(options),
        List.copyOf(dateFormats),
        separator.charAt(0),
        List.copyOf(feeds));
  }

  private static TableFeed feed(String origin, String at, String tableName, JsonNode node) {
    CanonicalTable table = CanonicalTable.byName(tableName);
    if (table == null) {
      throw bad(
          origin,
          at,
          "unknown table '" + tableName + "'",
          "Canonical tables are: " + CanonicalTable.names() + ".");
    }
    if (node == null || !node.isObject()) {
      throw bad(origin, at, "expected a map with 'columns'", "See docs/mapping.md.");
    }
    checkKeys(origin, at, node, FEED_KEYS);
    String repeated = text(node.get("repeated_keys"), "reject").toLowerCase(Locale.ROOT);
    TableFeed.RepeatedKeys repeatedKeys;
    try {
      repeatedKeys = TableFeed.RepeatedKeys.valueOf(repeated.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(
          origin,
          at + ".repeated_keys",
          "unknown value '" + repeated + "'",
          "Use reject (each key once) or collapse (identical repeats become one row).");
    }
    JsonNode columnsNode = node.get("columns");
    if (columnsNode == null || !columnsNode.isObject()) {
      throw bad(
          origin,
          at + ".columns",
          "missing",
          "Map every column of "
              + table.tableName()
              + ": "
              + String.join(", ", table.businessColumns())
              + " (use null for a column the source lacks).");
    }
    Map<String, String> columns = new LinkedHashMap<>();
    columnsNode
        .fields()
        .forEachRemaining(
            e -> {
              if (!table.hasColumn(e.getKey())) {
                throw bad(
                    origin,
                    at + ".columns." + e.getKey(),
                    "'" + e.getKey() + "' is not a column of " + table.tableName(),
                    "Its columns are: " + String.join(", ", table.businessColumns()) + ".");
              }
            });
    List<String> missing = new ArrayList<>();
    for (String column : table.businessColumns()) {
      if (!columnsNode.has(column)) {
        missing.add(column);
        continue;
      }
      JsonNode expr = columnsNode.get(column);
      if (expr.isNull()) {
        if (table.requiredColumns().contains(column)) {
          throw bad(
              origin,
              at + ".columns." + column,
              "is required by " + table.tableName() + " but mapped to null",
              "Give a Spark SQL expression over the source columns.");
        }
        columns.put(column, null);
      } else if (expr.isValueNode() && !expr.asText().isBlank()) {
        columns.put(column, expr.asText());
      } else {
        throw bad(
            origin,
            at + ".columns." + column,
            "expected a Spark SQL expression (text) or null",
            "For example: "
                + column
                + ": \"to_date(InvoiceDate, 'M/d/yyyy')\" or simply a source column name.");
      }
    }
    if (!missing.isEmpty()) {
      throw bad(
          origin,
          at + ".columns",
          "columns not mapped: " + String.join(", ", missing),
          "Map each one, or set it to null when the source does not have it (nothing is defaulted silently).");
    }
    return new TableFeed(table, repeatedKeys, java.util.Collections.unmodifiableMap(columns));
  }

  private static void checkKeys(String origin, String at, JsonNode node, Set<String> known) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                throw bad(
                    origin,
                    at.equals("(top level)") ? key : at + "." + key,
                    "unknown key '" + key + "'",
                    "Known keys here: " + String.join(", ", new java.util.TreeSet<>(known)) + ".");
              }
            });
  }

  private static String requiredText(String origin, String at, JsonNode node) {
    if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
      throw bad(origin, at, "missing", "It is required.");
    }
    return node.asText();
  }

  private static String text(JsonNode node, String fallback) {
    return node == null || node.isNull() ? fallback : node.asText();
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }

  private static UserFacingException bad(String origin, String key, String problem, String fix) {
    return EncoursErrors.badConfig("mapping " + origin, key, problem, fix);
  }
}
