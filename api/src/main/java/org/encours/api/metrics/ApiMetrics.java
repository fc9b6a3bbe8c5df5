package org.encours.api.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.ServedTable;
import org.encours.api.data.SnapshotStore;

/**
 * The Prometheus metrics of the API (own registry, text format at {@code /metrics}): requests by
 * route and status, latency histogram by route, table versions and rows, reloads by outcome.
 */
public final class ApiMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
  private final Counter requests;
  private final Histogram latency;
  private final Gauge tableVersion;
  private final Gauge tableRows;
  private final Counter reloads;

  public ApiMetrics() {
    requests =
        Counter.builder()
            .name("encours_http_requests_total")
            .help("HTTP requests by method, route template and status")
            .labelNames("method", "route", "status")
            .register(registry);
    latency =
        Histogram.builder()
            .name("encours_http_request_duration_seconds")
            .help("HTTP request latency by route template")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)
            .register(registry);
    tableVersion =
        Gauge.builder()
            .name("encours_table_version")
            .help("Delta version of each served table (absent while not loaded)")
            .labelNames("table")
            .register(registry);
    tableRows =
        Gauge.builder()
            .name("encours_table_rows")
            .help("Rows loaded per served table")
            .labelNames("table")
            .register(registry);
    reloads =
        Counter.builder()
            .name("encours_table_reloads_total")
            .help("Table loads by table and outcome (loaded, failed)")
            .labelNames("table", "outcome")
            .register(registry);
  }

  public void request(String method, String route, int status, double seconds) {
    requests.labelValues(method, route, Integer.toString(status)).inc();
    latency.labelValues(route).observe(seconds);
  }

  /** Follows a store's reloads. */
  public void follow(SnapshotStore store) {
    store.onReload(
        result -> {
          for (LoadedTable<?> t : result.loaded().values()) {
            reloads.labelValues(t.table().tableName(), "loaded").inc();
          }
          for (ServedTable t : result.failed().keySet()) {
            reloads.labelValues(t.tableName(), "failed").inc();
          }
          for (LoadedTable<?> t : store.current().tables().values()) {
            tableVersion.labelValues(t.table().tableName()).set(t.version());
            tableRows.labelValues(t.table().tableName()).set(t.rows());
          }
        });
  }

  public String contentType() {
    return writer.getContentType();
  }

  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
