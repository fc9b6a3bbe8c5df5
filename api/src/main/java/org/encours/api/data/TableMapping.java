package org.encours.api.data;

import java.util.List;
import org.encours.core.tables.Columns;
import org.encours.warehouse.reader.ColumnSpec;
import org.encours.warehouse.reader.RowView;

/**
 * How one Delta table becomes an in-memory index: the columns read and the row-to-record mapping.
 * There is one implementation per table, so that a change of a table's schema is one class to
 * adapt.
 *
 * @param <I> the index the API queries
 */
interface TableMapping<I> {
  ServedTable table();

  List<ColumnSpec> columns();

  /** The date partition whose latest value is served, or null to serve the whole table. */
  default String latestPartition() {
    return Columns.AS_OF_DATE;
  }

  Builder<I> builder();

  /** Receives the rows of one read (on one thread) and builds the immutable index. */
  interface Builder<I> {
    void add(RowView row);

    I build();
  }
}
