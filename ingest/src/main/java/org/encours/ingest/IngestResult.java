package org.encours.ingest;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one ingestion run did; also the row it leaves in {@code ingest_batches}.
 *
 * @param reconciled whether read = accepted + quarantined held when checked independently
 */
public record IngestResult(
    String batchId,
    String sourceChecksum,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    boolean reconciled,
    List<TableUpsert.TableStats> tables,
    long quarantineVersion) {

  /** The stats of one table, or null when the batch did not feed it. */
  public TableUpsert.TableStats table(String name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
  }

  /** One line for the end of the run. */
  public String summary() {
    String perTable =
        tables.stream()
            .map(
                t ->
                    String.format(
                        Locale.ROOT,
                        "%s +%,d ~%,d =%,d (v%d)",
                        t.table(),
                        t.inserted(),
                        t.updated(),
                        t.unchanged(),
                        t.version()))
            .collect(Collectors.joining("; "));
    return String.format(
        Locale.ROOT,
        "batch %s: read %,d records, accepted %,d, quarantined %,d%s; %s",
        batchId,
        rowsRead,
        rowsAccepted,
        rowsQuarantined,
        reconciled ? "" : " (DOES NOT RECONCILE)",
        perTable);
  }
}
