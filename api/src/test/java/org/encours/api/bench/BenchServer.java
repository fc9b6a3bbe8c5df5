package org.encours.api.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.encours.api.Engines;
import org.encours.api.data.SnapshotStore;
import org.encours.api.engines.ProspectScoring;
import org.encours.api.http.ApiApp;
import org.encours.api.http.ApiServices;
import org.encours.api.metrics.ApiMetrics;
import org.encours.api.security.ApiKeyStore;
import org.encours.api.security.RateLimiter;
import org.encours.api.testing.FakeEngines;
import org.encours.core.policy.Policy;
import org.encours.warehouse.reader.DeltaTableReader;

/**
 * The API as {@code encours serve} builds it: {@code BenchServer WAREHOUSE PORT KEYS_FILE
 * [PROSPECT_MODEL_DIR]}. With a prospect model folder ({@code encours train-prospects --out}), the
 * real scorer and the shipped policy answer prospect scores, as in production; without one, the
 * tests' stand-ins do. Prints the heap in use after loading (after a full GC) and serves until
 * killed. No rate limit.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    SnapshotStore store = new SnapshotStore(args[0], DeltaTableReader.local());
    ApiMetrics metrics = new ApiMetrics();
    metrics.follow(store);
    long start = System.nanoTime();
    SnapshotStore.ReloadResult loaded = store.reload();
    double seconds = (System.nanoTime() - start) / 1e9;
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    loaded
        .loaded()
        .values()
        .forEach(
            t ->
                System.out.printf(
                    "loaded %s version %d: %,d rows in %.1f s%n",
                    t.table().tableName(), t.version(), t.rows(), seconds));
    System.out.printf(
        "heap in use after load and GC: %.1f MiB (max %d MiB)%n",
        used / 1048576.0, rt.maxMemory() >> 20);
    store.startPolling(Duration.ofSeconds(1));
    ProspectScoring prospects = FakeEngines.prospects();
    Policy policy = Policy.load();
    if (args.length > 3) {
      prospects = Engines.prospectScoring(Path.of(args[3]), policy.grades());
      System.out.println("prospect scorer: model folder " + args[3] + " with the shipped policy");
    } else {
      System.out.println("prospect scorer: the tests' stand-in (no model folder given)");
    }
    ApiServices services =
        new ApiServices(
            store,
            ApiKeyStore.fromFile(Path.of(args[2])),
            new RateLimiter(0, 1),
            prospects,
            policy,
            metrics,
            Clock.systemDefaultZone(),
            ApiServices.DEFAULT_MAX_BODY_BYTES);
    ApiApp.create(services).start("127.0.0.1", Integer.parseInt(args[1]));
    System.out.println("ready");
    Thread.currentThread().join();
  }
}
