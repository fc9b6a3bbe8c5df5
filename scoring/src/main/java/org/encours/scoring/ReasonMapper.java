package org.encours.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor-side reason codes: for each row, the explainer's coefficient times the standardised
 * feature (the {@code <prefix>features} column), summed per source feature, then {@link
 * ReasonCodes#top}. Input rows: key, the standardised vector, then {@link #VALUE_COLUMNS}.
 */
final class ReasonMapper implements MapFunction<Row, Row> {
  static final List<String> VALUE_COLUMNS =
      List.of(
          "late30_last5",
          "settled_last5",
          "late0_last5",
          "invoices_paid",
          "paid_late_share",
          "paid_late_count",
          "days_late_mean",
          "days_late_mean_by_amount",
          "days_late_median",
          "days_late_p90",
          "days_late_max",
          "dbt_paid",
          "dbt_open",
          "late_share_3m",
          "paid_3m",
          "late_share_12m",
          "paid_12m",
          "avg_days_to_pay",
          "open_items",
          "open_exposure",
          "overdue_items",
          "overdue_exposure",
          "disputed_invoices",
          "disputed_open_amount",
          "dunning_stage_rank",
          "dunning_stage_max",
          "partial_payment_share",
          "days_since_last_payment",
          "invoices_issued",
          "customer_age_days",
          "amount",
          "amount_to_usual",
          "terms_days",
          "is_paper",
          "sector",
          "size_band",
          "country",
          "issue_month");

  static final StructType REASON =
      new StructType()
          .add("rank", DataTypes.IntegerType)
          .add("reason", DataTypes.StringType)
          .add("feature", DataTypes.StringType)
          .add("points", DataTypes.DoubleType);
  static final ArrayType REASONS = DataTypes.createArrayType(REASON, false);
  static final StructType OUTPUT =
      new StructType().add("reason_key", DataTypes.StringType).add("reasons", REASONS);

  private final double[] coefficients;
  private final String[] slotSource;
  private final PointsScale scale;

  ReasonMapper(double[] coefficients, String[] slotSource, PointsScale scale) {
    this.coefficients = coefficients;
    this.slotSource = slotSource;
    this.scale = scale;
  }

  /**
   * Builds the mapper from a fitted explainer and a frame it transformed (for the one-hot sizes).
   */
  static ReasonMapper of(PipelineModel explainer, StructType transformed, String prefix) {
    LogisticRegressionModel lr =
        LatePaymentModels.lastStage(explainer, LogisticRegressionModel.class);
    List<String> slots = new ArrayList<>(TrainingSet.NUMERIC_FEATURES);
    for (String c : TrainingSet.CATEGORICAL_FEATURES) {
      int size = AttributeGroup.fromStructField(transformed.apply(prefix + c + "_vec")).size();
      for (int k = 0; k < size; k++) {
        slots.add(c);
      }
    }
    double[] coef = lr.coefficients().toArray();
    if (coef.length != slots.size()) {
      throw new IllegalStateException(
          "explainer has " + coef.length + " coefficients for " + slots.size() + " feature slots");
    }
    return new ReasonMapper(coef, slots.toArray(new String[0]), PointsScale.defaults());
  }

  @Override
  public Row call(Row row) {
    Vector x = row.getAs(1);
    Map<String, Double> contributions = new LinkedHashMap<>();
    for (int k = 0; k < coefficients.length; k++) {
      contributions.merge(slotSource[k], coefficients[k] * x.apply(k), Double::sum);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int k = 0; k < VALUE_COLUMNS.size(); k++) {
      values.put(VALUE_COLUMNS.get(k), row.get(k + 2));
    }
    List<Row> out = new ArrayList<>();
    for (ReasonCodes.Reason r : ReasonCodes.top(contributions, values, scale)) {
      out.add(RowFactory.create(r.rank(), r.reason(), r.feature(), r.points()));
    }
    return RowFactory.create(row.get(0), out.toArray());
  }
}
