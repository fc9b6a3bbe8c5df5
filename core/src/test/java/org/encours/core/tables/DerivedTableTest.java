package org.encours.core.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedTableTest {

  @Test
  void everyTableNamesEachColumnOnceAndIsPartitionedByColumnsItHas() {
    for (DerivedTable table : DerivedTable.values()) {
      assertThat(new HashSet<>(table.columnNames()))
          .as(table.tableName())
          .hasSameSizeAs(table.columnNames());
      assertThat(table.columnNames()).as(table.tableName()).containsAll(table.partitionColumns());
    }
  }

  @Test
  void everyRowCarriesTheInputVersionsItWasComputedFrom() {
    for (DerivedTable table : DerivedTable.values()) {
      assertThat(table.column(Columns.INPUT_VERSIONS).type())
          .as(table.tableName())
          .isEqualTo(ColumnType.mapOf(ColumnType.STRING, ColumnType.BIGINT));
    }
  }

  @Test
  void tableNamesAreUniqueAndFoundByName() {
    Set<String> names = new HashSet<>();
    for (DerivedTable table : DerivedTable.values()) {
      assertThat(names.add(table.tableName())).as(table.tableName()).isTrue();
      assertThat(DerivedTable.byName(table.tableName())).contains(table);
    }
    assertThat(DerivedTable.byName("invoices")).isEmpty();
  }

  @Test
  void anUnknownColumnFailsNamingTheTableAndItsColumns() {
    assertThatThrownBy(() -> DerivedTable.SCORE_DRIFT.column("probability"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Table score_drift has no column 'probability'")
        .hasMessageContaining("psi");
  }

  @Test
  void typesAreSpelledAsSparkAndDeltaSpellThem() {
    assertThat(ColumnType.MONEY.simpleString()).isEqualTo("decimal(18,2)");
    assertThat(ColumnType.mapOf(ColumnType.STRING, ColumnType.BIGINT).simpleString())
        .isEqualTo("map<string,bigint>");
    assertThat(
            ColumnType.arrayOf(
                    ColumnType.structOf(
                        new TableColumn("text", ColumnType.STRING),
                        new TableColumn("points", ColumnType.INT)))
                .simpleString())
        .isEqualTo("array<struct<text:string,points:int>>");
  }
}
