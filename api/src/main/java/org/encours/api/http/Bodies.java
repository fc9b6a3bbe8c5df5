package org.encours.api.http;

import io.javalin.http.Context;
import java.util.Locale;

/** Request bodies: JSON only, size-limited before they are read. */
final class Bodies {
  private Bodies() {}

  static byte[] json(Context ctx, long maxBytes) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw Problems.unsupportedMediaType(type);
    }
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      throw Problems.tooLarge(maxBytes);
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBytes) {
      throw Problems.tooLarge(maxBytes);
    }
    return body;
  }
}
