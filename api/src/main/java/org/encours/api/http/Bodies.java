package org.encours.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/**
 * Request bodies: JSON (UTF-8) only, read up to the size limit and never further, whatever the
 * Content-Length says or however many chunks arrive. A body that stops arriving, ends early or is
 * badly framed is the client's fault: a 408 or 400 problem, never a server error.
 */
final class Bodies {
  private Bodies() {}

  static byte[] json(Context ctx, long maxBytes) {
    String type = ctx.header("Content-Type");
    if (!isJson(type)) {
      throw Problems.unsupportedMediaType(type);
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw Problems.tooLarge(maxBytes);
    }
    byte[] body;
    try {
      InputStream in = ctx.req().getInputStream();
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException | RuntimeException e) {
      throw clientFault(e);
    }
    if (body.length > maxBytes) {
      throw Problems.tooLarge(maxBytes);
    }
    return body;
  }

  /**
   * Whether a Content-Type is JSON: the media type {@code application/json} exactly (any case),
   * with no parameter but {@code charset=utf-8}.
   */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      if (eq < 0 || !parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        return false;
      }
      String charset = parameter.substring(eq + 1).trim();
      if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
        charset = charset.substring(1, charset.length() - 1);
      }
      if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
        return false;
      }
    }
    return true;
  }

  /** The problem for a body that could not be read: what the client did wrong. */
  static ApiException clientFault(Throwable e) {
    BadMessageException bad = cause(e, BadMessageException.class);
    if (bad != null) {
      return Problems.bodyIncomplete(
          "its framing is broken (" + Problems.clip(bad.getReason(), 80) + ")");
    }
    if (cause(e, TimeoutException.class) != null) {
      return Problems.bodyTimeout();
    }
    if (cause(e, EofException.class) != null) {
      return Problems.bodyIncomplete(
          "it ended before its Content-Length, its chunked framing is broken, or the connection was closed");
    }
    return Problems.bodyIncomplete("the connection failed while it was sent");
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
