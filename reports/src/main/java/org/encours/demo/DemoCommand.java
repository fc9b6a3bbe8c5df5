package org.encours.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.encours.analytics.AnalyticsJob;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.ingest.IngestJob;
import org.encours.ingest.IngestResult;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.samples.GenerationSettings;
import org.encours.samples.LedgerGenerator;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.SparkOptions;
import org.encours.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encours demo}: the pipeline end to end on the committed sample. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Encours end to end on the committed demo sample (data-samples/demo; generated",
      "with the default seed when absent): ingests it, computes the analytics as of the",
      "sample's last day and the 36-month KPI series, and prints what was written and where."
    })
public final class DemoCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Sample in the canonical CSV layout. Default: data-samples/demo of this checkout.")
  Path data;

  @Override
  public Integer call() {
    Progress progress = Progress.toStderr("demo");
    Path sample = sample(progress);
    Warehouse warehouse = spark.openWarehouse("encours demo");
    PrintWriter out = new PrintWriter(System.out, true);

    progress.step("1/2 Ingesting " + sample + " into " + warehouse.root());
    IngestResult ingested = new IngestJob(warehouse, progress).run(sample.toString(), MappingLoader.load("canonical-csv"));
    out.println(ingested.summary());

    LocalDate asOf = lastEventDate(warehouse);
    YearMonth last = YearMonth.from(asOf);
    progress.step("2/2 Analytics as of " + asOf + " and the monthly series " + last.minusMonths(35) + ".." + last);
    out.println(new AnalyticsJob(warehouse, out).asOf(asOf).execute().summary());
    out.println(new AnalyticsJob(warehouse, out).monthly(last.minusMonths(35), last).execute().summary());

    printHeadline(warehouse, out, last.atEndOfMonth());
    out.println("Tables are in " + warehouse.root() + " (Delta; see README).");
    out.println("Demo finished in " + progress.elapsedText() + ".");
    return 0;
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
      throw new UserFacingException("Cannot write the demo sample to " + generated + ": " + e.getMessage(), e);
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
      throw new UserFacingException("The demo sample holds no invoice: nothing to analyse.");
    }
    Date latest = a == null ? b : b == null ? a : (a.after(b) ? a : b);
    return latest.toLocalDate();
  }

  private static void printHeadline(Warehouse warehouse, PrintWriter out, LocalDate monthEnd) {
    Row kpi =
        warehouse.read(AnalyticsJob.RECEIVABLES_KPIS)
            .where(col("level").equalTo("portfolio").and(col("as_of_date").equalTo(Date.valueOf(monthEnd))))
            .first();
    out.println(String.format(Locale.ROOT,
        "Portfolio at %s: AR %,.2f, overdue %,.2f, DSO count-back %s days, standard %s, best possible %s, ADD %s, CEI %s %%",
        monthEnd, kpi.getDecimal(kpi.fieldIndex("ar")), kpi.getDecimal(kpi.fieldIndex("overdue_ar")),
        round(kpi, "dso_count_back"), round(kpi, "dso_standard"), round(kpi, "bpdso_count_back"),
        round(kpi, "add_count_back"), round(kpi, "cei")));
  }

  private static String round(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? "n/a" : String.format(Locale.ROOT, "%.1f", ((Number) row.get(i)).doubleValue());
  }

  /** The checkout the launcher runs from (set by ./encours), else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("encours.home", "."));
  }
}
