package org.encours.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code encours maintain}: OPTIMIZE, time-travel window and VACUUM over the warehouse's tables.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps the warehouse's Delta tables compact and their history readable for the audit window:",
      "sets delta.logRetentionDuration and delta.deletedFileRetentionDuration to the window, compacts",
      "small files (OPTIMIZE), then VACUUMs files removed longer ago than the window. Any version that",
      "was the latest at some moment inside the window stays readable (reports and scores record the",
      "versions they read). Run it after the nightly jobs, not while they write."
    },
    footer = {
      "",
      "Window: "
          + TimeTravelWindow.FLAG
          + ", else $"
          + TimeTravelWindow.ENVIRONMENT
          + ", else "
          + TimeTravelWindow.DEFAULT_DAYS
          + " days (about 18 months);",
      "never below " + TimeTravelWindow.MINIMUM_DAYS + " days (Delta's VACUUM safety check).",
      "",
      "Examples:",
      "  encours maintain --dry-run",
      "  encours maintain",
      "  ENCOURS_TIME_TRAVEL_DAYS=730 encours maintain --table invoices --table payments",
      "",
      "Layout, file sizes and the schedule: docs/table-layout.md."
    })
public final class MaintainCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Spec CommandSpec spec;

  @Option(
      names = "--dry-run",
      description =
          "List what would be done (files to compact and to vacuum, properties to set); change nothing.")
  boolean dryRun;

  @Option(
      names = TimeTravelWindow.FLAG,
      paramLabel = "DAYS",
      description =
          "Time-travel (audit) window in days. Default: $"
              + TimeTravelWindow.ENVIRONMENT
              + ", else "
              + TimeTravelWindow.DEFAULT_DAYS
              + ".")
  String windowDays;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description = "Only this table (repeatable). Default: every Delta table of the warehouse.")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--z-order",
      paramLabel = "TABLE=COLUMN[,COLUMN]",
      description =
          "Z-order TABLE by the columns (repeatable), instead of the built-in choice (none: see docs/table-layout.md).")
  List<String> zOrder = new ArrayList<>();

  @Option(
      names = "--shorten-window",
      description =
          "Accept a window shorter than the one a table already keeps (the audit promise shrinks).")
  boolean shortenWindow;

  @Override
  public Integer call() {
    // Everything the user typed is checked before Spark starts.
    TimeTravelWindow window =
        windowDays != null
            ? TimeTravelWindow.parse(windowDays, TimeTravelWindow.FLAG)
            : TimeTravelWindow.fromEnvironment();
    Map<String, List<String>> z = zOrder.isEmpty() ? TableLayout.Z_ORDER : parseZOrder(zOrder);
    Progress progress = Progress.toStderr("maintain");
    WarehouseMaintenance.Result result =
        new WarehouseMaintenance(spark.openWarehouse("encours maintain"), progress)
            .window(window)
            .dryRun(dryRun)
            .allowShorterWindow(shortenWindow)
            .tables(tables)
            .zOrder(z)
            .execute();
    spec.commandLine().getOut().println(result.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }

  static Map<String, List<String>> parseZOrder(List<String> specs) {
    Map<String, List<String>> z = new LinkedHashMap<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw EncoursErrors.badArgument(
            "--z-order", s, "TABLE=COLUMN[,COLUMN], e.g. invoices=customer_id");
      }
      z.put(
          s.substring(0, eq).trim(),
          Arrays.stream(s.substring(eq + 1).split(",")).map(String::trim).toList());
    }
    return z;
  }
}
