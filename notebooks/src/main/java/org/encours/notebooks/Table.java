package org.encours.notebooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The rows of one Delta table snapshot, in memory, with where they come from: the table's name, the
 * version read and, when only one date partition was read, its date.
 *
 * <pre>{@code
 * Table kpis = tables.read("receivables_kpis").where(r -> r.str("level").equals("portfolio"));
 * display("text/html", kpis.sorted(Comparator.comparing(r -> r.date("as_of_date"))).html("as_of_date", "dso_count_back"));
 * }</pre>
 */
public record Table(
    String name, long version, LocalDate partitionDate, List<String> columns, List<TableRow> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  public int size() {
    return rows.size();
  }

  public Stream<TableRow> stream() {
    return rows.stream();
  }

  /** The rows that pass {@code filter} (same provenance). */
  public Table where(Predicate<TableRow> filter) {
    return new Table(name, version, partitionDate, columns, rows.stream().filter(filter).toList());
  }

  public Table sorted(Comparator<TableRow> order) {
    return new Table(name, version, partitionDate, columns, rows.stream().sorted(order).toList());
  }

  /** The first {@code n} rows. */
  public Table head(int n) {
    return new Table(
        name, version, partitionDate, columns, rows.subList(0, Math.min(n, rows.size())));
  }

  /** "name v3" or "name v3, as_of_date 2026-10-31": where these rows come from. */
  public String provenance() {
    return name
        + " v"
        + version
        + (partitionDate == null ? "" : " (partition " + partitionDate + ")");
  }

  /**
   * An HTML table of {@code columns} (all when none), numbers formatted, with a caption naming the
   * source.
   */
  public String html(String... columns) {
    List<String> shown = columns.length == 0 ? this.columns : List.of(columns);
    List<List<?>> cells = new ArrayList<>();
    for (TableRow r : rows) {
      List<Object> line = new ArrayList<>();
      for (String c : shown) {
        line.add(r.get(c));
      }
      cells.add(line);
    }
    return Html.table(provenance() + ", " + rows.size() + " rows", shown, cells);
  }
}
