package org.encours.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.encours.api.testing.TestTables;
import org.encours.warehouse.reader.DeltaTableReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  @TempDir Path warehouse;

  @Test
  void servesTheLatestAsOfDateOfTheLatestVersionAndReportsMissingTables() {
    TestTables tables = new TestTables(warehouse);
    tables.write(
        "customer_scores",
        TestTables.CUSTOMER_SCORES,
        TestTables.customerScores(3, TestTables.AS_OF.minusMonths(1), 0));
    long v1 =
        tables.write(
            "customer_scores",
            TestTables.CUSTOMER_SCORES,
            TestTables.customerScores(2, TestTables.AS_OF, 1));
    try (SnapshotStore store = new SnapshotStore(warehouse.toString(), DeltaTableReader.local())) {
      SnapshotStore.ReloadResult result = store.reload();
      assertThat(result.loaded()).containsOnlyKeys(ServedTable.CUSTOMER_SCORES);
      assertThat(result.missing()).contains(ServedTable.AGING, ServedTable.DUNNING_PLAN);
      LoadedTable<KeyedIndex<CustomerScore>> scores =
          store
              .current()
              .<KeyedIndex<CustomerScore>>table(ServedTable.CUSTOMER_SCORES)
              .orElseThrow();
      assertThat(scores.version()).isEqualTo(v1);
      assertThat(scores.asOf()).isEqualTo(TestTables.AS_OF);
      assertThat(scores.rows()).isEqualTo(2);
      CustomerScore c1 = scores.index().get("C001");
      assertThat(c1.probability()).isEqualTo(0.101);
      assertThat(c1.grade()).isEqualTo("B");
      assertThat(c1.reasonTexts())
          .containsExactly(
              "paid late on 40% of invoices in 12 months", "exposure above credit limit");
      assertThat(c1.exposureCents()).isEqualTo(1_250_000L);
      assertThat(c1.inputVersions()).containsEntry("payments", 9L);
      assertThat(scores.index().get("C003")).as("only the latest date is served").isNull();
      // interned: the same grade and reason texts are one instance
      assertThat(scores.index().get("C002").reasonTexts()).isSameAs(c1.reasonTexts());

      assertThat(store.reload().changed()).as("no new version, nothing loaded").isFalse();
      assertThat(store.changedCustomers(scores, v1 - 1)).containsExactly("C001", "C002");
      assertThat(store.changedCustomers(scores, v1)).isEmpty();
    }
  }

  @Test
  void loadsEveryServedTable() {
    new TestTables(warehouse).writeAll();
    try (SnapshotStore store = new SnapshotStore(warehouse.toString(), DeltaTableReader.local())) {
      SnapshotStore.ReloadResult result = store.reload();
      assertThat(result.failed()).isEmpty();
      assertThat(result.loaded()).hasSize(ServedTable.values().length);
      DunningPlanIndex plan =
          store.current().<DunningPlanIndex>table(ServedTable.DUNNING_PLAN).orElseThrow().index();
      assertThat(plan.at(0).invoiceId()).isEqualTo("INV-5");
      assertThat(plan.forCustomer("C002"))
          .extracting(DunningAction::invoiceId)
          .containsExactly("INV-5", "INV-4");
      PortfolioIndex<KpiRow> kpis =
          store
              .current()
              .<PortfolioIndex<KpiRow>>table(ServedTable.RECEIVABLES_KPIS)
              .orElseThrow()
              .index();
      assertThat(kpis.rows("country", null))
          .hasSize(2)
          .allMatch(r -> r.asOfDate().equals(TestTables.AS_OF));
    }
  }
}
