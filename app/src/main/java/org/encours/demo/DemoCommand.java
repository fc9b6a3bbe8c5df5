package org.encours.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsJob;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.core.security.KeyHash;
import org.encours.ingest.IngestJob;
import org.encours.ingest.IngestResult;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.prevention.RecommendJob;
import org.encours.reports.ReportData;
import org.encours.reports.ReportJob;
import org.encours.reports.ReportLoader;
import org.encours.samples.GenerationSettings;
import org.encours.samples.LedgerGenerator;
import org.encours.scoring.ModelRegistry;
import org.encours.scoring.ScoreJob;
import org.encours.scoring.TrainJob;
import org.encours.scoring.prospect.TrainProspectsJob;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.SparkOptions;
import org.encours.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encours demo}: the pipeline end to end on the committed sample, then the API. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Encours end to end on the committed demo sample (data-samples/demo; generated with the",
      "default seed when absent): ingest, analytics as of the sample's last day and the 36-month KPI",
      "series, model training, scoring, recommendations and dunning plans, the CFO report in",
      "var/demo/report; then ./encours starts the API on http://127.0.0.1:8080 with demo keys",
      "(printed at the end; --no-serve to stop after the report)."
    })
public final class DemoCommand implements EncoursCommand {
  /**
   * Demo API keys: for the loopback demo only, documented in the README; never use them elsewhere.
   */
  static final List<String[]> DEMO_KEYS =
      List.of(
          new String[] {"demo-sales", "demo-sales-key", "sales"},
          new String[] {"demo-dunning", "demo-dunning-key", "dunning"},
          new String[] {"demo-reports", "demo-reports-key", "reports"});

  @Mixin SparkOptions spark;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Sample in the canonical CSV layout. Default: data-samples/demo of this checkout.")
  Path data;

  @Option(names = "--no-serve", description = "Stop after the report instead of starting the API.")
  boolean noServe;

  @Override
  public Integer call() throws IOException {
    Progress progress = Progress.toStderr("demo");
    Path sample = sample(progress);
    Warehouse warehouse = spark.openWarehouse("encours demo");
    PrintWriter out = new PrintWriter(System.out, true);
    Path demoDir = home().resolve("var/demo");
    ModelRegistry registry = new ModelRegistry(demoDir.resolve("models"));

    progress.step("1/6 Ingesting " + sample + " into " + warehouse.root());
    IngestResult ingested =
        new IngestJob(warehouse, progress)
            .run(sample.toString(), MappingLoader.load("canonical-csv"));
    out.println(ingested.summary());

    LocalDate asOf = lastEventDate(warehouse);
    YearMonth last = YearMonth.from(asOf);
    progress.step(
        "2/6 Analytics as of "
            + asOf
            + " and the monthly series "
            + last.minusMonths(35)
            + ".."
            + last);
    out.println(new AnalyticsJob(warehouse, out).asOf(asOf).execute().summary());
    out.println(
        new AnalyticsJob(warehouse, out).monthly(last.minusMonths(35), last).execute().summary());
    // Last month too, so that the report can show grade migration.
    LocalDate previousMonthEnd = last.minusMonths(1).atEndOfMonth();

    progress.step(
        "3/6 Training the late-payment models and the prospect model on the history up to " + asOf);
    out.println(
        new TrainJob(warehouse, registry, out).cutoff(asOf).promote(true).execute().summary());
    Path prospectModel = demoDir.resolve("prospect-model");
    out.println(
        new TrainProspectsJob(warehouse, progress).asOf(asOf).out(prospectModel).run().summary());

    progress.step(
        "4/6 Scoring open invoices and customers as of " + previousMonthEnd + " and " + asOf);
    out.println(new ScoreJob(warehouse, registry, out).asOf(previousMonthEnd).execute().summary());
    out.println(new ScoreJob(warehouse, registry, out).asOf(asOf).execute().summary());

    progress.step("5/6 Recommendations and dunning plans as of " + asOf);
    out.println(new RecommendJob(warehouse, Policy.load(), progress).run(asOf).summary());

    progress.step("6/6 The CFO report as of " + asOf);
    ReportData report = new ReportLoader(warehouse, registry.root(), progress).load(asOf);
    out.println(ReportJob.write(report, demoDir.resolve("report"), progress).summary());

    printHeadline(warehouse, out, last.atEndOfMonth());
    writeServeArguments(demoDir, warehouse, prospectModel);
    out.println(
        "Tables are in "
            + warehouse.root()
            + "; models in "
            + registry.root()
            + "; report in "
            + demoDir.resolve("report")
            + ".");
    out.println("Demo pipeline finished in " + progress.elapsedText() + ".");
    if (!noServe) {
      out.println(
          "Starting the API on http://127.0.0.1:8080 (docs at /docs; Ctrl-C stops it). Demo keys: "
              + "demo-sales-key (sales), demo-dunning-key (dunning), demo-reports-key (reports). Try:");
      out.println(
          "  curl -H 'Authorization: Bearer demo-sales-key' http://127.0.0.1:8080/v1/customers/C0000001/score");
    }
    return 0;
  }

