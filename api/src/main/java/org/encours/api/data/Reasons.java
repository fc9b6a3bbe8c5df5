package org.encours.api.data;

import java.util.List;
import java.util.Map;

/**
 * Reason codes read from a {@code reasons} column: an array of structs (text or reason, and
 * contribution or points: the score points the reason costs, as {@code encours score} writes them)
 * or of plain strings (contribution then NaN). Texts are interned: they come from a small
 * vocabulary.
 */
record Reasons(String[] texts, double[] contributions) {
  private static final Reasons NONE = new Reasons(new String[0], new double[0]);

  static Reasons of(Object column, Interner interner) {
    if (!(column instanceof List<?> list) || list.isEmpty()) {
      return NONE;
    }
    String[] texts = new String[list.size()];
    double[] contributions = new double[list.size()];
    for (int i = 0; i < texts.length; i++) {
      Object element = list.get(i);
      if (element instanceof Map<?, ?> struct) {
        Object text = struct.containsKey("text") ? struct.get("text") : struct.get("reason");
        texts[i] = interner.intern(text == null ? null : text.toString());
        // encours score writes each reason's contribution as the score points it costs ("points").
        Object contribution =
            struct.containsKey("contribution") ? struct.get("contribution") : struct.get("points");
        contributions[i] = contribution instanceof Number n ? n.doubleValue() : Double.NaN;
      } else {
        texts[i] = interner.intern(element == null ? null : element.toString());
        contributions[i] = Double.NaN;
      }
    }
    return new Reasons(interner.intern(new InternedArray(texts)).texts, contributions);
  }

  /** Wraps a String[] so that equal arrays of texts intern to one instance. */
  private record InternedArray(String[] texts) {
    @Override
    public boolean equals(Object o) {
      return o instanceof InternedArray other && java.util.Arrays.equals(texts, other.texts);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(texts);
    }
  }
}
