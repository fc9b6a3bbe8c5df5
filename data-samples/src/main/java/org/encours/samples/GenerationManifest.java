package org.encours.samples;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code generation.json}: the provenance of a generated folder (generator, seed, arguments,
 * history window, as-of date, row counts, archetype mix). It holds no timestamp or timing, so that
 * the same arguments give the same bytes; the command that reproduces the folder is spelled out in
 * it.
 */
final class GenerationManifest {
  static final String FILE_NAME = "generation.json";
  static final int FORMAT_VERSION = 1;

  private GenerationManifest() {}

  static Map<String, Object> content(GenerationResult r) {
    GenerationSettings s = r.settings();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "encours generate");
    m.put("format_version", FORMAT_VERSION);
    m.put("command", command(s));
    m.put("seed", s.seed());
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("invoices", s.invoices());
    args.put("seed", s.seed());
    args.put("end", s.end().toString());
    args.put("months", s.months());
    m.put("arguments", args);
    m.put("start_date", s.start().toString());
    m.put("end_date", s.end().toString());
    m.put("as_of_date", s.end().toString());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("customers", r.customers());
    counts.put("invoices", r.invoices());
    counts.put("credit_notes", r.creditNotes());
    counts.put("invoices_csv_rows", r.invoiceRows());
    counts.put("payments", r.payments());
    counts.put("dunning_events", r.dunningEvents());
    counts.put("overpaid_invoices", r.overpaidInvoices());
    m.put("row_counts", counts);
    Map<String, Object> mix = new LinkedHashMap<>();
    r.archetypes().forEach((a, n) -> mix.put(a.code(), n));
    m.put("archetypes_hidden", mix);
    Map<String, Object> conventions = new LinkedHashMap<>();
    conventions.put("currency", "EUR");
    conventions.put("EOM45", "invoice date + 45 days, then the last day of that month");
    conventions.put(
        "dunning_ladder",
        "reminder_1 J+5, reminder_2 J+15, registered_letter J+30, formal_notice J+45");
    conventions.put(
        "allocations",
        "positive on invoices and summing to the amount when fully paid; negative on credit notes");
    m.put("conventions", conventions);
    return m;
  }

  static String command(GenerationSettings s) {
    return "encours generate --invoices "
        + s.invoices()
        + " --seed "
        + s.seed()
        + " --end "
        + s.end()
        + " --months "
        + s.months();
  }

  static void write(Path file, GenerationResult result) throws IOException {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    String json = new ObjectMapper().writer(printer).writeValueAsString(content(result)) + "\n";
    Files.writeString(file, json);
  }
}