  /**
   * Leaves what {@code ./encours} needs to start the API on the demo's warehouse: a key file with
   * the demo keys (hashed, as in production) and the serve arguments, one per line.
   */
  private void writeServeArguments(Path demoDir, Warehouse warehouse, Path prospectModel)
      throws IOException {
    Files.createDirectories(demoDir);
    StringBuilder keys =
        new StringBuilder(
            "# Demo API keys for the loopback demo (see README); the keys themselves are not stored.\nkeys:\n");
    for (String[] k : DEMO_KEYS) {
      keys.append("  - name: ")
          .append(k[0])
          .append('\n')
          .append("    hash: \"")
          .append(KeyHash.of(k[1]).text())
          .append("\"\n")
          .append("    scopes: [")
          .append(k[2])
          .append("]\n");
    }
    Path keyFile = demoDir.resolve("api-keys.yaml");
    Files.writeString(keyFile, keys.toString(), StandardCharsets.UTF_8);
    Path args = demoDir.resolve("serve.args");
    if (noServe) {
      Files.deleteIfExists(args);
      return;
    }
    Files.write(
        args,
        List.of(
            "--warehouse",
            warehouse.root(),
            "--keys",
            keyFile.toString(),
            "--prospect-model",
            prospectModel.toString(),
            "--port",
            "8080"),
        StandardCharsets.UTF_8);
  }

  private Path sample(Progress progress) {
    Path sample = data != null ? data : home().resolve("data-samples/demo");
    if (Files.isRegularFile(sample.resolve("invoices.csv"))) {
      return sample;
    }
    if (data != null) {
      throw EncoursErrors.missingFile("Demo sample (invoices.csv)", sample);
    }
    Path generated = home().resolve("var/demo-sample");
    progress.step("The committed sample is absent: generating one into " + generated);
    try {
      new LedgerGenerator(GenerationSettings.defaults()).writeCsv(generated, null);
    } catch (IOException e) {
      throw EncoursErrors.cannot("write", "the demo sample to " + generated, e, "");
    }
    return generated;
  }

  /** The ledger's last day: the latest issue or payment date loaded. */
  private static LocalDate lastEventDate(Warehouse warehouse) {
    Row invoices = warehouse.read(CanonicalTable.INVOICES).agg(max(col("issue_date"))).first();
    Row payments = warehouse.read(CanonicalTable.PAYMENTS).agg(max(col("payment_date"))).first();
    Date a = invoices.isNullAt(0) ? null : invoices.getDate(0);
    Date b = payments.isNullAt(0) ? null : payments.getDate(0);
    if (a == null && b == null) {
      throw EncoursErrors.tooLittleData("The demo sample holds no invoice: nothing to analyse", "");
    }
    Date latest = a == null ? b : b == null ? a : (a.after(b) ? a : b);
    return latest.toLocalDate();
  }

  private static void printHeadline(Warehouse warehouse, PrintWriter out, LocalDate monthEnd) {
    Row kpi =
        warehouse
            .read(AnalyticsJob.RECEIVABLES_KPIS)
            .where(
                col("level")
                    .equalTo("portfolio")
                    .and(col("as_of_date").equalTo(Date.valueOf(monthEnd))))
            .first();
    out.println(
        String.format(
            Locale.ROOT,
            "Portfolio at %s: AR %,.2f, overdue %,.2f, DSO count-back %s days, standard %s, best possible %s, ADD %s, CEI %s %%",
            monthEnd,
            kpi.getDecimal(kpi.fieldIndex("ar")),
            kpi.getDecimal(kpi.fieldIndex("overdue_ar")),
            round(kpi, "dso_count_back"),
            round(kpi, "dso_standard"),
            round(kpi, "bpdso_count_back"),
            round(kpi, "add_count_back"),
            round(kpi, "cei")));
  }

  private static String round(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i)
        ? "n/a"
        : String.format(Locale.ROOT, "%.1f", ((Number) row.get(i)).doubleValue());
  }

  /** The checkout the launcher runs from (set by ./encours), else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("encours.home", "."));
  }
}
