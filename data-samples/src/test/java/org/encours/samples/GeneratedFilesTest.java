package org.encours.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specifications checked on the files of one small generated ledger (5,000 invoices). */
class GeneratedFilesTest {
  static final GenerationSettings SETTINGS = GenerationSettings.defaults().withInvoices(5_000);
  static final LocalDate END = SETTINGS.end();
  static final String[] FILES = {
    "customers.csv", "invoices.csv", "payments.csv", "dunning_events.csv", "generation.json"
  };

  @TempDir static Path tmp;
  static Path folder;
  static CsvTable customers;
  static CsvTable invoices;
  static CsvTable payments;
  static CsvTable events;
  static JsonNode manifest;
  static Map<String, Map<String, String>> invoiceById = new HashMap<>();
  static Map<String, List<Map<String, String>>> paymentsByInvoice = new HashMap<>();

  @BeforeAll
  static void generate() throws IOException {
    folder = tmp.resolve("ledger");
    new LedgerGenerator(SETTINGS).writeCsv(folder, null);
    customers = CsvTable.read(folder.resolve("customers.csv"));
    invoices = CsvTable.read(folder.resolve("invoices.csv"));
    payments = CsvTable.read(folder.resolve("payments.csv"));
    events = CsvTable.read(folder.resolve("dunning_events.csv"));
    manifest = new ObjectMapper().readTree(folder.resolve("generation.json").toFile());
    for (var i : invoices.rows) {
      invoiceById.put(i.get("invoice_id"), i);
    }
    for (var p : payments.rows) {
      paymentsByInvoice.computeIfAbsent(p.get("invoice_id"), k -> new ArrayList<>()).add(p);
    }
  }

  static long cents(String amount) {
    return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
  }

  static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  static boolean isInvoice(Map<String, String> row) {
    return row.get("doc_type").equals("invoice");
  }

  /** Date at which an invoice's allocations reach its amount, or null while open. */
  static LocalDate settlementDate(Map<String, String> invoice) {
    List<Map<String, String>> rows =
        new ArrayList<>(paymentsByInvoice.getOrDefault(invoice.get("invoice_id"), List.of()));
    rows.sort((a, b) -> a.get("payment_date").compareTo(b.get("payment_date")));
    long amount = cents(invoice.get("amount"));
    long paid = 0;
    for (var p : rows) {
      paid += cents(p.get("amount"));
      if (paid >= amount) {
        return date(p.get("payment_date"));
      }
    }
    return null;
  }

  @Test
  void filesHaveTheCanonicalHeaders() {
    assertThat(customers.header)
        .containsExactly(
            "customer_id",
            "name",
            "country",
            "sector",
            "size_band",
            "created_date",
            "credit_limit",
            "insured_limit",
            "payment_terms_days");
    assertThat(invoices.header)
        .containsExactly(
            "invoice_id",
            "customer_id",
            "issue_date",
            "due_date",
            "amount",
            "currency",
            "doc_type",
            "channel",
            "disputed",
            "dispute_date",
            "terms_code");
    assertThat(payments.header)
        .containsExactly("payment_id", "invoice_id", "payment_date", "amount");
    assertThat(events.header)
        .containsExactly(
            "event_id", "invoice_id", "customer_id", "event_date", "stage", "channel", "outcome");
  }

  @Test
  void writesExactlyTheRequestedInvoicesForRoundNOver20Customers() {
    assertThat(invoices.rows.stream().filter(GeneratedFilesTest::isInvoice)).hasSize(5_000);
    assertThat(customers.rows).hasSize(250); // 5000 / 20
    long creditNotes = invoices.rows.size() - 5_000L;
    assertThat(creditNotes).isPositive().isLessThan(500); // on top, a few percent
  }

  @Test
  void manifestCountsMatchTheFiles() {
    JsonNode counts = manifest.get("row_counts");
    assertThat(counts.get("customers").asLong()).isEqualTo(customers.rows.size());
    assertThat(counts.get("invoices_csv_rows").asLong()).isEqualTo(invoices.rows.size());
    assertThat(counts.get("payments").asLong()).isEqualTo(payments.rows.size());
    assertThat(counts.get("dunning_events").asLong()).isEqualTo(events.rows.size());
    assertThat(manifest.get("seed").asLong()).isEqualTo(42);
    assertThat(manifest.get("as_of_date").asText()).isEqualTo("2026-10-31");
    assertThat(manifest.get("start_date").asText()).isEqualTo("2023-11-01");
  }

