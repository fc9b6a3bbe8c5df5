package org.encours.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsInputs;
import org.encours.analytics.ChangedHistories;
import org.encours.analytics.PaymentBehaviourFeatures;
import org.encours.analytics.Provenance;
import org.encours.analytics.SmallSets;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.Warehouse;

/**
 * The score of a date D going on from what the score of the latest earlier date D0 kept, instead of
 * walking every customer's whole history and applying the models to every invoice again:
 *
 * <ul>
 *   <li>{@code payment_behaviour_state}: each customer's walk state after the events of D0 and its
 *       open invoices then ({@link PaymentBehaviourFeatures.Start}), partitioned by as_of_date;
 *   <li>{@value #OUTPUTS_TABLE}: the model outputs at issue (pd_t30, pd_t0, aft_lambda and the
 *       drift variables) of the invoices D0 scored (open at D0 or issued in the drift window), for
 *       the model version that scored them; replaced by each score.
 * </ul>
 *
 * Both are stamped with the input versions D0 read. The walk of D then reads only the events dated
 * after D0, and the models see only the invoices issued after D0 and the customers, except for the
 * <b>replayed</b> customers, walked whole and all their invoices scored again: those whose history
 * up to D0 changed since ({@link ChangedHistories}), those with a later allocation to an invoice
 * closed at D0 ({@link PaymentBehaviourFeatures#allocatedToClosed}), and those with an invoice
 * scored at D, issued by D0, whose outputs were not kept (an invoice closed at D0 and reopened
 * since). The rows are those of a score from the whole history, which {@code IncrementalScoreTest}
 * checks on a ledger with late-arriving and corrected rows.
 */
final class IncrementalScore {
  private IncrementalScore() {}

  static final String STATE_TABLE = DerivedTable.PAYMENT_BEHAVIOUR_STATE.tableName();

  /**
   * Not in the catalogue: its columns follow the model (its drift variables), and only this class
   * reads it.
   */
  static final String OUTPUTS_TABLE = "invoice_model_outputs";

  /** The date of the score that kept the outputs. */
  static final String KEPT_ON = "kept_on";

  /**
   * Beyond this many replayed customers (a set sent to every task), every history is walked whole.
   */
  static final long MAX_REPLAYED = SmallSets.BROADCAST_LIMIT;

