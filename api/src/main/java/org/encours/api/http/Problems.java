package org.encours.api.http;

import java.util.Map;
import org.encours.api.data.ServedTable;

/**
 * The one factory of API errors: each says what is wrong and how to fix it, naming the parameter,
 * field or value. The {@code type} of the problem body is {@code /docs#problem-SLUG}.
 */
public final class Problems {
  private Problems() {}

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad-request", "Bad request", detail, Map.of());
  }

  public static ApiException badParameter(String name, String value, String expected) {
    return new ApiException(
        400,
        "bad-parameter",
        "Invalid parameter",
        "Invalid " + name + " '" + clip(value) + "': expected " + expected + ".",
        Map.of());
  }

  public static ApiException badBody(String detail) {
    return new ApiException(400, "bad-body", "Invalid request body", detail, Map.of());
  }

  public static ApiException unsupportedMediaType(String found) {
    return new ApiException(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "Send the body as JSON with 'Content-Type: application/json' (got '" + clip(found) + "').",
        Map.of());
  }

  public static ApiException tooLarge(long max) {
    return new ApiException(
        413,
        "too-large",
        "Request body too large",
        "Request bodies are limited to " + max + " bytes.",
        Map.of());
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(
        401,
        "unauthorized",
        "Unauthorized",
        detail,
        Map.of("WWW-Authenticate", "Bearer realm=\"encours\""));
  }

  public static ApiException forbidden(String keyName, String scope) {
    return new ApiException(
        403,
        "forbidden",
        "Forbidden",
        "The key '" + keyName + "' does not have the '" + scope + "' scope this endpoint needs.",
        Map.of());
  }

  public static ApiException tooManyRequests(String keyName, long retryAfterSeconds) {
    return new ApiException(
        429,
        "too-many-requests",
        "Too many requests",
        "The key '" + keyName + "' is over its rate limit; retry in " + retryAfterSeconds + " s.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ApiException tooManyFailedKeys(long retryAfterSeconds) {
    return new ApiException(
        429,
        "too-many-failed-keys",
        "Too many invalid keys",
        "Too many invalid API keys were sent from this address; retry in "
            + retryAfterSeconds
            + " s with a valid key.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ApiException bodyTimeout() {
    return new ApiException(
        408,
        "request-timeout",
        "Request timeout",
        "The request body stopped arriving before its end: send the whole body, as long as its Content-Length says.",
        Map.of("Connection", "close"));
  }

  /** {@code why} is our own text (quote client input through {@link #clip} first). */
  public static ApiException bodyIncomplete(String why) {
    return new ApiException(
        400,
        "bad-request",
        "Bad request",
        "The request body could not be read: " + why + ".",
        Map.of());
  }

  /**
   * A request the web server itself refused before any endpoint saw it (bad request line, header or
   * framing); {@code reason} is the web server's own words.
   */
  static ApiException refusedByServer(int status, String reason, int maxHeaderBytes) {
    String why = reason == null || reason.isBlank() ? "" : " (" + clip(reason, 120) + ")";
    return switch (status) {
      case 414 ->
          new ApiException(
              414,
              "uri-too-long",
              "URI too long",
              "The request line is longer than the server accepts: the path and query are limited to "
                  + maxHeaderBytes
                  + " bytes.",
              Map.of());
      case 431 ->
          new ApiException(
              431,
              "headers-too-large",
              "Request headers too large",
              "The request headers are larger than the server accepts: "
                  + maxHeaderBytes
                  + " bytes in all.",
              Map.of());
      case 413 ->
          new ApiException(
              413,
              "too-large",
              "Request too large",
              "The request is larger than the server accepts" + why + ".",
              Map.of());
      case 408 ->
          new ApiException(
              408,
              "request-timeout",
              "Request timeout",
              "The request did not arrive in time" + why + ".",
              Map.of());
      case 400 ->
          new ApiException(
              400,
              "bad-request",
              "Bad request",
              "The request is not valid HTTP" + why + "." + hint(reason),
              Map.of());
      case 426, 505 ->
          new ApiException(
              status,
              "http-version-not-supported",
              "HTTP version not supported",
              "The request line names an HTTP version this server does not speak"
                  + why
                  + ": send HTTP/1.1 (or HTTP/1.0).",
              Map.of());
      default ->
          new ApiException(
              status,
              "http-" + status,
              "HTTP " + status,
              "The web server refused the request" + why + ".",
              Map.of());
    };
  }

  /** What to change, from the web server's reason for refusing a request. */
  private static String hint(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
    if (r.contains("content-length") || r.contains("transfer-encoding") || r.contains("chunk")) {
      return " Send the body with one valid Content-Length, or with chunked encoding alone.";
    }
    if (r.contains("host") || r.contains("authority")) {
      return " Send one Host header, matching the URI if the URI names a host.";
    }
    if (r.contains("header") && !r.contains("uri")) {
      return " Each header line is 'Name: value' in printable ASCII.";
    }
    return " The path must be percent-encoded UTF-8, without '..' segments, NUL, control characters or broken % escapes.";
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(
        404,
        "not-found",
        "Not found",
        "No " + what + " '" + clip(id) + "' in the served data.",
        Map.of());
  }

  public static ApiException noRoute(String method, String path) {
    return new ApiException(
        404,
        "no-route",
        "Not found",
        "No endpoint " + clip(method, 20) + " " + clip(path) + "; see /openapi.json.",
        Map.of());
  }

  public static ApiException methodNotAllowed(String method, String path) {
    return new ApiException(
        405,
        "method-not-allowed",
        "Method not allowed",
        clip(path) + " does not answer " + clip(method, 20) + "; see /openapi.json.",
        Map.of());
  }

  public static ApiException tableNotLoaded(ServedTable table, String reason) {
    return new ApiException(
        503,
        "table-not-loaded",
        "Data not available",
        "The table '"
            + table.tableName()
            + "' is not loaded"
            + (reason == null ? " (it does not exist yet in the warehouse)" : " (" + reason + ")")
            + ". Run: "
            + table.writtenBy()
            + "; the server picks it up at its next poll.",
        Map.of("Retry-After", "60"));
  }

  public static ApiException engineMissing(String what) {
    return new ApiException(
        503,
        "engine-not-available",
        "Engine not available",
        what + " is not available on this server (the engine is not configured); ask the operator.",
        Map.of());
  }

  public static ApiException versionGone(long version, String detail) {
    return new ApiException(
        410,
        "version-gone",
        "Version no longer available",
        "changedSince="
            + version
            + " can no longer be compared ("
            + clip(detail)
            + "). Resynchronise without changedSince.",
        Map.of());
  }

  /** At most the first 80 characters of a value, for quoting it in a detail. */
  static String clip(String value) {
    return clip(value, 80);
  }

  /**
   * At most the first {@code max} characters of a value, cut on a character boundary and followed
   * by "..." when cut; control and format characters, lone surrogates, unassigned and private-use
   * code points become '?'. Only this prefix is ever looked at, however long the value.
   */
  static String clip(String value, int max) {
    if (value == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(value.length(), max) + 3);
    int i = 0;
    int kept = 0;
    while (i < value.length() && kept < max) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      kept++;
      b.appendCodePoint(printable(c) ? c : '?');
    }
    if (i < value.length()) {
      b.append("...");
    }
    return b.toString();
  }

  private static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