  @Test
  void valuesFollowTheLayout() {
    for (var c : customers.rows) {
      assertThat(c.get("customer_id")).matches("C\\d{7}");
      assertThat(c.get("country")).isIn("FR", "BE", "DE", "ES", "IT", "NL", "GB");
      assertThat(c.get("size_band")).isIn("micro", "small", "medium", "large");
      assertThat(c.get("credit_limit")).matches("\\d+\\.\\d\\d");
      assertThat(c.get("insured_limit")).matches("(\\d+\\.\\d\\d)?");
      assertThat(c.get("payment_terms_days")).isIn("30", "45", "60");
      assertThat(date(c.get("created_date"))).isBeforeOrEqualTo(END);
    }
    for (var i : invoices.rows) {
      assertThat(i.get("invoice_id")).matches("INV\\d{8}");
      assertThat(i.get("amount")).matches("-?\\d+\\.\\d\\d");
      assertThat(i.get("currency")).isEqualTo("EUR");
      assertThat(i.get("doc_type")).isIn("invoice", "credit_note");
      assertThat(i.get("channel")).isIn("electronic", "paper");
      assertThat(i.get("disputed")).isIn("true", "false");
    }
    for (var p : payments.rows) {
      assertThat(p.get("payment_id")).matches("PAY\\d{8}");
      assertThat(p.get("amount")).matches("-?\\d+\\.\\d\\d");
    }
    for (var e : events.rows) {
      assertThat(e.get("event_id")).matches("DUN\\d{8}");
      assertThat(e.get("outcome")).isIn("promise_to_pay", "dispute_raised", "no_answer");
    }
    // names with commas and double quotes survive the round trip through RFC 4180 quoting
    assertThat(customers.rows).anySatisfy(c -> assertThat(c.get("name")).contains(", "));
    assertThat(customers.rows)
        .anySatisfy(c -> assertThat(c.get("name")).containsPattern(" \"[^\"]+\" "));
  }

  @Test
  void everyReferenceResolves() {
    Set<String> customerIds = new HashSet<>();
    customers.rows.forEach(c -> customerIds.add(c.get("customer_id")));
    assertThat(customerIds).hasSize(customers.rows.size());
    assertThat(invoiceById).hasSize(invoices.rows.size());
    for (var i : invoices.rows) {
      assertThat(customerIds).contains(i.get("customer_id"));
    }
    for (var p : payments.rows) {
      assertThat(invoiceById).containsKey(p.get("invoice_id"));
    }
    for (var e : events.rows) {
      assertThat(invoiceById).containsKey(e.get("invoice_id"));
      assertThat(invoiceById.get(e.get("invoice_id")).get("customer_id"))
          .isEqualTo(e.get("customer_id"));
    }
  }

  @Test
  void dueDatesFollowTheCustomersTerms() {
    Map<String, String> termsDays = new HashMap<>();
    customers.rows.forEach(c -> termsDays.put(c.get("customer_id"), c.get("payment_terms_days")));
    Map<String, String> codeOf = Map.of("30", "NET30", "45", "EOM45", "60", "NET60");
    for (var i : invoices.rows) {
      LocalDate issue = date(i.get("issue_date"));
      LocalDate due = date(i.get("due_date"));
      assertThat(due).isAfterOrEqualTo(issue);
      if (isInvoice(i)) {
        assertThat(i.get("terms_code")).isEqualTo(codeOf.get(termsDays.get(i.get("customer_id"))));
        assertThat(due).isEqualTo(PaymentTerms.byCode(i.get("terms_code")).dueDate(issue));
        if (i.get("terms_code").equals("EOM45")) {
          assertThat(due.getDayOfMonth()).isEqualTo(due.lengthOfMonth());
        }
      } else {
        assertThat(i.get("terms_code")).isEmpty();
        assertThat(due).isEqualTo(issue);
        assertThat(cents(i.get("amount"))).isNegative();
      }
    }
  }

  @Test
  void disputesAreDatedAfterIssue() {
    long disputed = 0;
    for (var i : invoices.rows) {
      if (i.get("disputed").equals("true")) {
        disputed++;
        assertThat(date(i.get("dispute_date"))).isAfter(date(i.get("issue_date")));
      } else {
        assertThat(i.get("dispute_date")).isEmpty();
      }
    }
    assertThat(disputed).isPositive();
  }