  /** Where the score of D goes on from. */
  record Start(
      LocalDate previous,
      PaymentBehaviourFeatures.Start walk,
      Dataset<Row> outputs,
      long carried,
      long replayed,
      String howRead) {
    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "went on from the score of %s: %,d customers carried, %,d walked whole (%s)",
          previous,
          carried,
          replayed,
          howRead);
    }
  }

  /** Why the score walks every history, or where it goes on from. */
  record Decision(Optional<Start> start, String why) {}

  /**
   * @param wanted the invoices scored at D: invoice_id, customer_id, issue_date
   * @param outputColumns the columns of the kept outputs the score needs
   */
  static Decision start(
      Warehouse warehouse,
      AnalyticsInputs inputs,
      LocalDate asOf,
      String modelVersion,
      Dataset<Row> wanted,
      List<String> outputColumns) {
    if (!warehouse.exists(STATE_TABLE) || !warehouse.exists(OUTPUTS_TABLE)) {
      return whole("no earlier score kept its walk state");
    }
    Dataset<Row> states = warehouse.read(STATE_TABLE);
    Row latest =
        states.filter(col("as_of_date").lt(lit(Date.valueOf(asOf)))).agg(max("as_of_date")).first();
    if (latest.isNullAt(0)) {
      return whole("no walk state kept before " + asOf);
    }
    LocalDate previous = ((Date) latest.get(0)).toLocalDate();
    Dataset<Row> kept = states.filter(col("as_of_date").equalTo(lit(Date.valueOf(previous))));
    Optional<Map<String, Long>> stamp = Provenance.recorded(kept);
    if (stamp.isEmpty()) {
      return whole("the walk state of " + previous + " records no input versions");
    }
    Dataset<Row> outputs = warehouse.read(OUTPUTS_TABLE);
    Set<String> have = new LinkedHashSet<>(List.of(outputs.columns()));
    if (!have.containsAll(outputColumns)) {
      return whole("the kept model outputs lack columns this model needs");
    }
    // one score writes the whole table: its rows share these three
    List<Row> keptBy =
        outputs
            .select(col(KEPT_ON), col("model_version"), col(Provenance.COLUMN))
            .limit(1)
            .collectAsList();
    if (keptBy.isEmpty()
        || !keptBy.get(0).getDate(0).toLocalDate().equals(previous)
        || !modelVersion.equals(keptBy.get(0).getString(1))
        || !stamp.get().equals(keptBy.get(0).getJavaMap(2))) {
      return whole(
          "the kept model outputs are not those of the score of "
              + previous
              + " with model "
              + modelVersion);
    }

    ChangedHistories.Result changed =
        ChangedHistories.since(warehouse, stamp.get(), inputs, previous);
    Dataset<Row> issuedByPrevious =
        wanted.filter(col("issue_date").leq(lit(Date.valueOf(previous))));
    Dataset<Row> notKept =
        issuedByPrevious.join(
            outputs.select(col("point_id").as("invoice_id")),
            new String[] {"invoice_id"},
            "left_anti");
    SmallSets.Counted replayedSet =
        SmallSets.counted(
            changed
                .customers()
                .union(
                    PaymentBehaviourFeatures.allocatedToClosed(
                        previous, kept, inputs.invoices(), inputs.payments()))
                .union(notKept.select("customer_id"))
                .distinct());
    long replayedCount = replayedSet.count();
    if (replayedCount > MAX_REPLAYED) {
      return whole(
          String.format(
              java.util.Locale.ROOT,
              "%,d customers changed since the score of %s",
              replayedCount,
              previous));
    }
    Dataset<Row> replayed = replayedSet.forJoin();
    Dataset<Row> carried =
        kept.join(replayed, new String[] {"customer_id"}, "left_anti")
            .select("customer_id", PaymentBehaviourFeatures.STATE_COLUMN)
            .localCheckpoint(true);
    Dataset<Row> valid = outputs.join(replayed, new String[] {"customer_id"}, "left_anti");
    String howRead =
        changed.howRead().isEmpty()
            ? "no input changed since"
            : String.join("; ", changed.howRead());
    return new Decision(
        Optional.of(
            new Start(
                previous,
                new PaymentBehaviourFeatures.Start(previous, carried),
                valid,
                carried.count(),
                replayedCount,
                howRead)),
        "");
  }

  private static Decision whole(String why) {
    return new Decision(Optional.empty(), why);
  }

  /**
   * Keeps the walk state of {@code asOf} (rows: customer_id and the two state columns) stamped with
   * the input versions, and drops the states older than the latest earlier one.
   */
  static void keepStates(
      Warehouse warehouse, Dataset<Row> states, Map<String, Long> versions, LocalDate asOf) {
    String where = "as_of_date = '" + asOf + "'";
    warehouse.replace(
        DerivedTable.PAYMENT_BEHAVIOUR_STATE,
        Provenance.stamp(states.withColumn("as_of_date", lit(Date.valueOf(asOf))), versions),
        where);
    Row before =
        warehouse
            .read(STATE_TABLE)
            .filter(col("as_of_date").lt(lit(Date.valueOf(asOf))))
            .agg(max("as_of_date"))
            .first();
    if (!before.isNullAt(0)) {
      warehouse
          .spark()
          .sql(
              "DELETE FROM delta.`"
                  + warehouse.path(STATE_TABLE)
                  + "` WHERE as_of_date < '"
                  + before.get(0)
                  + "'");
    }
  }

  /** Replaces the kept model outputs by those of the score of {@code asOf}. */
  static void keepOutputs(
      Warehouse warehouse,
      Dataset<Row> outputs,
      String modelVersion,
      Map<String, Long> versions,
      LocalDate asOf) {
    Provenance.stamp(
            outputs
                .withColumn("model_version", lit(modelVersion))
                .withColumn(KEPT_ON, lit(Date.valueOf(asOf))),
            versions)
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(warehouse.path(OUTPUTS_TABLE));
  }
}
