package org.encours.api.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.ServedTable;
import org.encours.api.data.ServingSnapshot;
import org.encours.api.data.SnapshotStore;
import org.encours.api.http.Dtos.ReadyDto;
import org.encours.api.http.Dtos.TableStatus;

/** Health, readiness, metrics, the OpenAPI document, the docs page and the admin reload. */
final class OpsController {
  private static final byte[] HEALTH =
      "{\"status\":\"up\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final ApiServices services;
  private final byte[] openApi = resource("openapi.json");
  private final byte[] docs = resource("docs.html");

  OpsController(ApiServices services) {
    this.services = services;
  }

  void health(Context ctx) {
    ctx.contentType("application/json").result(HEALTH);
  }

  /** 200 when every served table is loaded, else 503; the body lists each table either way. */
  void ready(Context ctx) {
    ctx.status(tables(ctx));
  }

  private HttpStatus tables(Context ctx) {
    SnapshotStore store = services.store();
    ServingSnapshot snapshot = store.current();
    Map<String, TableStatus> tables = new LinkedHashMap<>();
    boolean all = true;
    for (ServedTable table : ServedTable.values()) {
      LoadedTable<?> t = snapshot.tables().get(table);
      if (t == null) {
        all = false;
        tables.put(
            table.tableName(),
            new TableStatus(
                false, null, null, null, null, store.lastError(table), table.writtenBy()));
      } else {
        tables.put(
            table.tableName(),
            new TableStatus(
                true,
                t.version(),
                t.asOf(),
                t.rows(),
                t.loadedAt().toString(),
                store.lastError(table),
                null));
      }
    }
    ctx.json(new ReadyDto(all, tables));
    return all ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
  }

  void metrics(Context ctx) {
    ctx.contentType(services.metrics().contentType()).result(services.metrics().scrape());
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  void docs(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(docs);
  }

  /** {@code POST /v1/admin/reload}: checks for new table versions now; answers what was loaded. */
  void reload(Context ctx) {
    SnapshotStore.ReloadResult result = services.store().reload();
    Map<String, Object> loaded = new LinkedHashMap<>();
    result
        .loaded()
        .forEach(
            (table, t) ->
                loaded.put(table.tableName(), Map.of("version", t.version(), "rows", t.rows())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("loaded", loaded);
    body.put("unchanged", result.unchanged().stream().map(ServedTable::tableName).toList());
    body.put("missing", result.missing().stream().map(ServedTable::tableName).toList());
    Map<String, String> failed = new LinkedHashMap<>();
    result.failed().forEach((table, why) -> failed.put(table.tableName(), why));
    body.put("failed", failed);
    body.put("seconds", result.elapsed().toMillis() / 1000.0);
    ctx.json(body);
  }

  static byte[] resource(String name) {
    try (InputStream in = OpsController.class.getResourceAsStream("/org/encours/api/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
