package org.encours.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

/** How a run reads its inputs: each small table once, into memory. */
class AnalyticsInputsTest {

  @Test
  void smallTablesAreReadOnceIntoMemoryWithTheRowsOfTheirPinnedVersion() {
    Warehouse w = AnalyticsJobTest.fixtureWarehouse();
    AnalyticsInputs read = AnalyticsInputs.read(w);
    AnalyticsInputs inMemory = read.smallTablesInMemory();
    // the fixture's tables are a few kilobytes: each is read once, its rows kept for the run
    assertThat(inMemory.invoices().queryExecution().analyzed()).isInstanceOf(LogicalRDD.class);
    assertThat(inMemory.payments().queryExecution().analyzed()).isInstanceOf(LogicalRDD.class);
    assertThat(inMemory.customers().queryExecution().analyzed()).isInstanceOf(LogicalRDD.class);
    assertThat(sorted(inMemory.invoices())).isEqualTo(sorted(read.invoices())).hasSize(4);
    assertThat(sorted(inMemory.payments())).isEqualTo(sorted(read.payments())).hasSize(3);
    assertThat(inMemory.versions()).isEqualTo(read.versions());
    // no dunning table: read as empty, nothing to keep
    assertThat(inMemory.dunning()).isSameAs(read.dunning());
    // over the limit, a table stays a scan of its pinned version
    AnalyticsInputs none = read.smallTablesInMemory(10);
    assertThat(none.invoices()).isSameAs(read.invoices());
    assertThat(none.payments()).isSameAs(read.payments());
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
