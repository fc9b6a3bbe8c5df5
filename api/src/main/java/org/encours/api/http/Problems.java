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
        400, "bad-parameter", "Invalid parameter", "Invalid " + name + " '" + clip(value) + "': expected " + expected + ".", Map.of());
  }

  public static ApiException badBody(String detail) {
    return new ApiException(400, "bad-body", "Invalid request body", detail, Map.of());
  }

  public static ApiException unsupportedMediaType(String found) {
    return new ApiException(
        415, "unsupported-media-type", "Unsupported media type",
        "Send the body as JSON with 'Content-Type: application/json' (got '" + clip(found) + "').", Map.of());
  }

  public static ApiException tooLarge(long max) {
    return new ApiException(413, "too-large", "Request body too large", "Request bodies are limited to " + max + " bytes.", Map.of());
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer realm=\"encours\""));
  }

  public static ApiException forbidden(String keyName, String scope) {
    return new ApiException(
        403, "forbidden", "Forbidden",
        "The key '" + keyName + "' does not have the '" + scope + "' scope this endpoint needs.", Map.of());
  }

  public static ApiException tooManyRequests(String keyName, long retryAfterSeconds) {
    return new ApiException(
        429, "too-many-requests", "Too many requests",
        "The key '" + keyName + "' is over its rate limit; retry in " + retryAfterSeconds + " s.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(404, "not-found", "Not found", "No " + what + " '" + clip(id) + "' in the served data.", Map.of());
  }

  public static ApiException noRoute(String method, String path) {
    return new ApiException(404, "no-route", "Not found", "No endpoint " + method + " " + clip(path) + "; see /openapi.json.", Map.of());
  }

  public static ApiException methodNotAllowed(String method, String path) {
    return new ApiException(405, "method-not-allowed", "Method not allowed", clip(path) + " does not answer " + method + "; see /openapi.json.", Map.of());
  }

  public static ApiException tableNotLoaded(ServedTable table, String reason) {
    return new ApiException(
        503, "table-not-loaded", "Data not available",
        "The table '" + table.tableName() + "' is not loaded"
            + (reason == null ? " (it does not exist yet in the warehouse)" : " (" + reason + ")")
            + ". Run: " + table.writtenBy() + "; the server picks it up at its next poll.",
        Map.of("Retry-After", "60"));
  }

  public static ApiException engineMissing(String what) {
    return new ApiException(
        503, "engine-not-available", "Engine not available",
        what + " is not available on this server (the engine is not configured); ask the operator.", Map.of());
  }

  public static ApiException versionGone(long version, String detail) {
    return new ApiException(
        410, "version-gone", "Version no longer available",
        "changedSince=" + version + " can no longer be compared (" + clip(detail) + "). Resynchronise without changedSince.", Map.of());
  }

  static String clip(String value) {
    if (value == null) {
      return "";
    }
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