  @Test
  void nothingIsDatedAfterTheAsOfDate() {
    invoices.rows.forEach(i -> assertThat(date(i.get("issue_date"))).isBeforeOrEqualTo(END));
    invoices.rows.stream()
        .filter(i -> !i.get("dispute_date").isEmpty())
        .forEach(i -> assertThat(date(i.get("dispute_date"))).isBeforeOrEqualTo(END));
    payments.rows.forEach(p -> assertThat(date(p.get("payment_date"))).isBeforeOrEqualTo(END));
    events.rows.forEach(e -> assertThat(date(e.get("event_date"))).isBeforeOrEqualTo(END));
    // so the most recent invoices are still open
    assertThat(invoices.rows.stream().filter(i -> isInvoice(i) && settlementDate(i) == null))
        .isNotEmpty();
  }

  @Test
  void allocationsNeverExceedTheAmountExceptTheCountedOverPayments() {
    long overpaid = 0;
    for (var i : invoices.rows) {
      List<Map<String, String>> rows =
          paymentsByInvoice.getOrDefault(i.get("invoice_id"), List.of());
      long amount = cents(i.get("amount"));
      long total = rows.stream().mapToLong(p -> cents(p.get("amount"))).sum();
      if (isInvoice(i)) {
        rows.forEach(p -> assertThat(cents(p.get("amount"))).isPositive());
        if (total > amount) {
          overpaid++;
        }
      } else {
        rows.forEach(p -> assertThat(cents(p.get("amount"))).isNegative());
        assertThat(total).isIn(0L, amount); // a credit note is used whole or not yet
      }
      rows.forEach(
          p -> assertThat(p.get("payment_date")).isGreaterThanOrEqualTo(i.get("issue_date")));
    }
    assertThat(overpaid).isEqualTo(manifest.get("row_counts").get("overpaid_invoices").asLong());
    assertThat(overpaid).isLessThan(invoices.rows.size() / 100);
  }

  @Test
  void someInvoicesAreSettledInInstalments() {
    long instalments =
        invoices.rows.stream()
            .filter(GeneratedFilesTest::isInvoice)
            .filter(i -> paymentsByInvoice.getOrDefault(i.get("invoice_id"), List.of()).size() >= 2)
            .filter(i -> settlementDate(i) != null)
            .count();
    assertThat(instalments).isGreaterThan(50);
  }

  @Test
  void dunningFollowsTheLadderOnlyWhileTheInvoiceIsUnpaid() {
    Map<String, Integer> offset =
        Map.of("reminder_1", 5, "reminder_2", 15, "registered_letter", 30, "formal_notice", 45);
    Map<String, Set<String>> channels =
        Map.of(
            "reminder_1", Set.of("phone", "email"),
            "reminder_2", Set.of("email", "letter"),
            "registered_letter", Set.of("registered_letter"),
            "formal_notice", Set.of("registered_letter"));
    for (var e : events.rows) {
      var invoice = invoiceById.get(e.get("invoice_id"));
      assertThat(invoice.get("doc_type")).isEqualTo("invoice");
      LocalDate due = date(invoice.get("due_date"));
      LocalDate day = date(e.get("event_date"));
      assertThat(ChronoUnit.DAYS.between(due, day))
          .isEqualTo(offset.get(e.get("stage")).longValue());
      assertThat(channels.get(e.get("stage"))).contains(e.get("channel"));
      LocalDate settled = settlementDate(invoice);
      if (settled != null) {
        assertThat(day).isBefore(settled);
      }
    }
    assertThat(events.rows).extracting(e -> e.get("stage")).containsAll(offset.keySet());
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
    Path again = tmp.resolve("again");
    Path other = tmp.resolve("other");
    new LedgerGenerator(SETTINGS).writeCsv(again, null);
    new LedgerGenerator(SETTINGS.withSeed(43)).writeCsv(other, null);
    for (String file : FILES) {
      assertThat(Files.readAllBytes(again.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(folder.resolve(file)));
      assertThat(Files.readAllBytes(other.resolve(file)))
          .as(file)
          .isNotEqualTo(Files.readAllBytes(folder.resolve(file)));
    }
  }
}
