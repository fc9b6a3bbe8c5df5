package org.encours.analytics;

import java.util.OptionalLong;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.Warehouse;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.Seq;

/** What a table's Delta log says of its latest commit, read without a Spark job. */
final class DeltaCommits {
  private DeltaCommits() {}

  private static long latestVersion(DeltaLog log) {
    return log.update(false, scala.Option.empty(), scala.Option.empty()).version();
  }

  /**
   * The rows the one commit of {@code table} after version {@code before} wrote, when there is
   * exactly one and it is a write that recorded its metrics (Delta's {@code numOutputRows}); else
   * empty (no commit, as when a write has nothing to change, or another writer's commit too).
   */
  static OptionalLong rowsWrittenAfter(Warehouse warehouse, DerivedTable table, long before) {
    DeltaLog log = DeltaLog.forTable(warehouse.spark(), warehouse.path(table));
    long version = latestVersion(log);
    if (version != before + 1) {
      return OptionalLong.empty();
    }
    Iterator<Tuple2<Object, Seq<Action>>> changes = log.getChanges(version, false);
    if (!changes.hasNext()) {
      return OptionalLong.empty();
    }
    Iterator<Action> actions = changes.next()._2().iterator();
    while (actions.hasNext()) {
      if (actions.next() instanceof CommitInfo info
          && "WRITE".equals(info.operation())
          && info.operationMetrics().isDefined()) {
        scala.Option<String> rows = info.operationMetrics().get().get("numOutputRows");
        if (rows.isDefined()) {
          return OptionalLong.of(Long.parseLong(rows.get()));
        }
      }
    }
    return OptionalLong.empty();
  }
}
