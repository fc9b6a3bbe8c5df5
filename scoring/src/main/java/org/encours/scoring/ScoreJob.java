package org.encours.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.encours.analytics.AgingSnapshot;
import org.encours.analytics.AnalyticsInputs;
import org.encours.analytics.AnalyticsJob;
import org.encours.analytics.PaymentBehaviourFeatures;
import org.encours.analytics.Provenance;
import org.encours.analytics.SmallSets;
import org.encours.core.tables.DerivedTable;
import org.encours.warehouse.Warehouse;

/**
 * {@code encours score --as-of D} as an action: scores every invoice open at D and every customer
 * known at D with a registered model, and writes three Delta tables partitioned by {@code
 * as_of_date} (the partition of D is replaced on a rerun; other dates are kept, so the score in
 * force on any past day can be read back): {@code invoice_scores}, {@code customer_scores}, {@code
 * score_drift}. Definitions: {@code docs/scoring.md}.
 */
public final class ScoreJob {
  /**
   * The names of the tables this job writes, as the catalogue ({@link DerivedTable}) declares them.
   */
  public static final String INVOICE_SCORES = DerivedTable.INVOICE_SCORES.tableName();

  public static final String CUSTOMER_SCORES = DerivedTable.CUSTOMER_SCORES.tableName();
  public static final String SCORE_DRIFT = DerivedTable.SCORE_DRIFT.tableName();

  /**
   * Invoices issued in the 91 days up to D form the population compared with training for drift.
   */
  static final int DRIFT_WINDOW_DAYS = 91;

  /** Marks a feature row as an open or recent invoice, or a customer's typical next invoice. */
  private static final String POINT_KIND = "point_kind";

  private static final String INVOICE_POINT = "invoice";
  private static final String CUSTOMER_POINT = "customer";
  static final double[] QUANTILE_GRID = grid(20);

