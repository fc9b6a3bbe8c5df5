package org.encours.ingest;

import org.encours.core.cli.EncoursCommand;
import org.encours.core.cli.Progress;
import org.encours.ingest.mapping.IngestMapping;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.warehouse.SparkOptions;
import org.encours.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encours ingest}: loads an export into the canonical Delta tables. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads an ERP export (CSV, Parquet or JSON lines) into the canonical Delta tables.",
      "Every row is checked; a rejected record goes to the 'quarantine' table with all its reasons,",
      "the rest is upserted on its business key (re-ingesting the same file changes nothing), and",
      "the run is recorded in 'ingest_batches' (read = accepted + quarantined is checked).",
      "A batch that would quarantine more than --max-quarantine of a source's records is refused",
      "with its likely cause, and nothing is written to the canonical tables."
    },
    footer = {
      "",
      "Examples:",
      "  encours ingest --source data-samples/demo --mapping canonical-csv",
      "  encours ingest --source ../shared/data/ibm-accounts-receivable --mapping ibm-accounts-receivable",
      "  encours ingest --source exports/2026-10 --mapping my-erp.yaml --warehouse s3a://bucket/encours",
      "",
      "Mappings: docs/mapping.md. Built-in: canonical-csv, ibm-accounts-receivable."
    })
public final class IngestCommand implements EncoursCommand {
  @Mixin SparkOptions spark;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "FILE_OR_DIR",
      description =
          "The export: one file (one-source mapping) or a folder holding each source's files.")
  String source;

  @Option(
      names = "--mapping",
      required = true,
      paramLabel = "MAPPING",
      description =
          "A mapping file (YAML) or a built-in mapping name: canonical-csv, ibm-accounts-receivable.")
  String mapping;

  @Option(
      names = "--max-quarantine",
      paramLabel = "PERCENT",
      defaultValue = "5",
      description = {
        "Refuse the batch, writing nothing to the canonical tables, when more than PERCENT % of",
        "the records of a source would be quarantined (default: ${DEFAULT-VALUE}; 100 accepts any share)."
      })
  double maxQuarantine;

  @Override
  public Integer call() {
    IngestMapping loaded = MappingLoader.load(mapping); // fails before Spark starts
    IngestJob.checkMaxQuarantine(maxQuarantine);
    Progress progress = Progress.toStderr("ingest");
    Warehouse warehouse = spark.openWarehouse("encours ingest");
    progress.step("Warehouse: " + warehouse.root());
    IngestResult result =
        new IngestJob(warehouse, progress).withMaxQuarantine(maxQuarantine).run(source, loaded);
    System.out.println(result.summary() + " in " + progress.elapsedText());
    return 0;
  }
}
