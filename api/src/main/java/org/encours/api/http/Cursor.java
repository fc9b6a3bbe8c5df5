package org.encours.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque paging cursors: base64url of {@code KIND|QUERY|POSITION...}. A cursor continues after the
 * last item returned in a stable order (customer id; action date then invoice id), so it stays
 * valid across reloads; it only works with the query it came from.
 */
final class Cursor {
  private Cursor() {}

  static String encode(String kind, String query, String... position) {
    StringBuilder b = new StringBuilder(kind).append('\u001f').append(query);
    for (String p : position) {
      b.append('\u001f').append(p);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The position parts of a cursor of {@code kind} made for {@code query}; 400 otherwise. */
  static List<String> decode(String cursor, String kind, String query, int parts) {
    String text;
    try {
      if (cursor.length() > 400) {
        throw new IllegalArgumentException();
      }
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Problems.badParameter(
          "cursor", cursor, "a cursor returned as nextCursor by this endpoint");
    }
    String[] fields = text.split("\u001f", -1);
    if (fields.length != parts + 2 || !fields[0].equals(kind)) {
      throw Problems.badParameter(
          "cursor", cursor, "a cursor returned as nextCursor by this endpoint");
    }
    if (!fields[1].equals(query)) {
      throw Problems.badParameter(
          "cursor", cursor, "a cursor from the same query (same filters) as this request");
    }
    return List.of(fields).subList(2, fields.length);
  }
}
