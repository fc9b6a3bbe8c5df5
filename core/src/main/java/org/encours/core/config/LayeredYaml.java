package org.encours.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.encours.core.EncoursErrors;

/**
 * A default YAML resource with an optional override file laid over it.
 *
 * <p>Merge rule: where both sides hold a map, the maps merge key by key (recursively); anywhere
 * else the override's value replaces the default's whole, lists included; an explicit {@code null}
 * in the override replaces the default too. Example: default {@code {a: {x: 1, y: 2}, l: [1, 2]}}
 * with override {@code {a: {y: 3}, l: [9]}} gives {@code {a: {x: 1, y: 3}, l: [9]}}.
 */
public final class LayeredYaml {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private LayeredYaml() {}

  /** Reads a classpath resource shipped with Encours; a failure here is a packaging bug. */
  public static JsonNode resource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " missing from the jar");
      }
      return YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("resource " + resource + " unreadable", e);
    }
  }

  /** Reads a user's file; {@code what} names it in messages ("policy", "legal rules"). */
  public static JsonNode file(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw EncoursErrors.missingFile(what + " file", path);
    }
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), what + " " + path.getFileName());
    } catch (IOException e) {
      throw EncoursErrors.cannot("read", what + " file " + path, e, "");
    }
  }

  /** Parses YAML text; {@code origin} names it in messages. An empty text is an empty map. */
  public static JsonNode parse(String yaml, String origin) {
    try {
      JsonNode node = YAML.readTree(yaml);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw EncoursErrors.badConfig(
            origin,
            "(top level)",
            "expected a map of keys",
            "Start from the documented default file and keep only the keys you change.");
      }
      return node;
    } catch (IOException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
      throw EncoursErrors.badFile(origin, "is not valid YAML: " + message, "", e);
    }
  }

  /** The override laid over the default (neither argument is modified). */
  public static JsonNode merge(JsonNode base, JsonNode override) {
    if (override == null) {
      return base.deepCopy();
    }
    if (!base.isObject() || !override.isObject()) {
      return override.deepCopy();
    }
    ObjectNode merged = ((ObjectNode) base).deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = merged.get(field.getKey());
      merged.set(
          field.getKey(),
          existing == null ? field.getValue().deepCopy() : merge(existing, field.getValue()));
    }
    return merged;
  }
}
