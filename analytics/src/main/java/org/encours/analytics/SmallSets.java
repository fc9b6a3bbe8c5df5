package org.encours.analytics;

import static org.apache.spark.sql.functions.broadcast;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A set of keys (the month's payments, the open invoices, the customers to walk again) joined with
 * a whole canonical table. When the set is small it is sent whole to every task: a broadcast join,
 * which reads the table where it lies and filters it there, instead of shuffling every row of it to
 * meet the set. Past {@link #BROADCAST_LIMIT} rows it is joined like any other table.
 *
 * <p>Spark's adaptive execution would also turn such a join into a broadcast, but only after both
 * sides were shuffled: the table's shuffle, the cost that grows with the history, is already paid
 * then. Deciding here, on a counted set, avoids it.
 */
public final class SmallSets {
  private SmallSets() {}

  /** Up to this many rows, a set is sent to every task (about 100 MB of ids at most). */
  public static final long BROADCAST_LIMIT = 2_000_000L;

  /**
   * The set computed once (kept in memory for the joins that read it), its size, and the limit it
   * was counted against.
   */
  public record Counted(Dataset<Row> rows, long count, long limit) {
    /** The set as the small side of a join: broadcast when it has at most {@code limit} rows. */
    public Dataset<Row> forJoin() {
      return count <= limit ? broadcast(rows) : rows;
    }
  }

  /** Computes {@code set} once and counts it, against {@link #BROADCAST_LIMIT}. */
  public static Counted counted(Dataset<Row> set) {
    return counted(set, BROADCAST_LIMIT);
  }

  static Counted counted(Dataset<Row> set, long limit) {
    Dataset<Row> kept = set.localCheckpoint(true);
    return new Counted(kept, kept.count(), limit);
  }
}
