package org.encours.api.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.ServedTable;
import org.encours.api.data.ServingSnapshot;
import org.encours.api.data.SnapshotStore;

/** Small helpers shared by the controllers: the table a request needs, ETags, JSON answers. */
final class Responses {
  private Responses() {}

  /** The loaded table, or a 503 problem saying which job writes it. */
  static <I> LoadedTable<I> require(
      ServingSnapshot snapshot, SnapshotStore store, ServedTable table) {
    return snapshot
        .<I>table(table)
        .orElseThrow(() -> Problems.tableNotLoaded(table, store.lastError(table)));
  }

  /** The ETag of everything served from one version of a table. */
  static String etag(LoadedTable<?> table) {
    return "\"" + table.table().tableName() + "-" + table.version() + "\"";
  }

  /**
   * Sets the ETag; answers 304 and returns true when the client already has this version ({@code
   * If-None-Match} names it, or is {@code *}). Call it once the resource is known to exist: {@code
   * *} on an unknown id must stay a 404.
   */
  static boolean notModified(Context ctx, String etag) {
    ctx.header("ETag", etag);
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(etag) || c.equals("*")) {
        ctx.status(HttpStatus.NOT_MODIFIED);
        return true;
      }
    }
    return false;
  }
}
