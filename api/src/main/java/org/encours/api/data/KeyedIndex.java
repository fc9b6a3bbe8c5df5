package org.encours.api.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Records by their id (hash lookup) and in id order (for paging with a cursor). Immutable once
 * built.
 */
public final class KeyedIndex<T> {
  private final Map<String, T> byId;
  private final T[] sorted;
  private final String[] sortedIds;

  KeyedIndex(List<T> records, Function<T, String> id, T[] emptyArray) {
    Map<String, T> map = new HashMap<>(Math.max(16, (int) (records.size() / 0.75f) + 1));
    for (T record : records) {
      map.put(id.apply(record), record); // a repeated id: the last row wins
    }
    this.byId = map;
    T[] values = map.values().toArray(emptyArray);
    Arrays.sort(values, Comparator.comparing(id));
    this.sorted = values;
    this.sortedIds = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      sortedIds[i] = id.apply(values[i]);
    }
  }

  public T get(String id) {
    return byId.get(id);
  }

  public int size() {
    return sorted.length;
  }

  public T at(int position) {
    return sorted[position];
  }

  /**
   * Position of the first record whose id is strictly greater than {@code id} (null: the first).
   */
  public int positionAfter(String id) {
    if (id == null) {
      return 0;
    }
    int found = Arrays.binarySearch(sortedIds, id);
    return found >= 0 ? found + 1 : -found - 1;
  }
}
