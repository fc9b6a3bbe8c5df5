package org.encours.api.security;

import java.util.Locale;

/**
 * What an API key may do. {@code sales}: customer score and recommendation, prospects, quotes;
 * {@code dunning}: bulk scores, invoice scores, dunning plans; {@code reports}: portfolio figures;
 * {@code admin}: everything, plus reload.
 */
public enum Scope {
  SALES,
  DUNNING,
  REPORTS,
  ADMIN;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code sales}, {@code dunning}, {@code reports} or {@code admin}; null when unknown. */
  public static Scope parse(String word) {
    for (Scope s : values()) {
      if (s.word().equals(word == null ? null : word.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    return null;
  }
}
