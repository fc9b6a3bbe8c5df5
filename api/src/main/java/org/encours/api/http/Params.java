package org.encours.api.http;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Typed, validated path and query parameters; a bad one is a 400 problem naming it. */
final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,63}");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,18}");

  private Params() {}

  /** A customer or invoice id: 1-64 of letters, digits, '.', '_', ':', '-'. */
  static String id(Context ctx, String name) {
    String value = ctx.pathParam(name);
    if (!ID.matcher(value).matches()) {
      throw Problems.badParameter(name, value, "1 to 64 letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  static String optionalText(Context ctx, String name, Pattern allowed, String expected) {
    String value = Query.param(ctx, name);
    if (value == null) {
      return null;
    }
    if (!allowed.matcher(value).matches()) {
      throw Problems.badParameter(name, value, expected);
    }
    return value;
  }

  /** A query parameter as sent (decoded strictly, see {@link Query}), or null. */
  static String query(Context ctx, String name) {
    return Query.param(ctx, name);
  }

  static LocalDate date(Context ctx, String name, boolean required) {
    String value = Query.param(ctx, name);
    if (value == null || value.isEmpty()) {
      if (required) {
        throw Problems.badParameter(name, "", "a date YYYY-MM-DD (required)");
      }
      return null;
    }
    if (!DATE.matcher(value).matches()) {
      throw Problems.badParameter(name, value, "a date YYYY-MM-DD");
    }
    try {
      LocalDate d = LocalDate.parse(value);
      if (d.getYear() < 1900 || d.getYear() > 2999) {
        throw Problems.badParameter(name, value, "a date between 1900-01-01 and 2999-12-31");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw Problems.badParameter(name, value, "a date YYYY-MM-DD");
    }
  }

  static Long nonNegativeLong(Context ctx, String name) {
    String value = Query.param(ctx, name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!WHOLE.matcher(value).matches()) {
      throw Problems.badParameter(name, value, "a table version (a whole number, 0 or more)");
    }
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw Problems.badParameter(name, value, "a table version (a whole number, 0 or more)");
      }
      return v;
    } catch (NumberFormatException e) {
      throw Problems.badParameter(name, value, "a table version (a whole number, 0 or more)");
    }
  }

  static int limit(Context ctx) {
    String value = Query.param(ctx, "limit");
    if (value == null || value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    if (!WHOLE.matcher(value).matches()) {
      throw Problems.badParameter("limit", value, "a page size from 1 to " + MAX_LIMIT);
    }
    try {
      long v = Long.parseLong(value);
      if (v < 1 || v > MAX_LIMIT) {
        throw Problems.badParameter("limit", value, "a page size from 1 to " + MAX_LIMIT);
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw Problems.badParameter("limit", value, "a page size from 1 to " + MAX_LIMIT);
    }
  }
}
