package org.encours.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a small export in the canonical CSV layout, line by line, in a temporary folder: {@code
 * new CanonicalCsv().customer("C1,Acme,FR,...").invoice("...").write()}.
 */
public final class CanonicalCsv {
  public static final String CUSTOMERS_HEADER =
      "customer_id,name,country,sector,size_band,created_date,credit_limit,insured_limit,payment_terms_days";
  public static final String INVOICES_HEADER =
      "invoice_id,customer_id,issue_date,due_date,amount,currency,doc_type,channel,disputed,dispute_date,terms_code";
  public static final String PAYMENTS_HEADER = "payment_id,invoice_id,payment_date,amount";
  public static final String DUNNING_HEADER =
      "event_id,invoice_id,customer_id,event_date,stage,channel,outcome";

  private final List<String> customers = new ArrayList<>();
  private final List<String> invoices = new ArrayList<>();
  private final List<String> payments = new ArrayList<>();
  private final List<String> dunning = new ArrayList<>();

  public CanonicalCsv customer(String line) {
    customers.add(line);
    return this;
  }

  public CanonicalCsv invoice(String line) {
    invoices.add(line);
    return this;
  }

  public CanonicalCsv payment(String line) {
    payments.add(line);
    return this;
  }

  public CanonicalCsv dunning(String line) {
    dunning.add(line);
    return this;
  }

  /** Writes the files that have lines (plus customers, invoices and payments, possibly empty). */
  public Path write() {
    Path dir = SharedSpark.tempDir("export");
    try {
      write(dir.resolve("customers.csv"), CUSTOMERS_HEADER, customers);
      write(dir.resolve("invoices.csv"), INVOICES_HEADER, invoices);
      write(dir.resolve("payments.csv"), PAYMENTS_HEADER, payments);
      if (!dunning.isEmpty()) {
        write(dir.resolve("dunning_events.csv"), DUNNING_HEADER, dunning);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private static void write(Path file, String header, List<String> lines) throws IOException {
    List<String> all = new ArrayList<>();
    all.add(header);
    all.addAll(lines);
    Files.write(file, all, StandardCharsets.UTF_8);
  }
}
