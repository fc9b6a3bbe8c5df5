package org.encours.prevention;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;
import org.encours.warehouse.CanonicalTable;

/** Schemas of the tables the prevention job writes (before provenance columns are added). */
final class PreventionSchemas {
  private PreventionSchemas() {}

  static final StructType LADDER_STEP =
      new StructType()
          .add("label", StringType, false)
          .add("day", IntegerType, false)
          .add("action", StringType, false)
          .add("channel", StringType, false);

  /** One row per customer as of a date. */
  static final StructType RECOMMENDATION =
      new StructType()
          .add("customer_id", StringType, false)
          .add("as_of_date", DateType, false)
          .add("scored", BooleanType, false)
          .add("grade", StringType, true)
          .add("probability", DoubleType, true)
          .add("deposit_share", CanonicalTable.MONEY, false)
          .add("deposit_required_above", CanonicalTable.MONEY, true)
          .add("credit_limit", CanonicalTable.MONEY, false)
          .add("open_exposure", CanonicalTable.MONEY, false)
          .add("max_terms_days", IntegerType, false)
          .add("ladder", StringType, false)
          .add("ladder_steps", createArrayType(LADDER_STEP, false), false)
          .add("block_orders", BooleanType, false)
          .add("review_limit", BooleanType, false)
          .add("flags", createArrayType(StringType, false), false)
          .add("reasons", createArrayType(StringType, false), false)
          .add("policy_version", StringType, false)
          .add("model_version", StringType, true);

  static final StructType PLAN_STEP =
      new StructType()
          .add("action", StringType, false)
          .add("date", DateType, false)
          .add("channel", StringType, false)
          .add("status", StringType, false)
          .add("payment_deadline", DateType, true)
          .add("reason", StringType, true);

  /** One row per open invoice as of a date. */
  static final StructType DUNNING_PLAN =
      new StructType()
          .add("invoice_id", StringType, false)
          .add("customer_id", StringType, false)
          .add("as_of_date", DateType, false)
          .add("grade", StringType, true)
          .add("ladder", StringType, false)
          .add("next_action", StringType, true)
          .add("next_action_date", DateType, true)
          .add("next_channel", StringType, true)
          .add("next_payment_deadline", DateType, true)
          .add("outstanding", CanonicalTable.MONEY, false)
          .add("penalties", CanonicalTable.MONEY, false)
          .add("indemnity", CanonicalTable.MONEY, false)
          .add("amount_due", CanonicalTable.MONEY, false)
          .add("penalties_from", DateType, true)
          .add("days_past_due", LongType, false)
          .add("limitation_date", DateType, false)
          .add("limitation_status", StringType, false)
          .add("steps", createArrayType(PLAN_STEP, false), false)
          .add("notes", createArrayType(StringType, false), false)
          .add("policy_version", StringType, false)
          .add("model_version", StringType, true);
}
