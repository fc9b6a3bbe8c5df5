package org.encours.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.core.tables.ColumnType;
import org.encours.core.tables.DerivedTable;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.Test;

class TableContractTest {
  private static final Date OCTOBER = Date.valueOf("2026-10-31");
  private static final Date NOVEMBER = Date.valueOf("2026-11-30");

  /** One portfolio row of {@code aging}, in the contract's column order. */
  private static Row agingRow(Date asOf, String bucket, String openAmount) {
    return RowFactory.create(
        asOf,
        "portfolio",
        "portfolio",
        bucket,
        1,
        new BigDecimal(openAmount),
        2L,
        new BigDecimal("100.00"),
        0.5,
        "due_date",
        Map.of("invoices", 3L));
  }

  private static Dataset<Row> aging(Row... rows) {
    return SharedSpark.session()
        .createDataFrame(List.of(rows), TableContract.schema(DerivedTable.AGING));
  }

  @Test
  void theContractSchemaSpellsTheCatalogueTypesAsSparkDoes() {
    StructType aging = TableContract.schema(DerivedTable.AGING);
    assertThat(aging.apply("open_amount").dataType()).isEqualTo(DataTypes.createDecimalType(18, 2));
    assertThat(aging.apply("open_count").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(aging.apply("input_versions").dataType().simpleString())
        .isEqualTo("map<string,bigint>");
    assertThat(aging.fieldNames()).containsExactlyElementsOf(DerivedTable.AGING.columnNames());
  }

  @Test
  void everyCatalogueTypeHasASparkType() {
    for (ColumnType.Primitive type : ColumnType.Primitive.values()) {
      assertThat(TableContract.sparkType(type).simpleString())
          .as(type.name())
          .isEqualTo(type.simpleString());
    }
  }

  @Test
  void aReplaceRewritesOnlyThePartitionItSelects() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    warehouse.replace(
        DerivedTable.AGING,
        aging(agingRow(OCTOBER, "current", "10.00")),
        "as_of_date = '2026-10-31'");
    warehouse.replace(
        DerivedTable.AGING,
        aging(agingRow(NOVEMBER, "current", "20.00")),
        "as_of_date = '2026-11-30'");

    warehouse.replace(
        DerivedTable.AGING, aging(agingRow(OCTOBER, "1-30", "30.00")), "as_of_date = '2026-10-31'");

    List<Row> rows =
        warehouse
            .read(DerivedTable.AGING)
            .orderBy("as_of_date")
            .select("as_of_date", "bucket", "open_amount")
            .collectAsList();
    assertThat(rows)
        .containsExactly(
            RowFactory.create(OCTOBER, "1-30", new BigDecimal("30.00")),
            RowFactory.create(NOVEMBER, "current", new BigDecimal("20.00")));
    assertThat(warehouse.read(DerivedTable.AGING).inputFiles())
        .allMatch(f -> f.contains("as_of_date="));
  }

  @Test
  void aColumnOfAnotherTypeFailsTheWriteNamingTheTableTheColumnAndBothTypes() {
    Warehouse warehouse = SharedSpark.newWarehouse();
    Dataset<Row> shareAsText =
        aging(agingRow(OCTOBER, "current", "10.00"))
            .withColumn("share", org.apache.spark.sql.functions.lit("half"));

    assertThatThrownBy(
            () -> warehouse.replace(DerivedTable.AGING, shareAsText, "as_of_date = '2026-10-31'"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table aging")
        .hasMessageContaining("column 'share' is string, expected double");
    assertThat(warehouse.exists(DerivedTable.AGING)).isFalse();
  }

  @Test
  void aMissingColumnAndAColumnOutsideTheContractAreBothNamed() {
    Dataset<Row> renamed =
        aging(agingRow(OCTOBER, "current", "10.00")).withColumnRenamed("open_count", "open_items");

    assertThatThrownBy(() -> TableContract.check(DerivedTable.AGING, renamed.schema()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column 'open_count' (bigint) is missing")
        .hasMessageContaining("column 'open_items' (bigint) is not in the contract");
  }

  @Test
  void nullabilityIsNotPartOfTheContract() {
    StructType strict = new StructType();
    for (var field : TableContract.schema(DerivedTable.AGING).fields()) {
      strict = strict.add(field.name(), field.dataType(), false);
    }
    StructType notNull = strict;
    assertThatCode(() -> TableContract.check(DerivedTable.AGING, notNull))
        .doesNotThrowAnyException();
    assertThat(
            TableContract.sameType(
                DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true)))
        .isTrue();
  }
}
