package org.encours.api.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes equal values share one instance while a table loads (grades, model versions, reason texts,
 * input-version maps repeat across a million rows). Not thread-safe: one per load.
 */
final class Interner {
  private final Map<Object, Object> seen = new HashMap<>();

  @SuppressWarnings("unchecked")
  <T> T intern(T value) {
    if (value == null) {
      return null;
    }
    Object existing = seen.putIfAbsent(value, value);
    return existing == null ? value : (T) existing;
  }

  int size() {
    return seen.size();
  }
}
