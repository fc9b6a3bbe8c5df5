package org.encours.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.core.UserFacingException;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.Test;

class WarehouseTest {

  @Test
  void aMissingCanonicalTableReadsAsEmptyWithItsSchemaAndVersionMinusOne() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Dataset<Row> invoices = warehouse.read(CanonicalTable.INVOICES);
    assertThat(invoices.count()).isZero();
    assertThat(invoices.schema()).isEqualTo(CanonicalTable.INVOICES.storedSchema());
    assertThat(warehouse.version("invoices")).isEqualTo(-1L);
  }

  @Test
  void eachCommitRaisesTheTableVersion() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Dataset<Row> one = SharedSpark.session().range(3).toDF();
    one.write().format("delta").save(warehouse.path("numbers"));
    one.write().format("delta").mode("append").save(warehouse.path("numbers"));
    assertThat(warehouse.version("numbers")).isEqualTo(1L);
    assertThat(warehouse.read("numbers").count()).isEqualTo(6L);
  }

  @Test
  void theSchemaContractNamesTheMissingColumnAndTheWrongType() {
    StructType found =
        new StructType()
            .add("invoice_id", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType);
    StructType expected =
        new StructType()
            .add("invoice_id", DataTypes.StringType)
            .add("amount", CanonicalTable.MONEY)
            .add("due_date", DataTypes.DateType);
    assertThatThrownBy(() -> SchemaContract.require("table invoices", expected, found))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("column 'amount' is double, expected decimal(18,2)")
        .hasMessageContaining("missing column 'due_date' (date)");
  }

  @Test
  void dataframeComparisonsReportDifferences() {
    Dataset<Row> a =
        SharedSpark.session().createDataFrame(List.of(), CanonicalTable.PAYMENTS.storedSchema());
    SharedSpark.assertDataFrameEquals(a, a);
  }
}
