package org.encours.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.encours.samples.LedgerSink.CustomerRow;
import org.encours.samples.LedgerSink.InvoiceRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The behaviour a model should be able to learn, measured on a ledger of 6,000 invoices (300
 * customers) with the hidden archetypes. Thresholds are wide: they check the direction and rough
 * size of each effect, not exact rates.
 */
class ArchetypeSignalTest {
  static final GenerationSettings SETTINGS = GenerationSettings.defaults().withInvoices(6_000);
  static final LocalDate END = SETTINGS.end();
  static InMemoryLedger ledger;

  @BeforeAll
  static void generate() {
    ledger = InMemoryLedger.generate(new LedgerGenerator(SETTINGS));
  }

  /** Invoices settled by the as-of date, for which lateness is known. */
  static List<InvoiceRow> settled(InMemoryLedger l, Predicate<CustomerRow> customers) {
    return l.invoicesOnly().stream()
        .filter(i -> customers.test(l.customerOf(i)))
        .filter(i -> l.settlementDate(i) != null)
        .toList();
  }

  static long daysLate(InMemoryLedger l, InvoiceRow i) {
    return ChronoUnit.DAYS.between(i.dueDate(), l.settlementDate(i));
  }

  static double shareLate(InMemoryLedger l, List<InvoiceRow> invoices, int moreThanDays) {
    return invoices.stream().filter(i -> daysLate(l, i) > moreThanDays).count()
        / (double) invoices.size();
  }

  static Predicate<CustomerRow> archetype(Archetype a) {
    return c -> c.archetype() == a;
  }

  @Test
  void defaultersNeverPayOnOrAfterTheirStopDate() {
    List<CustomerRow> stopped =
        ledger.customers.stream()
            .filter(c -> c.archetype() == Archetype.DEFAULTER && c.stopDate().isBefore(END))
            .toList();
    assertThat(stopped).isNotEmpty();
    long unpaidAfterStop = 0;
    for (InvoiceRow i : ledger.invoicesOnly()) {
      CustomerRow c = ledger.customerOf(i);
      if (!stopped.contains(c)) {
        continue;
      }
      ledger.paymentsOf(i).forEach(p -> assertThat(p.paymentDate()).isBefore(c.stopDate()));
      if (!i.issueDate().isBefore(c.stopDate())) {
        assertThat(ledger.paymentsOf(i)).as("invoice issued after the stop date").isEmpty();
        unpaidAfterStop++;
      }
    }
    assertThat(unpaidAfterStop).isPositive();
  }

  @Test
  void promptPayersMostlyPayByTheDueDate() {
    List<InvoiceRow> prompt = settled(ledger, archetype(Archetype.PROMPT));
    assertThat(shareLate(ledger, prompt, 0)).isLessThan(0.25);
    assertThat(shareLate(ledger, settled(ledger, archetype(Archetype.SLOW)), 0))
        .isGreaterThan(0.80);
  }

  @Test
  void riskierSectorsPayLaterThanSaferOnes() {
    Set<Sector> risky = Set.of(Sector.CONSTRUCTION, Sector.HOSPITALITY);
    Set<Sector> safe = Set.of(Sector.IT_SERVICES, Sector.HEALTHCARE, Sector.BUSINESS_SERVICES);
    double riskyLate = shareLate(ledger, settled(ledger, c -> risky.contains(c.sector())), 0);
    double safeLate = shareLate(ledger, settled(ledger, c -> safe.contains(c.sector())), 0);
    assertThat(riskyLate).isGreaterThan(safeLate + 0.15);
  }

  @Test
  void microFirmsPayLaterThanLargeOnes() {
    double micro = shareLate(ledger, settled(ledger, c -> c.sizeBand() == SizeBand.MICRO), 15);
    double large = shareLate(ledger, settled(ledger, c -> c.sizeBand() == SizeBand.LARGE), 15);
    assertThat(micro).isGreaterThan(large + 0.10);
  }

  @Test
  void deterioratingPayersGetLaterOverTime() {
    List<InvoiceRow> invoices = settled(ledger, archetype(Archetype.DETERIORATING));
    LocalDate middle = SETTINGS.start().plusMonths(SETTINGS.months() / 2);
    double early =
        invoices.stream()
            .filter(i -> i.issueDate().isBefore(middle))
            .mapToLong(i -> daysLate(ledger, i))
            .average()
            .orElseThrow();
    double late =
        invoices.stream()
            .filter(i -> !i.issueDate().isBefore(middle))
            .mapToLong(i -> daysLate(ledger, i))
            .average()
            .orElseThrow();
    assertThat(late).isGreaterThan(early + 5);
  }

  @Test
  void seasonalPayersSlipInAugustAndDecember() {
    List<InvoiceRow> invoices = settled(ledger, archetype(Archetype.SEASONAL));
    Predicate<InvoiceRow> slack =
        i -> {
          int m = i.dueDate().getMonthValue();
          return m == 7 || m == 8 || m == 11 || m == 12;
        };
    double slackLate = shareLate(ledger, invoices.stream().filter(slack).toList(), 10);
    double otherLate = shareLate(ledger, invoices.stream().filter(slack.negate()).toList(), 10);
    assertThat(slackLate).isGreaterThan(otherLate + 0.2);
  }

