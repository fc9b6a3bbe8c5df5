package org.encours.api.data;

import io.delta.kernel.exceptions.TableNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.encours.warehouse.reader.DeltaTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the snapshot being served behind one {@link AtomicReference}, and replaces it when a table
 * has a new committed version: the new version is read and indexed off to the side, then swapped in
 * with one reference write, so a request sees either the old or the new version, never a mix.
 *
 * <p>Loads are serialised (one reload at a time); tables whose version did not change are reused.
 */
public final class SnapshotStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

  private static final Map<ServedTable, TableMapping<?>> MAPPINGS = mappings();

  private final String warehouse;
  private final DeltaTableReader reader;
  private final AtomicReference<ServingSnapshot> current =
      new AtomicReference<>(ServingSnapshot.empty());
  private final Map<ServedTable, String> lastErrors = new EnumMap<>(ServedTable.class);
  private final List<Consumer<ReloadResult>> listeners = new ArrayList<>();
  private final Map<String, CompletableFuture<String[]>> changeCache =
      new LinkedHashMap<>(8, 0.75f, true);
  private ScheduledExecutorService poller;

  public SnapshotStore(String warehouse, DeltaTableReader reader) {
    this.warehouse =
        warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    this.reader = reader;
  }

  /** One mapping per served table. */
  static Map<ServedTable, TableMapping<?>> mappings() {
    Map<ServedTable, TableMapping<?>> m = new EnumMap<>(ServedTable.class);
    for (TableMapping<?> mapping :
        List.of(
            new CustomerScoresTable(),
            new InvoiceScoresTable(),
            new RecommendationsTable(),
            new DunningPlanTable(),
            new AgingTable(),
            new ReceivablesKpisTable())) {
      m.put(mapping.table(), mapping);
    }
    return m;
  }

  public String warehouse() {
    return warehouse;
  }

  public String path(ServedTable table) {
    return warehouse + "/" + table.tableName();
  }

  /** The snapshot to serve now. Read it once per request. */
  public ServingSnapshot current() {
    return current.get();
  }

  /** Why a table is not loaded (its last load error), if it failed. */
  public synchronized String lastError(ServedTable table) {
    return lastErrors.get(table);
  }

  public synchronized void onReload(Consumer<ReloadResult> listener) {
    listeners.add(listener);
  }

  /** What one reload did: tables loaded (new versions), unchanged, missing, failed. */
  public record ReloadResult(
      Map<ServedTable, LoadedTable<?>> loaded,
      List<ServedTable> unchanged,
      List<ServedTable> missing,
      Map<ServedTable, String> failed,
      Duration elapsed) {
    public boolean changed() {
      return !loaded.isEmpty();
    }
  }

  /**
   * Checks every table's latest version and loads those that changed, then swaps the snapshot. A
   * table that fails to load keeps its previous version (the error is logged and reported).
   */
  public synchronized ReloadResult reload() {
    long start = System.nanoTime();
    ServingSnapshot before = current.get();
    Map<ServedTable, LoadedTable<?>> next = new EnumMap<>(ServedTable.class);
    Map<ServedTable, LoadedTable<?>> loaded = new EnumMap<>(ServedTable.class);
    List<ServedTable> unchanged = new ArrayList<>();
    List<ServedTable> missing = new ArrayList<>();
    Map<ServedTable, String> failed = new EnumMap<>(ServedTable.class);
    for (ServedTable table : ServedTable.values()) {
      LoadedTable<?> old = before.tables().get(table);
      try {
        OptionalLong latest = reader.latestVersion(path(table));
        if (latest.isEmpty()) {
          missing.add(table);
          lastErrors.remove(table);
          continue;
        }
        if (old != null && old.version() == latest.getAsLong()) {
          next.put(table, old);
          unchanged.add(table);
          continue;
        }
        LoadedTable<?> fresh = load(MAPPINGS.get(table), OptionalLong.empty());
        next.put(table, fresh);
        loaded.put(table, fresh);
        lastErrors.remove(table);
      } catch (TableNotFoundException e) {
        missing.add(table);
      } catch (RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        failed.put(table, message);
        lastErrors.put(table, message);
        if (old != null) {
          next.put(table, old);
        }
        LOG.warn(
            "Could not load {} (still serving {}): {}",
            table.tableName(),
            old == null ? "nothing" : "version " + old.version(),
            message);
      }
    }
    if (!loaded.isEmpty() || before.tables().size() != next.size()) {
      current.set(new ServingSnapshot(next, Instant.now()));
    }
    ReloadResult result =
        new ReloadResult(
            loaded, unchanged, missing, failed, Duration.ofNanos(System.nanoTime() - start));
    for (Consumer<ReloadResult> listener : listeners) {
      listener.accept(result);
    }
    return result;
  }

  private <I> LoadedTable<I> load(TableMapping<I> mapping, OptionalLong version)
      throws TableNotFoundException {
    TableMapping.Builder<I> builder = mapping.builder();
    String[] modelVersion = new String[1];
    DeltaTableReader.ReadResult read =
        reader.read(
            path(mapping.table()),
            version,
            mapping.latestPartition(),
            mapping.columns(),
            row -> {
              if (modelVersion[0] == null && !row.isNull("model_version")) {
                modelVersion[0] = row.string("model_version");
              }
              builder.add(row);
            });
    return new LoadedTable<>(
        mapping.table(),
        read.version(),
        read.partitionDate(),
        read.rows(),
        modelVersion[0],
        builder.build(),
        Instant.now());
  }

  /** Polls for new versions every {@code interval} (in the background, daemon thread). */
  public synchronized void startPolling(Duration interval) {
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "encours-table-poller");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, interval.toMillis());
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            reload();
          } catch (RuntimeException e) {
            LOG.warn("Table poll failed: {}", e.toString());
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * The ids of customers whose score differs between {@code sinceVersion} of customer_scores and
   * the version in {@code scores} (absent then, or different probability, points, grade, reasons,
   * exposure, expected loss or model), sorted. Cached per pair of versions.
   *
   * @throws VersionNotAvailableException when {@code sinceVersion} can no longer be read
   */
  public String[] changedCustomers(
      LoadedTable<KeyedIndex<CustomerScore>> scores, long sinceVersion) {
    if (sinceVersion >= scores.version()) {
      return new String[0];
    }
    String key = sinceVersion + "->" + scores.version();
    CompletableFuture<String[]> future;
    boolean compute = false;
    synchronized (changeCache) {
      future = changeCache.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        changeCache.put(key, future);
        compute = true;
        while (changeCache.size() > 4) {
          changeCache.remove(changeCache.keySet().iterator().next());
        }
      }
    }
    if (compute) {
      try {
        future.complete(diff(scores, sinceVersion));
      } catch (RuntimeException e) {
        synchronized (changeCache) {
          changeCache.remove(key);
        }
        future.completeExceptionally(e);
      }
    }
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private String[] diff(LoadedTable<KeyedIndex<CustomerScore>> scores, long sinceVersion) {
    Map<String, Long> before = new HashMap<>();
    Interner interner = new Interner();
    try {
      reader.read(
          path(ServedTable.CUSTOMER_SCORES),
          OptionalLong.of(sinceVersion),
          "as_of_date",
          CustomerScoresTable.COLUMNS,
          row -> {
            CustomerScore s = CustomerScoresTable.map(row, interner);
            before.put(s.customerId(), s.fingerprint());
          });
    } catch (RuntimeException e) {
      throw new VersionNotAvailableException(ServedTable.CUSTOMER_SCORES, sinceVersion, e);
    }
    KeyedIndex<CustomerScore> index = scores.index();
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < index.size(); i++) {
      CustomerScore s = index.at(i);
      Long old = before.get(s.customerId());
      if (old == null || old != s.fingerprint()) {
        changed.add(s.customerId());
      }
    }
    String[] ids = changed.toArray(new String[0]);
    Arrays.sort(ids);
    return ids;
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }
}
