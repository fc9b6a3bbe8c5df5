package org.encours.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;

/**
 * A position in a configuration tree that reads typed values and fails with a message naming the
 * file and the dotted key, e.g. {@code policy my.yaml at 'deposits.grades.E.share': 1.5 is above
 * 1}. Immutable; cheap to create.
 */
public final class ConfigNode {
  private final String origin;
  private final String path;
  private final JsonNode node;

  private ConfigNode(String origin, String path, JsonNode node) {
    this.origin = origin;
    this.path = path;
    this.node = node;
  }

  /** The top of a tree; {@code origin} names the file in messages ("policy my.yaml"). */
  public static ConfigNode root(String origin, JsonNode node) {
    return new ConfigNode(origin, "", node);
  }

  public String origin() {
    return origin;
  }

  /** The dotted key of this node ("" at the top). */
  public String path() {
    return path;
  }

  private String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error about this node. */
  public UserFacingException error(String problem, String fix) {
    return EncoursErrors.badConfig(origin, path.isEmpty() ? "(top level)" : path, problem, fix);
  }

  /** An error about one key under this node. */
  public UserFacingException error(String key, String problem, String fix) {
    return EncoursErrors.badConfig(origin, at(key), problem, fix);
  }

  /** Fails on any key not in {@code known}, listing the known ones. */
  public ConfigNode allowOnly(String... known) {
    Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
    for (String key : keys()) {
      if (!allowed.contains(key)) {
        throw error(
            key,
            "unknown key",
            "Known keys here: " + String.join(", ", allowed) + " (see docs/policy.md).");
      }
    }
    return this;
  }

  /** Fails unless every key in {@code required} is present (null values count as present). */
  public ConfigNode requireAll(List<String> required, String fix) {
    for (String key : required) {
      if (!node.has(key)) {
        throw error(key, "missing", fix);
      }
    }
    return this;
  }

  /** This node's keys in file order (it must be a map). */
  public List<String> keys() {
    requireMap();
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public boolean has(String key) {
    requireMap();
    return node.has(key);
  }

  /** True when the key is absent or explicitly null. */
  public boolean isNull(String key) {
    requireMap();
    return !node.has(key) || node.get(key).isNull();
  }

  private void requireMap() {
    if (!node.isObject()) {
      throw error(
          "expected a map of keys, found " + describe(node),
          "Indent the keys under it, as in the default file.");
    }
  }

  /** A required map under {@code key}. */
  public ConfigNode map(String key) {
    JsonNode child = required(key);
    if (!child.isObject()) {
      throw error(
          key,
          "expected a map of keys, found " + describe(child),
          "Indent the keys under it, as in the default file.");
    }
    return new ConfigNode(origin, at(key), child);
  }

  /** A required, non-empty list under {@code key}; elements are named key[0], key[1], ... */
  public List<ConfigNode> list(String key) {
    JsonNode child = required(key);
    if (!child.isArray() || child.isEmpty()) {
      throw error(
          key,
          "expected a non-empty list, found " + describe(child),
          "Write one '- ' item per line, as in the default file.");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      items.add(new ConfigNode(origin, at(key) + "[" + i + "]", child.get(i)));
    }
    return items;
  }

  /** A required list of texts. */
  public List<String> texts(String key) {
    JsonNode child = required(key);
    if (!child.isArray()) {
      throw error(
          key, "expected a list, found " + describe(child), "For example: " + key + ": [A, B]");
    }
    List<String> values = new ArrayList<>();
    Iterator<JsonNode> items = child.elements();
    int i = 0;
    while (items.hasNext()) {
      JsonNode item = items.next();
      if (!item.isTextual()) {
        throw error(
            key + "[" + i + "]",
            "expected text, found " + describe(item),
            "Write a word such as A.");
      }
      values.add(item.asText());
      i++;
    }
    return values;
  }

  private JsonNode required(String key) {
    requireMap();
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      throw error(
          key, "missing", "Give it a value (see docs/policy.md for its meaning and default).");
    }
    return child;
  }

  /** A required number within [min, max] (either bound may be null for none). */
  public BigDecimal decimal(String key, BigDecimal min, BigDecimal max, String fix) {
    JsonNode child = required(key);
    return checkedDecimal(key, child, min, max, fix);
  }

  /** An optional number within [min, max]; null when absent or null. */
  public BigDecimal optionalDecimal(String key, BigDecimal min, BigDecimal max, String fix) {
    return isNull(key) ? null : decimal(key, min, max, fix);
  }

  private BigDecimal checkedDecimal(
      String key, JsonNode child, BigDecimal min, BigDecimal max, String fix) {
    if (!child.isNumber()) {
      throw error(key, "expected a number, found " + describe(child), fix);
    }
    BigDecimal value = child.decimalValue();
    if (min != null && value.compareTo(min) < 0) {
      throw error(key, plain(value) + " is below " + plain(min), fix);
    }
    if (max != null && value.compareTo(max) > 0) {
      throw error(key, plain(value) + " is above " + plain(max), fix);
    }
    return value;
  }

  /** A required whole number within [min, max]. */
  public int integer(String key, int min, int max, String fix) {
    JsonNode child = required(key);
    if (!child.isIntegralNumber()) {
      throw error(key, "expected a whole number, found " + describe(child), fix);
    }
    long value = child.longValue();
    if (value < min) {
      throw error(key, value + " is below " + min, fix);
    }
    if (value > max) {
      throw error(key, value + " is above " + max, fix);
    }
    return (int) value;
  }

  /** A required true/false. */
  public boolean bool(String key) {
    JsonNode child = required(key);
    if (!child.isBoolean()) {
      throw error(key, "expected true or false, found " + describe(child), "Write true or false.");
    }
    return child.booleanValue();
  }

  /** A required text. */
  public String text(String key) {
    JsonNode child = required(key);
    if (!child.isTextual() || child.asText().isBlank()) {
      throw error(key, "expected text, found " + describe(child), "Write a word or a sentence.");
    }
    return child.asText();
  }

  /** A required ISO date (YAML may give it as text "2024-01-01" or unquoted 2024-01-01). */
  public LocalDate date(String key) {
    JsonNode child = required(key);
    try {
      return LocalDate.parse(child.asText());
    } catch (DateTimeParseException e) {
      throw error(
          key, "expected a date YYYY-MM-DD, found " + describe(child), "For example: 2024-01-01.");
    }
  }

  /** This node itself as a number (for list items and map values). */
  public BigDecimal asDecimal(BigDecimal min, BigDecimal max, String fix) {
    if (!node.isNumber()) {
      throw error("expected a number, found " + describe(node), fix);
    }
    BigDecimal value = node.decimalValue();
    if (min != null && value.compareTo(min) < 0) {
      throw error(plain(value) + " is below " + plain(min), fix);
    }
    if (max != null && value.compareTo(max) > 0) {
      throw error(plain(value) + " is above " + plain(max), fix);
    }
    return value;
  }

  /** Sorted keys, for messages. */
  public static String sorted(Set<String> keys) {
    return String.join(", ", new TreeSet<>(keys));
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return "text '" + value.asText() + "'";
    }
    if (value.isObject()) {
      return "a map";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.toString();
  }
}
