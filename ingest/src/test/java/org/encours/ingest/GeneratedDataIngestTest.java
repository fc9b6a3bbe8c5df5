package org.encours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.encours.core.cli.Progress;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.samples.GenerationResult;
import org.encours.samples.GenerationSettings;
import org.encours.samples.LedgerGenerator;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

/** What `encours generate` writes is what `encours ingest` loads, row for row. */
class GeneratedDataIngestTest {

  @Test
  void aGeneratedLedgerLoadsCompletelyReconcilesAndReloadsAsUnchanged() throws IOException {
    Path folder = SharedSpark.tempDir("generated");
    GenerationResult generated =
        new LedgerGenerator(GenerationSettings.defaults().withInvoices(2000).withSeed(7))
            .writeCsv(folder, null);
    Warehouse warehouse = SharedSpark.newWarehouse();
    IngestJob job = new IngestJob(warehouse, Progress.silent("test"));

    IngestResult first = job.run(folder.toString(), MappingLoader.load("canonical-csv"));

    long expectedRecords =
        generated.customers()
            + generated.invoiceRows()
            + generated.payments()
            + generated.dunningEvents();
    assertThat(first.rowsRead()).isEqualTo(expectedRecords);
    assertThat(first.rowsQuarantined()).isZero();
    assertThat(first.reconciled()).isTrue();
    assertThat(warehouse.read(CanonicalTable.CUSTOMERS).count()).isEqualTo(generated.customers());
    assertThat(warehouse.read(CanonicalTable.INVOICES).count()).isEqualTo(generated.invoiceRows());
    assertThat(warehouse.read(CanonicalTable.PAYMENTS).count()).isEqualTo(generated.payments());
    assertThat(warehouse.read(CanonicalTable.DUNNING_EVENTS).count())
        .isEqualTo(generated.dunningEvents());

    IngestResult again = job.run(folder.toString(), MappingLoader.load("canonical-csv"));

    assertThat(again.tables()).allSatisfy(t -> assertThat(t.unchanged()).isEqualTo(t.rows()));
    assertThat(again.tables()).allSatisfy(t -> assertThat(t.inserted() + t.updated()).isZero());
  }
}
