package org.encours.notebooks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Small HTML fragments for notebook output: tables with numbers right-aligned and formatted. */
public final class Html {
  private Html() {}

  /**
   * A table: {@code caption} (null for none), a header row and the cells. Money (BigDecimal) shows
   * with thousands separators and 2 decimals, other decimals with 3 significant places, null as
   * empty.
   */
  public static String table(String caption, List<String> header, List<? extends List<?>> rows) {
    StringBuilder b = new StringBuilder("<table>");
    if (caption != null) {
      b.append("<caption style=\"caption-side:bottom;text-align:left;font-size:smaller\">")
          .append(escape(caption))
          .append("</caption>");
    }
    b.append("<thead><tr>");
    for (String h : header) {
      b.append("<th>").append(escape(h)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (List<?> row : rows) {
      b.append("<tr>");
      for (Object v : row) {
        boolean number = v instanceof Number;
        b.append(number ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
            .append(escape(format(v)))
            .append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  /** A value as the tables show it. */
  public static String format(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return String.format(Locale.ROOT, "%,.2f", d);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "";
      }
      return Math.abs(d) >= 100
          ? String.format(Locale.ROOT, "%,.1f", d)
          : String.format(Locale.ROOT, "%.3f", d);
    }
    if (v instanceof Long || v instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return v.toString();
  }

  /** Escapes text for HTML. */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
