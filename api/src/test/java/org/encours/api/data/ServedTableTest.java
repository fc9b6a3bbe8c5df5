package org.encours.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.encours.core.tables.DerivedTable;
import org.encours.core.tables.TableColumn;
import org.encours.warehouse.reader.ColumnSpec;
import org.junit.jupiter.api.Test;

class ServedTableTest {

  @Test
  void everyServedTableHasOneMappingAndTheCatalogueNameAndCommand() {
    Map<ServedTable, TableMapping<?>> mappings = SnapshotStore.mappings();
    assertThat(mappings.keySet()).containsExactlyInAnyOrder(ServedTable.values());
    for (ServedTable served : ServedTable.values()) {
      assertThat(served.tableName()).isEqualTo(served.derived().tableName());
      assertThat(served.writtenBy()).isEqualTo(served.derived().writtenBy());
    }
  }

  @Test
  void everyColumnTheApiReadsIsACatalogueColumnOfItsKind() {
    for (TableMapping<?> mapping : SnapshotStore.mappings().values()) {
      DerivedTable table = mapping.table().derived();
      for (ColumnSpec spec : mapping.columns()) {
        assertThat(table.find(spec.name())).as(table.tableName() + "." + spec.name()).isPresent();
        TableColumn column = table.column(spec.name());
        assertThat(spec.kind())
            .as(table.tableName() + "." + spec.name())
            .isEqualTo(ColumnSpec.Kind.of(column.type()));
      }
      assertThat(table.partitionColumns()).contains(mapping.latestPartition());
    }
  }

  @Test
  void aCatalogueDateColumnIsReadAsADateAndMoneyAsANumber() {
    assertThat(ColumnSpec.required(DerivedTable.CUSTOMER_SCORES, "as_of_date").kind())
        .isEqualTo(ColumnSpec.Kind.DATE);
    assertThat(ColumnSpec.optional(DerivedTable.CUSTOMER_SCORES, "exposure").kind())
        .isEqualTo(ColumnSpec.Kind.NUMBER);
  }
}
