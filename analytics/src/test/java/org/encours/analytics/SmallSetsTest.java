package org.encours.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The joins of a small set with a whole table. Spark's own size-based broadcast is turned off here,
 * as it is in effect at scale (a set computed from a scan of a large table looks large to the
 * planner): only {@link SmallSets} decides.
 */
class SmallSetsTest {
  private static final String AUTO_BROADCAST = "spark.sql.autoBroadcastJoinThreshold";
  private String autoBroadcast;

  @BeforeEach
  void plannerBroadcastsNothingOnItsOwn() {
    autoBroadcast = SharedSpark.session().conf().get(AUTO_BROADCAST);
    SharedSpark.session().conf().set(AUTO_BROADCAST, "-1");
  }

  @AfterEach
  void restorePlanner() {
    SharedSpark.session().conf().set(AUTO_BROADCAST, autoBroadcast);
  }

  private static final StructType IDS = new StructType().add("invoice_id", DataTypes.StringType);

  private static Dataset<Row> ids(String... values) {
    List<Row> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(RowFactory.create(v));
    }
    return SharedSpark.session().createDataFrame(rows, IDS);
  }

  private static Dataset<Row> table() {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      rows.add(RowFactory.create("F" + k, "C" + (k % 7)));
    }
    return SharedSpark.session()
        .createDataFrame(rows, IDS.add("customer_id", DataTypes.StringType));
  }

  private static List<String> invoiceIds(Dataset<Row> joined) {
    return joined.orderBy("invoice_id").select("invoice_id").as(Encoders.STRING()).collectAsList();
  }

  private static String plan(Dataset<Row> joined) {
    return joined.queryExecution().executedPlan().toString();
  }

  @Test
  void aSetWithinTheLimitIsSentToEveryTaskAndTheTableIsNotShuffled() {
    SmallSets.Counted set = SmallSets.counted(ids("F3", "F10", "F10", "F999").distinct(), 3);
    assertEquals(3, set.count());
    Dataset<Row> joined = table().join(set.forJoin(), "invoice_id");
    assertTrue(plan(joined).contains("BroadcastHashJoin"), plan(joined));
    assertEquals(List.of("F10", "F3"), invoiceIds(joined));
  }

  @Test
  void aSetPastTheLimitIsJoinedLikeAnyTableWithTheSameRows() {
    SmallSets.Counted set = SmallSets.counted(ids("F3", "F10", "F999"), 2);
    assertEquals(3, set.count());
    Dataset<Row> joined = table().join(set.forJoin(), "invoice_id");
    assertFalse(plan(joined).contains("BroadcastExchange"), plan(joined));
    assertEquals(List.of("F10", "F3"), invoiceIds(joined));
  }
}
