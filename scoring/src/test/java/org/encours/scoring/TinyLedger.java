package org.encours.scoring;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.encours.analytics.Allocations;
import org.encours.samples.GenerationSettings;
import org.encours.samples.LedgerGenerator;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.Warehouse;

/** Canonical DataFrames built in a test: by hand, row by row, or from the seeded generator. */
public final class TinyLedger {
  final List<Row> customers = new ArrayList<>();
  final List<Row> invoices = new ArrayList<>();
  final List<Row> payments = new ArrayList<>();
  final List<Row> dunning = new ArrayList<>();

  static Date d(String iso) {
    return Date.valueOf(LocalDate.parse(iso));
  }

  TinyLedger customer(String id, String country, String sector, String size, String created) {
    customers.add(
        RowFactory.create(
            id, "Customer " + id, country, sector, size, d(created), null, null, 30, "t"));
    return this;
  }

  TinyLedger invoice(String id, String customer, String issue, String due, String amount) {
    return invoice(id, customer, issue, due, amount, false, null);
  }

  TinyLedger invoice(
      String id,
      String customer,
      String issue,
      String due,
      String amount,
      boolean disputed,
      String disputeDate) {
    invoices.removeIf(r -> r.getString(0).equals(id));
    invoices.add(
        RowFactory.create(
            id,
            customer,
            d(issue),
            d(due),
            new BigDecimal(amount).setScale(2),
            "EUR",
            "invoice",
            "electronic",
            disputed,
            disputeDate == null ? null : d(disputeDate),
            "NET30",
            "t"));
    return this;
  }

  TinyLedger payment(String id, String invoice, String date, String amount) {
    payments.removeIf(r -> r.getString(0).equals(id));
    payments.add(RowFactory.create(id, invoice, d(date), new BigDecimal(amount).setScale(2), "t"));
    return this;
  }

  TinyLedger dunning(String id, String invoice, String customer, String date, String stage) {
    dunning.add(
        RowFactory.create(id, invoice, customer, d(date), stage, "email", "no_answer", "t"));
    return this;
  }

  TinyLedger copy() {
    TinyLedger c = new TinyLedger();
    c.customers.addAll(customers);
    c.invoices.addAll(invoices);
    c.payments.addAll(payments);
    c.dunning.addAll(dunning);
    return c;
  }

  /**
   * Several ledgers in one, each one's ids prefixed with "V<k>-" (so one Spark job computes them
   * all).
   */
  static TinyLedger variants(List<TinyLedger> ledgers) {
    TinyLedger all = new TinyLedger();
    for (int k = 0; k < ledgers.size(); k++) {
      String p = "V" + k + "-";
      TinyLedger l = ledgers.get(k);
      all.customers.addAll(prefixed(l.customers, p, 0));
      all.invoices.addAll(prefixed(l.invoices, p, 0, 1));
      all.payments.addAll(prefixed(l.payments, p, 0, 1));
      all.dunning.addAll(prefixed(l.dunning, p, 0, 1, 2));
    }
    return all;
  }

  private static List<Row> prefixed(List<Row> rows, String prefix, int... idColumns) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      for (int i : idColumns) {
        v[i] = v[i] == null ? null : prefix + v[i];
      }
      out.add(RowFactory.create(v));
    }
    return out;
  }

  Dataset<Row> df(CanonicalTable t) {
    List<Row> rows =
        switch (t) {
          case CUSTOMERS -> customers;
          case INVOICES -> invoices;
          case PAYMENTS -> payments;
          case DUNNING_EVENTS -> dunning;
        };
    return SharedSpark.session().createDataFrame(rows, t.storedSchema());
  }

  Dataset<Row> allocations() {
    return Allocations.effective(df(CanonicalTable.INVOICES), df(CanonicalTable.PAYMENTS));
  }

  /**
   * A warehouse and model registry of one's own, with what {@link #trainedCopy()} says they hold.
   */
  public record Trained(Warehouse warehouse, ModelRegistry registry, TrainJob.Result training) {}

  private static Trained trained;

  /**
   * The generated ledger of 1,000 invoices over 24 months ({@link #generatedWarehouse}) and a model
   * trained on it as v0001, the champion (seed 11, 3 boosting iterations, one candidate each: the
   * machinery, not accuracy). Trained once per test JVM; every call returns a new copy of both
   * folders, which the caller may change.
   */
  public static synchronized Trained trainedCopy() throws Exception {
    if (trained == null) {
      Warehouse w = generatedWarehouse(1000, 24);
      ModelRegistry registry = new ModelRegistry(SharedSpark.tempDir("models"));
      TrainJob.Result result =
          new TrainJob(w, registry, null)
              .settings(new LatePaymentModels.Settings(11, 3).withOneCandidateEach())
              .execute();
      trained = new Trained(w, registry, result);
    }
    Path models = SharedSpark.tempDir("models");
    SharedSpark.copyTree(trained.registry().root(), models);
    return new Trained(
        SharedSpark.copyOf(trained.warehouse()), new ModelRegistry(models), trained.training());
  }

  /**
   * A seeded generated ledger (canonical CSV from the generator) written as Delta tables into a new
   * warehouse.
   */
  public static Warehouse generatedWarehouse(long invoices, int months) throws Exception {
    Path dir = SharedSpark.tempDir("generated");
    new LedgerGenerator(new GenerationSettings(invoices, 7, LocalDate.of(2026, 10, 31), months))
        .writeCsv(dir, null);
    Warehouse w = SharedSpark.newWarehouse();
    String[] files = {"customers", "invoices", "payments", "dunning_events"};
    CanonicalTable[] tables = {
      CanonicalTable.CUSTOMERS,
      CanonicalTable.INVOICES,
      CanonicalTable.PAYMENTS,
      CanonicalTable.DUNNING_EVENTS
    };
    for (int k = 0; k < files.length; k++) {
      Dataset<Row> rows =
          SharedSpark.session()
              .read()
              .option("header", "true")
              .schema(tables[k].businessSchema())
              .csv(dir.resolve(files[k] + ".csv").toString())
              .withColumn(CanonicalTable.BATCH_COLUMN, functions.lit("generated"));
      rows.write().format("delta").save(w.path(tables[k]));
    }
    return w;
  }
}
