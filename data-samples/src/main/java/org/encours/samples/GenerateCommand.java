package org.encours.samples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.stream.Stream;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encours generate}: writes a seeded, realistic sample ledger in the canonical CSV layout.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a seeded, realistic receivables ledger (customers.csv, invoices.csv, payments.csv,"
          + " dunning_events.csv and generation.json) in the canonical CSV layout.",
      "Exactly N invoices (doc_type invoice) are written; credit notes come on top (about 5 %%)."
          + " Customers: round(N / 20), sharing the invoices by size band (micro ~0.45x, small"
          + " ~0.85x, medium ~1.6x, large ~3.2x the mean of 20).",
      "The same seed and arguments give byte-identical files. Nothing is dated after --end."
    },
    footer = {
      "",
      "Example: encours generate --invoices 1000000 --out var/generated/1m",
      "Memory stays flat (customers are written one by one): 10M invoices run in -Xmx128m.",
      ""
    })
public final class GenerateCommand implements EncoursCommand {

  @Option(
      names = "--invoices",
      paramLabel = "N",
      description = "Invoices to write, 1000..20000000 (default: ${DEFAULT-VALUE}).")
  long invoices = GenerationSettings.DEFAULT_INVOICES;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = GenerationSettings.DEFAULT_SEED;

  @Option(
      names = "--end",
      paramLabel = "DATE",
      description = "As-of date of the ledger, yyyy-MM-dd (default: ${DEFAULT-VALUE}).")
  String end = GenerationSettings.DEFAULT_END.toString();

  @Option(
      names = "--months",
      paramLabel = "M",
      description = "Months of history up to --end, 1..120 (default: ${DEFAULT-VALUE}).")
  int months = GenerationSettings.DEFAULT_MONTHS;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}); must be empty or new.")
  Path out = Path.of("var", "generated");

  @Option(names = "--force", description = "Overwrite the files of a non-empty output folder.")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    GenerationSettings settings = new GenerationSettings(invoices, seed, parseEnd(end), months);
    checkOutputFolder(out, force);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    long started = System.nanoTime();
    GenerationResult r =
        new LedgerGenerator(settings).writeCsv(out, new ProgressReport(err, started));
    double seconds = (System.nanoTime() - started) / 1e9;
    stdout.println(summary(r, out, seconds));
    stdout.flush();
    return 0;
  }

  static LocalDate parseEnd(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw EncoursErrors.badArgument("--end", value, "an ISO date such as 2026-10-31");
    }
  }

  static void checkOutputFolder(Path folder, boolean force) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    if (!Files.isDirectory(folder)) {
      throw EncoursErrors.badArgument(
          "--out", folder.toString(), "a folder, but a file of that name exists");
    }
    if (!force) {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw EncoursErrors.badArgument(
              "--out",
              folder.toString(),
              "an empty or new folder; this one is not empty (add --force to overwrite its"
                  + " generated files, or choose another --out)");
        }
      }
    }
  }

  static String summary(GenerationResult r, Path folder, double seconds) {
    return "Generated "
        + r.invoices()
        + " invoices, "
        + r.creditNotes()
        + " credit notes, "
        + r.customers()
        + " customers, "
        + r.payments()
        + " payments, "
        + r.dunningEvents()
        + " dunning events in "
        + folder
        + " ("
        + String.format(
            Locale.ROOT,
            "%.1f s, %,.0f invoices/s",
            seconds,
            r.invoices() / Math.max(seconds, 1e-9))
        + ", as of "
        + r.settings().end()
        + ", seed "
        + r.settings().seed()
        + ")";
  }

  /** Prints a line to stderr at each 10 % step of long runs, and at least every 5 seconds. */
  static final class ProgressReport implements LedgerGenerator.ProgressListener {
    private static final long LONG_RUN = 500_000;
    private static final long EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter err;
    private final long started;
    private long lastPrinted;
    private long nextStep;

    ProgressReport(PrintWriter err, long started) {
      this.err = err;
      this.started = started;
      this.lastPrinted = started;
    }

    @Override
    public void invoicesWritten(long written, long target) {
      if (nextStep == 0) {
        nextStep = target >= LONG_RUN ? target / 10 : Long.MAX_VALUE;
      }
      long now = System.nanoTime();
      if (written >= nextStep || now - lastPrinted >= EVERY_NANOS) {
        if (written >= nextStep) {
          nextStep += target / 10;
        }
        if (written >= target) {
          return; // the summary follows
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        err.println(
            "generate: "
                + written
                + " / "
                + target
                + " invoices ("
                + (100 * written / target)
                + " %), "
                + (long) (written / Math.max(seconds, 1e-9))
                + " invoices/s");
        err.flush();
      }
    }
  }
}