  /** What a run did. */
  public record Result(
      LocalDate asOf,
      String modelVersion,
      Map<String, Long> inputVersions,
      Map<String, Long> written,
      Duration elapsed) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "score as of %s with model %s: wrote %s from inputs %s in %.1f s",
          asOf,
          modelVersion,
          written,
          inputVersions,
          elapsed.toMillis() / 1000.0);
    }
  }

  private final Warehouse warehouse;
  private final ModelRegistry registry;
  private final PrintWriter progress;
  private LocalDate asOf;
  private String modelVersion;
  private boolean writeBehaviour;
  private boolean wholeHistory;

  public ScoreJob(Warehouse warehouse, ModelRegistry registry, PrintWriter progress) {
    this.warehouse = warehouse;
    this.registry = registry;
    this.progress = progress;
  }

  public ScoreJob asOf(LocalDate d) {
    this.asOf = d;
    return this;
  }

  public ScoreJob model(String version) {
    this.modelVersion = version;
    return this;
  }

  /**
   * Also writes the {@code payment_behaviour} partition of D from the behaviour this job computes
   * for its customers anyway, so that a refresh walks each customer's history once, not twice; the
   * rows are those {@code encours analytics --as-of D} writes from the same inputs.
   */
  public ScoreJob alsoWriteBehaviour() {
    this.writeBehaviour = true;
    return this;
  }

  /**
   * Walks every customer's whole history and applies the models to every scored invoice, even when
   * an earlier score kept what this one could go on from ({@link IncrementalScore}).
   */
  public ScoreJob fromWholeHistory() {
    this.wholeHistory = true;
    return this;
  }

  private static double[] grid(int n) {
    double[] g = new double[n];
    for (int k = 0; k < n; k++) {
      g[k] = (k + 0.5) / n;
    }
    return g;
  }

  /**
   * Applies both calibrated scorers (adds pd_t30, pd_t0) and the payment model (adds aft_lambda).
   */
  static Dataset<Row> applyModels(ModelRegistry.Loaded model, Dataset<Row> features) {
    Dataset<Row> out = features;
    for (Map.Entry<Integer, PipelineModel> s : model.scorers().entrySet()) {
      out =
          LatePaymentModels.dropPrefixed(
              s.getValue().transform(out), LatePaymentModels.prefix("m", s.getKey()));
    }
    out = model.paymentDate().transform(out).withColumn("aft_lambda", col("ttp_lambda"));
    return LatePaymentModels.dropPrefixed(out, "ttp_");
  }

  public Result execute() {
    long started = System.nanoTime();
    if (asOf == null) {
      throw new IllegalStateException("asOf not set");
    }
    AnalyticsInputs inputs = AnalyticsInputs.read(warehouse);
    ModelRegistry.Loaded model = registry.load(modelVersion);
    say("read canonical tables at versions " + inputs.versions() + "; model " + model.version());
    Date d = Date.valueOf(asOf);
    Column provenance = Provenance.versions(inputs.versions());
    Dataset<Row> allocations = inputs.allocations();
    describe(
        "open and recent invoices as of "
            + asOf
            + ", and which customers go on from the last score");
    // Scored documents (invoices with a positive amount) open at D, from the open items of D.
    Dataset<Row> open =
        AgingSnapshot.openItems(warehouse, inputs, asOf)
            .filter(
                col("doc_type")
                    .equalTo("invoice")
                    .and(col("amount").gt(0))
                    .and(col("open_amount").gt(0)))
            .select(
                col("invoice_id"),
                col("issue_date"),
                col("due_date"),
                col("open_amount").cast("decimal(18,2)").as("open_amount"))
            .localCheckpoint(true);
    Dataset<Row> scored = TrainingSet.scoredInvoices(inputs.invoices());
    Dataset<Row> recent =
        scored
            .filter(
                col("issue_date")
                    .leq(d)
                    .and(col("issue_date").gt(date_sub(lit(d), DRIFT_WINDOW_DAYS))))
            .select("invoice_id");
    SmallSets.Counted wanted =
        SmallSets.counted(open.select("invoice_id").union(recent).distinct());
    Dataset<Row> wantedInvoices =
        inputs.invoices().join(wanted.forJoin(), "invoice_id").localCheckpoint(true);
    List<String> outputColumns = outputColumns(model.profile());

    IncrementalScore.Decision decision =
        wholeHistory
            ? new IncrementalScore.Decision(Optional.empty(), "asked to walk every history")
            : IncrementalScore.start(
                warehouse, inputs, asOf, model.version(), wantedInvoices, outputColumns);
    Optional<IncrementalScore.Start> start = decision.start();
    say(
        start
            .map(IncrementalScore.Start::describe)
            .orElse("walks every customer's whole history: " + decision.why()));
    // Both kinds of point go through one feature computation, so each customer's history is walked
    // once (PaymentBehaviourFeatures) for its invoices and for itself. The invoices whose outputs
    // at
    // issue were kept need no point.
    Dataset<Row> invoicePoints =
        TrainingSet.invoicePoints(wantedInvoices).withColumn(POINT_KIND, lit(INVOICE_POINT));
    if (start.isPresent()) {
      invoicePoints =
          invoicePoints.join(
              start.get().outputs().select("point_id"), new String[] {"point_id"}, "left_anti");
    }
    Dataset<Row> customerPoints =
        typicalNextInvoices(inputs, asOf).withColumn(POINT_KIND, lit(CUSTOMER_POINT));

    describe("features and model outputs of open invoices and customers as of " + asOf);
    // Computed once: the walk (its events and the customers it keeps) and the final join all read
    // them.
    Dataset<Row> points = invoicePoints.unionByName(customerPoints).localCheckpoint(true);
    Dataset<Row> behaviour =
        PaymentBehaviourFeatures.compute(
                start.map(IncrementalScore.Start::walk).orElse(null),
                inputs.invoices(),
                allocations,
                inputs.customers(),
                inputs.dunning(),
                points.select("customer_id", "as_of_date").distinct(),
                asOf)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> allRows =
        applyModels(
                model,
                TrainingSet.featuresWith(
                    inputs.customers(),
                    points,
                    behaviour.drop(
                        PaymentBehaviourFeatures.STATE_COLUMN,
                        PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> computedInvoices =
        allRows.filter(col(POINT_KIND).equalTo(INVOICE_POINT)).select(columns(outputColumns));
    Dataset<Row> invoiceRows = computedInvoices;
    if (start.isPresent()) {
      Dataset<Row> keptAndWanted =
          start
              .get()
              .outputs()
              .join(
                  wantedInvoices.select(col("invoice_id").as("point_id")),
                  new String[] {"point_id"},
                  "left_semi");
      invoiceRows = invoiceRows.unionByName(keptAndWanted.select(columns(outputColumns)));
    }
    invoiceRows = invoiceRows.localCheckpoint(true);
    Dataset<Row> customerRows = allRows.filter(col(POINT_KIND).equalTo(CUSTOMER_POINT));
    describe("invoice scores as of " + asOf);
    Dataset<Row> invoiceScores =
        invoiceScores(
                invoiceRows.join(open.withColumnRenamed("invoice_id", "point_id"), "point_id"),
                asOf,
                LatePaymentModels.aftScale(model.paymentDate()))
            .withColumn("model_version", lit(model.version()))
            .withColumn(Provenance.COLUMN, provenance);
    Map<String, Long> written = new LinkedHashMap<>();
    written.put(INVOICE_SCORES, write(DerivedTable.INVOICE_SCORES, invoiceScores));

    describe("customer scores as of " + asOf);
    Dataset<Row> customers =
        customerScores(customerRows, model.explainers().get(30))
            .withColumn("model_version", lit(model.version()))
            .withColumn(Provenance.COLUMN, provenance);
    written.put(CUSTOMER_SCORES, write(DerivedTable.CUSTOMER_SCORES, customers));

    describe("score drift as of " + asOf);
    Dataset<Row> drift =
        drift(
                model.profile(),
                invoiceRows.join(recent.withColumnRenamed("invoice_id", "point_id"), "point_id"))
            .withColumn("model_version", lit(model.version()))
            .withColumn(Provenance.COLUMN, provenance);
    written.put(SCORE_DRIFT, write(DerivedTable.SCORE_DRIFT, drift));
    // The customers' points are (customer, D) for every customer known at D: exactly the
    // payment_behaviour rows of D (invoice points are dated before D), from the same inputs.
    Dataset<Row> atD = behaviour.filter(col("as_of_date").equalTo(lit(d)));
    if (writeBehaviour) {
      describe("payment behaviour as of " + asOf);
      written.put(
          AnalyticsJob.PAYMENT_BEHAVIOUR,
          AnalyticsJob.writeBehaviour(warehouse, atD, inputs.versions(), asOf));
    }
    describe("walk state and model outputs kept for the next score");
    IncrementalScore.keepStates(
        warehouse,
        atD.select(
            col("customer_id"),
            col(PaymentBehaviourFeatures.STATE_COLUMN),
            col(PaymentBehaviourFeatures.OPEN_INVOICES_COLUMN)),
        inputs.versions(),
        asOf);
    IncrementalScore.keepOutputs(warehouse, invoiceRows, model.version(), inputs.versions(), asOf);
    behaviour.unpersist();
    allRows.unpersist();
    return new Result(
        asOf,
        model.version(),
        inputs.versions(),
        written,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * What the score reads of an invoice's model outputs at issue, kept for the next score: the
   * point's own columns, the models' outputs, and the variables the drift profile watches.
   */
  static List<String> outputColumns(JsonNode profile) {
    java.util.LinkedHashSet<String> names =
        new java.util.LinkedHashSet<>(
            List.of(
                "point_id",
                "customer_id",
                "as_of_date",
                "amount",
                "terms_days",
                "pd_t30",
                "pd_t0",
                "aft_lambda"));
    profile.fieldNames().forEachRemaining(names::add);
    return List.copyOf(names);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /**
   * The invoice rows (needs pd_t30, pd_t0, aft_lambda, issue/due dates, open_amount, amount,
   * terms_days).
   */
  static Dataset<Row> invoiceScores(Dataset<Row> rows, LocalDate asOf, double sigma) {
    Column d = lit(Date.valueOf(asOf));
    Column pastDue = datediff(d, col("due_date"));
    // unpaid through the end of D: days from issue to payment + 1 is above a = D - issue + 1
    Column a = datediff(d, col("issue_date")).plus(1).cast("double");
    Column lambda = col("aft_lambda");
    Column expected = lit(0.0);
    for (double u : QUANTILE_GRID) {
      expected =
          expected.plus(
              greatest(
                  lit(0.0),
                  LatePaymentModels.conditionalQuantile(lambda, a, sigma, u)
                      .minus(1)
                      .minus(col("terms_days"))));
    }
    expected = expected.divide(QUANTILE_GRID.length);
    UserDefinedFunction grade = udf(new GradeUdf(), DataTypes.StringType);
    Dataset<Row> out = rows;
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      Column t = ceil(LatePaymentModels.conditionalQuantile(lambda, a, sigma, q)).cast("int");
      out =
          out.withColumn(
              "payment_date_p" + Math.round(q * 100),
              greatest(date_add(col("issue_date"), t.minus(1)), date_add(d, 1)));
    }
    return out.withColumn(
            "probability_late_30d", when(pastDue.geq(30), 1.0).otherwise(col("pd_t30")))
        .withColumn("probability_late_0d", when(pastDue.geq(0), 1.0).otherwise(col("pd_t0")))
        .withColumn(
            "probability_basis_30d",
            when(pastDue.geq(30), "observed: open 30 days or more after due")
                .otherwise("model at issue"))
        .withColumn("expected_days_late", round(expected, 1))
        .withColumn("grade", grade.apply(col("probability_late_30d")))
        .select(
            lit(Date.valueOf(asOf)).as("as_of_date"),
            col("point_id").as("invoice_id"),
            col("customer_id"),
            col("issue_date"),
            col("due_date"),
            col("amount"),
            col("open_amount"),
            pastDue.as("days_past_due"),
            col("probability_late_30d"),
            col("probability_late_0d"),
            col("probability_basis_30d"),
            col("pd_t30").as("pd_at_issue_30d"),
            col("pd_t0").as("pd_at_issue_0d"),
            col("expected_days_late"),
            col("payment_date_p10"),
            col("payment_date_p50"),
            col("payment_date_p90"),
            col("grade"));
  }

  /**
   * The typical next invoice of every customer known at D, as of D: the customer's mean invoice
   * amount so far (the portfolio mean without history), the terms and channel of its latest invoice
   * (else its contractual terms, else 30 days; electronic), issued on D + 1.
   */
  static Dataset<Row> typicalNextInvoices(AnalyticsInputs inputs, LocalDate asOf) {
    Date d = Date.valueOf(asOf);
    Dataset<Row> issued =
        TrainingSet.scoredInvoices(inputs.invoices()).filter(col("issue_date").leq(d));
    Dataset<Row> perCustomer =
        issued
            .groupBy("customer_id")
            .agg(
                avg(col("amount")).as("usual_amount"),
                max(struct(
                        col("issue_date"),
                        col("invoice_id"),
                        datediff(col("due_date"), col("issue_date")).as("terms"),
                        col("channel")))
                    .as("latest"));
    Row portfolio = issued.agg(avg(col("amount"))).first();
    Object portfolioMean = portfolio.isNullAt(0) ? java.math.BigDecimal.ONE : portfolio.get(0);
    Dataset<Row> ids =
        PaymentBehaviourFeatures.pointsAt(inputs.customers(), inputs.invoices(), asOf)
            .select("customer_id");
    Dataset<Row> terms = inputs.customers().select(col("customer_id"), col("payment_terms_days"));
    return ids.join(perCustomer, new String[] {"customer_id"}, "left")
        .join(terms, new String[] {"customer_id"}, "left")
        .select(
            col("customer_id").as("point_id"),
            col("customer_id"),
            lit(d).as("as_of_date"),
            date_add(lit(d), 1).as("reference_date"),
            coalesce(col("usual_amount"), lit(portfolioMean)).cast("decimal(18,2)").as("amount"),
            coalesce(col("latest.terms"), col("payment_terms_days"), lit(30)).as("terms_days"),
            coalesce(col("latest.channel"), lit("electronic")).as("channel"));
  }

  static Dataset<Row> customerScores(Dataset<Row> rows, PipelineModel explainer) {
    PointsScale scale = PointsScale.defaults();
    Column p =
        least(greatest(col("pd_t30"), lit(PointsScale.PD_FLOOR)), lit(1 - PointsScale.PD_FLOOR));
    Column points =
        round(
                lit(scale.offset())
                    .plus(lit(scale.factor()).multiply(log(lit(1.0).minus(p).divide(p)))),
                0)
            .cast("int");
    UserDefinedFunction grade = udf(new GradeUdf(), DataTypes.StringType);
    Dataset<Row> explained = explainer.transform(rows);
    String prefix = LatePaymentModels.prefix("m", 30);
    ReasonMapper mapper = ReasonMapper.of(explainer, explained.schema(), prefix);
    List<Column> in = new ArrayList<>(List.of(col("point_id"), col(prefix + "features")));
    for (String c : ReasonMapper.VALUE_COLUMNS) {
      in.add(col(c));
    }
    Dataset<Row> reasons =
        explained.select(in.toArray(new Column[0])).map(mapper, Encoders.row(ReasonMapper.OUTPUT));
    return rows.join(reasons, rows.col("point_id").equalTo(reasons.col("reason_key")), "left")
        .select(
            col("as_of_date"),
            col("customer_id"),
            col("pd_t30").as("probability_late_30d"),
            col("pd_t0").as("probability_late_0d"),
            points.as("points"),
            grade.apply(col("pd_t30")).as("grade"),
            col("reasons"),
            col("open_items"),
            coalesce(col("open_exposure"), lit(java.math.BigDecimal.ZERO))
                .cast("decimal(18,2)")
                .as("exposure"),
            coalesce(col("overdue_exposure"), lit(java.math.BigDecimal.ZERO))
                .cast("decimal(18,2)")
                .as("overdue_exposure"),
            coalesce(col("open_exposure"), lit(java.math.BigDecimal.ZERO))
                .cast("decimal(18,2)")
                .multiply(col("pd_t30").cast("decimal(20,10)"))
                .cast("decimal(18,2)")
                .as("expected_loss"));
  }

  static final StructType DRIFT_SCHEMA =
      new StructType()
          .add("variable", DataTypes.StringType)
          .add("psi", DataTypes.DoubleType)
          .add("status", DataTypes.StringType)
          .add("reference_rows", DataTypes.LongType)
          .add("current_rows", DataTypes.LongType);

  /**
   * PSI of each profiled variable (score pd_t30 and the drift features) against the training
   * profile.
   */
  Dataset<Row> drift(JsonNode profile, Dataset<Row> current) {
    List<String> names = new ArrayList<>();
    profile.fieldNames().forEachRemaining(names::add);
    List<Row> values =
        current
            .select(names.stream().map(n -> col(n).cast("double")).toArray(Column[]::new))
            .collectAsList();
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      JsonNode p = profile.get(names.get(k));
      double[] edges = new double[p.get("edges").size()];
      for (int e = 0; e < edges.length; e++) {
        edges[e] = p.get("edges").get(e).asDouble();
      }
      long[] ref = new long[p.get("counts").size()];
      long refRows = 0;
      for (int e = 0; e < ref.length; e++) {
        ref[e] = p.get("counts").get(e).asLong();
        refRows += ref[e];
      }
      double[] cur = new double[values.size()];
      for (int r = 0; r < cur.length; r++) {
        cur[r] = values.get(r).isNullAt(k) ? 0.0 : values.get(r).getDouble(k);
      }
      double psi =
          cur.length == 0
              ? Double.NaN
              : PopulationStability.psi(ref, PopulationStability.counts(edges, cur));
      String variable = names.get(k).equals("pd_t30") ? "score (pd_t30 at issue)" : names.get(k);
      out.add(
          RowFactory.create(
              variable, psi, PopulationStability.status(psi), refRows, (long) cur.length));
    }
    return warehouse
        .spark()
        .createDataFrame(out, DRIFT_SCHEMA)
        .withColumn("as_of_date", lit(Date.valueOf(asOf)));
  }

  private long write(DerivedTable table, Dataset<Row> rows) {
    String where = "as_of_date = '" + asOf + "'";
    warehouse.replace(table, rows, where);
    long n = warehouse.read(table).filter(where).count();
    say(String.format(Locale.ROOT, "wrote %,d rows to %s (%s)", n, table.tableName(), where));
    return n;
  }

  private void describe(String what) {
    warehouse.spark().sparkContext().setJobDescription("encours score: " + what);
    say(what + "...");
  }

  private void say(String line) {
    if (progress != null) {
      progress.println(line);
      progress.flush();
    }
  }
}
