package org.encours.api.data;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the API serves at one moment: one loaded version per table present. Immutable; a
 * request reads {@link SnapshotStore#current()} once, so it sees one version of each table even
 * while a reload swaps in the next snapshot.
 */
public final class ServingSnapshot {
  private final Map<ServedTable, LoadedTable<?>> tables;
  private final Instant createdAt;

  ServingSnapshot(Map<ServedTable, LoadedTable<?>> tables, Instant createdAt) {
    EnumMap<ServedTable, LoadedTable<?>> copy = new EnumMap<>(ServedTable.class);
    copy.putAll(tables);
    this.tables = Collections.unmodifiableMap(copy);
    this.createdAt = createdAt;
  }

  static ServingSnapshot empty() {
    return new ServingSnapshot(Map.of(), Instant.now());
  }

  /** The loaded table, or empty while it does not exist (or failed to load). */
  @SuppressWarnings("unchecked")
  public <I> Optional<LoadedTable<I>> table(ServedTable table) {
    return Optional.ofNullable((LoadedTable<I>) tables.get(table));
  }

  public Map<ServedTable, LoadedTable<?>> tables() {
    return tables;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Builds a snapshot directly from loaded tables (tests, embedding). */
  public static ServingSnapshot of(Map<ServedTable, LoadedTable<?>> tables) {
    return new ServingSnapshot(tables, Instant.now());
  }
}
