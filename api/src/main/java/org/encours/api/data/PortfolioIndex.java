package org.encours.api.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Rows of a portfolio table (aging, KPIs) grouped by level, then entity, in table order. */
public final class PortfolioIndex<R> {
  private final Map<String, Map<String, List<R>>> byLevel;

  PortfolioIndex(List<R> rows, Function<R, String> level, Function<R, String> entity) {
    Map<String, Map<String, List<R>>> grouped = new LinkedHashMap<>();
    for (R row : rows) {
      grouped
          .computeIfAbsent(level.apply(row), k -> new LinkedHashMap<>())
          .computeIfAbsent(entity.apply(row), k -> new ArrayList<>())
          .add(row);
    }
    grouped.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    this.byLevel = Collections.unmodifiableMap(grouped);
  }

  public List<String> levels() {
    return List.copyOf(byLevel.keySet());
  }

  /** The rows of one level (all its entities), or of one entity when {@code entity} is not null. */
  public List<R> rows(String level, String entity) {
    Map<String, List<R>> entities = byLevel.getOrDefault(level, Map.of());
    if (entity != null) {
      return entities.getOrDefault(entity, List.of());
    }
    List<R> all = new ArrayList<>();
    entities.values().forEach(all::addAll);
    return all;
  }

  public int entityCount(String level) {
    return byLevel.getOrDefault(level, Map.of()).size();
  }
}
