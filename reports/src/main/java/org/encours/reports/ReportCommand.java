package org.encours.reports;

import java.nio.file.Path;
import java.time.LocalDate;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.warehouse.SparkOptions;
import org.encours.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encours report}: the monthly CFO risk report as HTML, PDF and XLSX. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the CFO risk report as of a date into a folder: report-DATE.html (one self-contained",
      "page, charts inline), report-DATE.pdf (A4) and report-DATE.xlsx (one sheet per table), with the",
      "same content: headline KPIs against last month, aging, 12-month trends, the customers at risk,",
      "grades and their migration, the dunning plan, legal exposure and model health. Reads the tables",
      "of encours analytics, score and recommend; a missing table makes its section say which command",
      "to run."
    },
    footer = {
      "",
      "Sections and their tables: docs/report.md. Example: encours report --as-of 2026-10-31 --out var/reports"
    })
public final class ReportCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Option(
      names = "--as-of",
      required = true,
      paramLabel = "DATE",
      description = "Date of the report, YYYY-MM-DD.")
  String asOf;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Folder to write the three files into (created if needed). Default: var/reports.")
  Path out = Path.of("var/reports");

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Model registry read for model health. Default: $ENCOURS_MODELS, else var/models.")
  String models;

  @Override
  public Integer call() {
    LocalDate date = EncoursErrors.parseDate("--as-of", asOf);
    Progress progress = Progress.toStderr("report");
    Warehouse warehouse = spark.openWarehouse("encours report");
    warehouse.spark().sparkContext().setJobDescription("encours report as of " + date);
    ReportData data = new ReportLoader(warehouse, registry(models), progress).load(date);
    ReportJob.Result result = ReportJob.write(data, out, progress);
    System.out.println(result.summary());
    return 0;
  }

  /** Flag, then ENCOURS_MODELS, then var/models (the scoring module's default). */
  static Path registry(String flag) {
    String env = System.getenv("ENCOURS_MODELS");
    return Path.of(
        flag != null && !flag.isBlank()
            ? flag
            : env != null && !env.isBlank() ? env : "var/models");
  }
}
