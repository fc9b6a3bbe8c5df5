package org.encours.notebooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row of a {@link Table}, read by column name with typed getters. Values are plain Java:
 * String, Long, Integer, Double, BigDecimal (money), LocalDate, List and Map (arrays, maps and
 * structs).
 */
public record TableRow(Map<String, Object> values) {
  public Object get(String column) {
    return values.get(column);
  }

  public String str(String column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  /** A number as a double; NaN when null. */
  public double dbl(String column) {
    Object v = values.get(column);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  /** A number as a BigDecimal (money keeps its scale); null when null. */
  public BigDecimal dec(String column) {
    Object v = values.get(column);
    if (v == null || v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    return v instanceof Double || v instanceof Float
        ? BigDecimal.valueOf(((Number) v).doubleValue())
        : BigDecimal.valueOf(((Number) v).longValue());
  }

  /** An integer number as a long; {@code otherwise} when null. */
  public long lng(String column, long otherwise) {
    Object v = values.get(column);
    return v == null ? otherwise : ((Number) v).longValue();
  }

  public LocalDate date(String column) {
    return (LocalDate) values.get(column);
  }

  public boolean bool(String column) {
    return Boolean.TRUE.equals(values.get(column));
  }

  /** An array column (empty when null). */
  @SuppressWarnings("unchecked")
  public List<Object> list(String column) {
    Object v = values.get(column);
    return v == null ? List.of() : (List<Object>) v;
  }

  /** A map or struct column (empty when null). */
  @SuppressWarnings("unchecked")
  public Map<Object, Object> map(String column) {
    Object v = values.get(column);
    return v == null ? Map.of() : (Map<Object, Object>) v;
  }
}
