package org.encours.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.samples.GenerationSettings;
import org.encours.samples.LedgerGenerator;
import org.encours.warehouse.CanonicalTable;
import org.encours.warehouse.SparkOptions;
import org.encours.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encours demo}: the whole pipeline on the committed sample, on the embedded default. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Encours end to end on the committed demo sample (data-samples/demo; generated",
      "with the default seed when absent): ingests it into the warehouse and prints what was",
      "loaded and where."
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
    Path sample = data != null ? data : home().resolve("data-samples/demo");
    if (!Files.isRegularFile(sample.resolve("invoices.csv"))) {
      if (data != null) {
        throw EncoursErrors.missingFile("Demo sample (invoices.csv)", sample);
      }
      sample = home().resolve("var/demo-sample");
      progress.step("The committed sample is absent: generating one into " + sample);
      try {
        new LedgerGenerator(GenerationSettings.defaults()).writeCsv(sample, null);
      } catch (java.io.IOException e) {
        throw new org.encours.core.UserFacingException("Cannot write the demo sample to " + sample + ": " + e.getMessage(), e);
      }
    }
    Warehouse warehouse = spark.openWarehouse("encours demo");
    progress.step("Ingesting the demo sample " + sample + " into " + warehouse.root());
    IngestResult result = new IngestJob(warehouse, progress).run(sample.toString(), MappingLoader.load("canonical-csv"));
    System.out.println(result.summary());
    System.out.println("Tables in " + Path.of(warehouse.root()).toAbsolutePath() + ":");
    for (CanonicalTable table : CanonicalTable.values()) {
      if (warehouse.exists(table)) {
        System.out.println(String.format(Locale.ROOT, "  %-16s %,10d rows  (version %d)", table.tableName(),
            warehouse.read(table).count(), warehouse.version(table.tableName())));
      }
    }
    System.out.println("Demo finished in " + progress.elapsedText() + ".");
    return 0;
  }

  /** The checkout the launcher runs from (set by ./encours), else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("encours.home", "."));
  }
}
