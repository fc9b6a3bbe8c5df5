package org.encours.ingest.mapping;

import java.util.Map;
import org.encours.warehouse.CanonicalTable;

/**
 * What one source gives one canonical table.
 *
 * @param table the canonical table fed
 * @param repeatedKeys what to do when the source repeats a key (e.g. a customer on each invoice
 *     line)
 * @param columns each canonical column (all of them, in schema order) mapped to a Spark SQL
 *     expression over the source columns, or to null when the source does not have it
 */
public record TableFeed(
    CanonicalTable table, RepeatedKeys repeatedKeys, Map<String, String> columns) {

  /** What a repeated business key within one batch means. */
  public enum RepeatedKeys {
    /**
     * Each key must appear once: the first row (in file order) is loaded and every later row with
     * the same key is quarantined as a duplicate.
     */
    REJECT,
    /**
     * The source repeats the same entity on many lines: identical repeats collapse into one row; a
     * repeat whose values differ from the first is quarantined as conflicting.
     */
    COLLAPSE
  }
}
