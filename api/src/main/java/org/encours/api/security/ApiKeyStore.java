package org.encours.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.encours.core.EncoursErrors;
import org.encours.core.security.KeyHash;

/**
 * The configured API keys, from a YAML or JSON document (a file given with {@code --keys}, or the
 * {@code ENCOURS_API_KEYS} environment variable holding the document itself):
 *
 * <pre>
 * keys:
 *   - name: crm
 *     hash: "sha256:SALT:HASH"      # printed by 'encours api-key'
 *     scopes: [sales]
 *     ratePerSecond: 20             # optional, else the server's --rate-limit
 *     burst: 40                     # optional
 * </pre>
 *
 * <p>A presented key is checked against every salted hash (constant-time); a key once verified is
 * remembered under its SHA-256 digest (never the key itself), so the check costs one hash per
 * request.
 */
public final class ApiKeyStore {
  private static final int MAX_CACHED = 10_000;

  private final List<ApiKey> keys;
  private final Map<String, ApiKey> verified = new ConcurrentHashMap<>();

  public ApiKeyStore(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  public List<ApiKey> keys() {
    return keys;
  }

  /** The key a request presented, if it is one of ours. */
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 512) {
      return Optional.empty();
    }
    String digest = digest(presented);
    ApiKey known = verified.get(digest);
    if (known != null) {
      return Optional.of(known);
    }
    for (ApiKey key : keys) {
      if (key.hash().matches(presented)) {
        if (verified.size() < MAX_CACHED) {
          verified.put(digest, key);
        }
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private static String digest(String presented) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(presented.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a keys file (YAML or JSON); fails naming the file and the offending entry. */
  public static ApiKeyStore fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw EncoursErrors.missingFile("API keys file (--keys)", file);
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw EncoursErrors.cannot("read", "the API keys file " + file, e, "");
    }
  }

  /** Parses a keys document; {@code source} names it in error messages. */
  public static ApiKeyStore parse(String document, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(document);
    } catch (IOException e) {
      throw EncoursErrors.badConfig(
          source,
          "(document)",
          "not valid YAML or JSON (" + firstLine(e.getMessage()) + ")",
          "Write a 'keys:' list of entries with name, hash and scopes.");
    }
    JsonNode list = root != null && root.isObject() ? root.get("keys") : root;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw EncoursErrors.badConfig(
          source,
          "keys",
          "no keys",
          "Add at least one entry (name, hash, scopes); 'encours api-key' prints one.");
    }
    List<ApiKey> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String where = "keys[" + i + "]";
      if (!entry.isObject()) {
        throw EncoursErrors.badConfig(
            source, where, "not a mapping", "Each entry has name, hash and scopes.");
      }
      for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!Set.of("name", "hash", "scopes", "ratePerSecond", "burst").contains(field)) {
          throw EncoursErrors.badConfig(
              source,
              where + "." + field,
              "unknown field",
              "Allowed: name, hash, scopes, ratePerSecond, burst.");
        }
      }
      String name = text(entry, "name");
      if (name == null || name.isBlank()) {
        throw EncoursErrors.badConfig(
            source,
            where + ".name",
            "missing",
            "Give each key a name (it appears in logs and metrics).");
      }
      if (!names.add(name)) {
        throw EncoursErrors.badConfig(
            source, where + ".name", "'" + name + "' is used twice", "Names must be unique.");
      }
      KeyHash hash;
      try {
        hash = KeyHash.parse(text(entry, "hash"));
      } catch (IllegalArgumentException e) {
        throw EncoursErrors.badConfig(
            source,
            where + ".hash",
            e.getMessage(),
            "Run 'encours api-key --name " + name + "' to produce an entry.");
      }
      JsonNode scopesNode = entry.get("scopes");
      if (scopesNode == null || !scopesNode.isArray() || scopesNode.isEmpty()) {
        throw EncoursErrors.badConfig(
            source,
            where + ".scopes",
            "missing or empty",
            "List one or more of sales, dunning, reports, admin.");
      }
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (JsonNode s : scopesNode) {
        Scope scope = Scope.parse(s.asText());
        if (scope == null) {
          throw EncoursErrors.badConfig(
              source,
              where + ".scopes",
              "unknown scope '" + s.asText() + "'",
              "Use sales, dunning, reports or admin.");
        }
        scopes.add(scope);
      }
      Double rate = null;
      if (entry.has("ratePerSecond")) {
        if (!entry.get("ratePerSecond").isNumber() || entry.get("ratePerSecond").asDouble() <= 0) {
          throw EncoursErrors.badConfig(
              source,
              where + ".ratePerSecond",
              "not a positive number",
              "Give requests per second, e.g. 20.");
        }
        rate = entry.get("ratePerSecond").asDouble();
      }
      Integer burst = null;
      if (entry.has("burst")) {
        if (!entry.get("burst").canConvertToInt() || entry.get("burst").asInt() < 1) {
          throw EncoursErrors.badConfig(
              source,
              where + ".burst",
              "not a positive whole number",
              "Give the requests allowed at once, e.g. 40.");
        }
        burst = entry.get("burst").asInt();
      }
      keys.add(new ApiKey(name, hash, Set.copyOf(scopes), rate, burst));
    }
    return new ApiKeyStore(keys);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
