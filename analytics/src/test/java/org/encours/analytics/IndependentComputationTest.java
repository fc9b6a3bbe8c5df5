package org.encours.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The jobs agree with the independent plain-Java computation ({@link ReferenceLedger}) on the
 * public IBM sample and on a seeded random ledger with partial payments, credit notes,
 * over-payments, prepayments, open items, disputes and dunning.
 */
class IndependentComputationTest {
  static final String IBM = "data/ibm-accounts-receivable/WA_Fn-UseC_-Accounts-Receivable.csv";

  static Path sharedDir() {
    return Path.of(System.getProperty("encours.shared.dir", "../../shared"));
  }

  /**
   * The IBM file as a canonical ledger, parsed in plain Java: invoiceNumber, customerID,
   * InvoiceDate, DueDate, InvoiceAmount; one payment of the whole amount on SettledDate;
   * countryCode as country. Disputed invoices carry the flag without a date, as the file and the
   * built-in mapping have them.
   */
  static Ledger ibmLedger(Path csv) throws IOException {
    DateTimeFormatter mdy = DateTimeFormatter.ofPattern("M/d/yyyy");
    Ledger l = new Ledger();
    java.util.Set<String> customers = new java.util.TreeSet<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String customer = f[1];
      if (customers.add(customer)) {
        l.customer(customer, f[0], null, null, null);
      }
      LocalDate issue = LocalDate.parse(f[4], mdy);
      LocalDate due = LocalDate.parse(f[5], mdy);
      l.invoice(f[3], customer, issue.toString(), due.toString(), f[6]);
      if (f[7].equals("Yes")) {
        l.disputed(f[3], null);
      }
      l.payment("P" + f[3], f[3], LocalDate.parse(f[8], mdy).toString(), f[6]);
    }
    return l;
  }

  @Test
  void onTheIbmSampleTheJobsAgreeWithTheIndependentComputation() throws IOException {
    Path csv = sharedDir().resolve(IBM);
    if (!Files.exists(csv)) {
      System.out.println(
          "SKIPPED on_the_ibm_sample...: "
              + csv.toAbsolutePath()
              + " not found (../shared absent)");
      Assumptions.abort("IBM sample not found at " + csv.toAbsolutePath());
    }
    Ledger ledger = ibmLedger(csv);
    assertThat(ledger.invoices).hasSize(2466);
    IndependentCheck check = new IndependentCheck(ledger);
    int aging = 0;
    for (String d : List.of("2012-06-30", "2013-02-28", "2013-12-31")) {
      aging += check.aging(LocalDate.parse(d));
    }
    int kpis =
        check.kpis(
            YearMonth.parse("2012-01"),
            YearMonth.parse("2013-12"),
            ReceivablesKpis.Options.defaults());
    Dataset<Row> points = PaymentBehaviourFeatures.pointsBeforeEachInvoice(ledger.invoicesDf());
    int behaviour = check.behaviour(points);
    assertThat(aging).isGreaterThan(100);
    // every customer from its first invoice month, 5 countries, unknown sector and size, portfolio
    assertThat(kpis).isGreaterThan(100 * 20 + 8 * 24);
    assertThat(behaviour).isGreaterThan(2000);
  }

  /**
   * A seeded random ledger: 30 customers (3 not in the customers table), 400 documents over
   * 2023-2024.
   */
  static Ledger randomLedger(long seed) {
    Random rnd = new Random(seed);
    Ledger l = new Ledger();
    String[] countries = {"FR", "DE", "IT"};
    String[] sectors = {"retail", "industry", null};
    String[] sizes = {"small", "medium", "large"};
    for (int c = 0; c < 30; c++) {
      if (c < 27) {
        l.customer(
            "C" + c,
            countries[rnd.nextInt(3)],
            sectors[rnd.nextInt(3)],
            sizes[rnd.nextInt(3)],
            rnd.nextBoolean() ? "20000" : null);
      }
    }
    LocalDate start = LocalDate.parse("2023-01-01");
    String[] stages = {
      "reminder_1", "reminder_2", "registered_letter", "formal_notice", "phone_call"
    };
    int p = 0;
    for (int i = 0; i < 400; i++) {
      // large customers: the first three get a third of the documents (skew)
      String customer = "C" + (rnd.nextInt(3) == 0 ? rnd.nextInt(3) : rnd.nextInt(30));
      LocalDate issue = start.plusDays(rnd.nextInt(730));
      String id = "I" + i;
      BigDecimal amount = BigDecimal.valueOf(1000 + rnd.nextInt(500000), 2);
      if (rnd.nextInt(10) == 0) {
        l.creditNote(id, customer, issue.toString(), amount.negate().toString());
        if (rnd.nextBoolean()) {
          l.payment(
              "P" + p++,
              id,
              issue.plusDays(rnd.nextInt(90)).toString(),
              amount.negate().toString());
        }
        continue;
      }
      LocalDate due = issue.plusDays(rnd.nextBoolean() ? 30 : 45 + rnd.nextInt(16));
      l.invoice(id, customer, issue.toString(), due.toString(), amount.toString());
      int kind = rnd.nextInt(20);
      if (kind < 11) { // paid in one go, early, on time or late
        l.payment("P" + p++, id, due.plusDays(rnd.nextInt(81) - 20).toString(), amount.toString());
      } else if (kind < 15) { // partial, sometimes completed
        BigDecimal first =
            amount
                .multiply(BigDecimal.valueOf(rnd.nextInt(80) + 10))
                .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN);
        LocalDate d1 = due.plusDays(rnd.nextInt(40) - 10);
        l.payment("P" + p++, id, d1.toString(), first.toString());
        if (rnd.nextBoolean()) {
          l.payment(
              "P" + p++,
              id,
              d1.plusDays(1 + rnd.nextInt(60)).toString(),
              amount.subtract(first).toString());
        }
      } else if (kind < 16) { // over-paid
        l.payment(
            "P" + p++,
            id,
            due.plusDays(rnd.nextInt(30)).toString(),
            amount.add(BigDecimal.valueOf(rnd.nextInt(5000), 2)).toString());
      } else if (kind < 17) { // prepaid before its issue date
        l.payment(
            "P" + p++, id, issue.minusDays(1 + rnd.nextInt(20)).toString(), amount.toString());
      } // else never paid: open
      if (rnd.nextInt(8) == 0) {
        l.disputed(id, rnd.nextInt(5) == 0 ? null : issue.plusDays(rnd.nextInt(60)).toString());
      }
      if (rnd.nextInt(4) == 0) {
        l.dunning(
            "D" + i,
            id,
            customer,
            due.plusDays(5 + rnd.nextInt(40)).toString(),
            stages[rnd.nextInt(stages.length)]);
      }
    }
    l.payment("P" + p, "UNKNOWN", "2024-03-01", "12.34");
    return l;
  }

  @Test
  void onARandomLedgerTheJobsAgreeWithTheIndependentComputation() {
    Ledger ledger = randomLedger(20240229L);
    IndependentCheck check = new IndependentCheck(ledger);
    for (String d : List.of("2023-03-31", "2024-02-29", "2024-12-31", "2025-06-30")) {
      check.aging(LocalDate.parse(d));
    }
    int kpis =
        check.kpis(
            YearMonth.parse("2023-01"),
            YearMonth.parse("2025-03"),
            ReceivablesKpis.Options.defaults());
    assertThat(kpis).isGreaterThan(27 * 30);
    check.kpis(
        YearMonth.parse("2024-01"), YearMonth.parse("2024-06"), new ReceivablesKpis.Options(6, 1));
    Dataset<Row> points =
        PaymentBehaviourFeatures.pointsBeforeEachInvoice(ledger.invoicesDf())
            .union(
                PaymentBehaviourFeatures.pointsAt(
                    ledger.customersDf(), ledger.invoicesDf(), LocalDate.parse("2024-06-30")))
            .union(
                PaymentBehaviourFeatures.pointsAt(
                    ledger.customersDf(), ledger.invoicesDf(), LocalDate.parse("2025-12-31")));
    assertThat(check.behaviour(points)).isGreaterThan(400);
  }

  /**
   * What `encours generate` writes (archetypes, partial payments, credit notes settled by negative
   * allocations, over-payments, disputes, dunning), captured in memory from the generator itself.
   */
  static Ledger generatedLedger(long invoices, long seed) throws java.io.IOException {
    Ledger l = new Ledger();
    org.encours.samples.LedgerSink sink =
        new org.encours.samples.LedgerSink() {
          @Override
          public void customer(CustomerRow r) {
            l.customer(
                customerId(r.customerNo()),
                r.country(),
                r.sector().code(),
                r.sizeBand().code(),
                cents(r.creditLimitCents()));
          }

          @Override
          public void invoice(InvoiceRow r) {
            l.document(
                "I" + r.invoiceNo(),
                customerId(r.customerNo()),
                r.issueDate().toString(),
                r.dueDate().toString(),
                cents(r.amountCents()),
                r.docType());
            if (r.disputed()) {
              l.disputed(
                  "I" + r.invoiceNo(), r.disputeDate() == null ? null : r.disputeDate().toString());
            }
          }

          @Override
          public void payment(PaymentRow r) {
            l.payment(
                "P" + r.paymentNo(),
                "I" + r.invoiceNo(),
                r.paymentDate().toString(),
                cents(r.amountCents()));
          }

          @Override
          public void dunningEvent(DunningEventRow r) {
            l.dunning(
                "D" + r.eventNo(),
                "I" + r.invoiceNo(),
                customerId(r.customerNo()),
                r.eventDate().toString(),
                r.stage().code());
          }
        };
    new org.encours.samples.LedgerGenerator(
            org.encours.samples.GenerationSettings.defaults().withInvoices(invoices).withSeed(seed))
        .generate(sink, null);
    return l;
  }

  private static String customerId(long no) {
    return "C" + no;
  }

  private static String cents(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  @Test
  void onAGeneratedLedgerTheJobsAgreeWithTheIndependentComputation() throws java.io.IOException {
    Ledger ledger = generatedLedger(1500, 11);
    IndependentCheck check = new IndependentCheck(ledger);
    for (String d : List.of("2024-02-29", "2025-12-31", "2026-10-31")) {
      check.aging(LocalDate.parse(d));
    }
    assertThat(
            check.kpis(
                YearMonth.parse("2024-01"),
                YearMonth.parse("2026-10"),
                ReceivablesKpis.Options.defaults()))
        .isGreaterThan(75 * 12);
    Dataset<Row> points =
        PaymentBehaviourFeatures.pointsBeforeEachInvoice(ledger.invoicesDf())
            .union(
                PaymentBehaviourFeatures.pointsAt(
                    ledger.customersDf(), ledger.invoicesDf(), LocalDate.parse("2026-10-31")));
    assertThat(check.behaviour(points)).isGreaterThan(1500);
  }
}