  @Test
  void disputersDisputeFarMoreOften() {
    double disputers = disputedShare(archetype(Archetype.DISPUTER));
    double prompt = disputedShare(archetype(Archetype.PROMPT));
    assertThat(disputers).isGreaterThan(5 * prompt);
    assertThat(ledger.events)
        .anySatisfy(
            e -> assertThat(e.outcome()).isEqualTo(DunningStage.DunningOutcome.DISPUTE_RAISED));
  }

  private double disputedShare(Predicate<CustomerRow> customers) {
    List<InvoiceRow> invoices =
        ledger.invoicesOnly().stream().filter(i -> customers.test(ledger.customerOf(i))).toList();
    return invoices.stream().filter(InvoiceRow::disputed).count() / (double) invoices.size();
  }

  @Test
  void theArchetypeMixDependsOnAttributes() {
    // More risky archetypes among construction micro firms than among large IT firms, over many
    // customer draws (profiles only, no invoices).
    int startDay = (int) SETTINGS.start().toEpochDay();
    int endDay = (int) END.toEpochDay();
    int riskyPrompt = 0, riskyAll = 0, safePrompt = 0, safeAll = 0;
    for (int i = 0; i < 40_000; i++) {
      CustomerProfile p = CustomerProfile.draw(7, i, startDay, endDay);
      if (p.sector() == Sector.CONSTRUCTION && p.sizeBand() == SizeBand.MICRO) {
        riskyAll++;
        riskyPrompt += p.archetype() == Archetype.PROMPT ? 1 : 0;
      } else if (p.sector() == Sector.IT_SERVICES && p.sizeBand() == SizeBand.LARGE) {
        safeAll++;
        safePrompt += p.archetype() == Archetype.PROMPT ? 1 : 0;
      }
    }
    assertThat(safePrompt / (double) safeAll).isGreaterThan(riskyPrompt / (double) riskyAll + 0.3);
  }

  @Test
  void remindersBringPaymentsForward() {
    InMemoryLedger ignored =
        InMemoryLedger.generate(new LedgerGenerator(SETTINGS).withoutDunningResponse());
    Predicate<CustomerRow> responsive = c -> c.archetype() != Archetype.DEFAULTER;
    double withResponse = shareLate(ledger, settled(ledger, responsive), 20);
    double withoutResponse = shareLate(ignored, settled(ignored, responsive), 20);
    assertThat(withResponse).isLessThan(withoutResponse - 0.05);
  }

  @Test
  void manyRemindedInvoicesArePaidWithinDaysOfAReminder() {
    // Among invoices that received a first reminder and were settled, the share settled within 8
    // days of it is far above what the natural spread of payment dates gives without reminders.
    double with = paidSoonAfterFirstReminder(ledger);
    InMemoryLedger ignored =
        InMemoryLedger.generate(new LedgerGenerator(SETTINGS).withoutDunningResponse());
    double without = paidSoonAfterFirstReminder(ignored);
    assertThat(with).isGreaterThan(without + 0.08);
  }

  private static double paidSoonAfterFirstReminder(InMemoryLedger l) {
    var invoiceByNo = new java.util.HashMap<Long, InvoiceRow>();
    l.invoices.forEach(i -> invoiceByNo.put(i.invoiceNo(), i));
    long reminded = 0;
    long soon = 0;
    for (var e : l.events) {
      if (e.stage() != DunningStage.REMINDER_1) {
        continue;
      }
      LocalDate settled = l.settlementDate(invoiceByNo.get(e.invoiceNo()));
      if (settled == null) {
        continue;
      }
      reminded++;
      soon += ChronoUnit.DAYS.between(e.eventDate(), settled) <= 8 ? 1 : 0;
    }
    return soon / (double) reminded;
  }

  @Test
  void defaultersIgnoreReminders() {
    // Each customer has its own random stream, so a defaulter's history can be compared with the
    // same ledger generated with reminders that change nothing: it is the same, payment for
    // payment.
    InMemoryLedger ignored =
        InMemoryLedger.generate(new LedgerGenerator(SETTINGS).withoutDunningResponse());
    var defaulterPayments = defaulterPayments(ledger);
    var sameWithoutResponse = defaulterPayments(ignored);
    assertThat(defaulterPayments).isNotEmpty().isEqualTo(sameWithoutResponse);
    assertThat(
            ledger.events.stream()
                .filter(
                    e ->
                        ledger.customerByNo.get(e.customerNo()).archetype() == Archetype.DEFAULTER))
        .isNotEmpty()
        .noneMatch(e -> e.outcome() == DunningStage.DunningOutcome.DISPUTE_RAISED);
  }

  /** "customer issue-date payment-date cents" for every payment of a defaulter's invoice. */
  private static List<String> defaulterPayments(InMemoryLedger l) {
    var invoiceByNo = new java.util.HashMap<Long, InvoiceRow>();
    l.invoices.forEach(i -> invoiceByNo.put(i.invoiceNo(), i));
    return l.payments.stream()
        .map(p -> java.util.Map.entry(invoiceByNo.get(p.invoiceNo()), p))
        .filter(e -> l.customerOf(e.getKey()).archetype() == Archetype.DEFAULTER)
        .map(
            e ->
                e.getKey().customerNo()
                    + " "
                    + e.getKey().issueDate()
                    + " "
                    + e.getValue().paymentDate()
                    + " "
                    + e.getValue().amountCents())
        .toList();
  }
}
