package org.encours.api.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The query string, decoded strictly: percent escapes must be two hex digits forming UTF-8, '+' is
 * a space, and a parameter appears at most once. A broken escape or a repeated parameter is a 400
 * naming the parameter, never skipped (a lenient decoder would drop the whole query and answer the
 * first page).
 */
final class Query {
  private static final String ATTRIBUTE = "encours.query";

  private Query() {}

  /** The decoded value of a query parameter, or null when absent. */
  static String param(Context ctx, String name) {
    Map<String, String> params = ctx.attribute(ATTRIBUTE);
    if (params == null) {
      params = parse(ctx.queryString());
      ctx.attribute(ATTRIBUTE, params);
    }
    return params.get(name);
  }

  static Map<String, String> parse(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, null);
      String value = decode(eq < 0 ? "" : pair.substring(eq + 1), name);
      if (params.putIfAbsent(name, value) != null) {
        throw Problems.badParameter(name, value, "the parameter once (it is repeated)");
      }
    }
    return params;
  }

  /** Percent-decodes one part; {@code name} is the parameter it belongs to (null: it is a name). */
  private static String decode(String part, String name) {
    if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
      return part;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 1 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
        int lo = i + 2 < part.length() ? Character.digit(part.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw broken(name, part, "'%' followed by two hex digits (write '%' itself as %25)");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw broken(name, part, "percent escapes that form UTF-8");
    }
  }

  private static ApiException broken(String name, String raw, String expected) {
    return name == null
        ? Problems.badParameter("query parameter name", raw, expected)
        : Problems.badParameter(name, raw, expected);
  }
}
