package org.encours.samples;

import java.io.IOException;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.encours.samples.DunningStage.DunningChannel;
import org.encours.samples.DunningStage.DunningOutcome;
import org.encours.samples.LedgerSink.CustomerRow;
import org.encours.samples.LedgerSink.DunningEventRow;
import org.encours.samples.LedgerSink.InvoiceRow;
import org.encours.samples.LedgerSink.PaymentRow;

/**
 * Simulates one customer's history and sends its rows to the sink as soon as they are known.
 *
 * <p>The life of an invoice, in order:
 *
 * <ol>
 *   <li><b>Issue</b>: the customer's invoices are spread evenly over its window (one per stratum,
 *       jittered); the amount is log-normal around the customer's typical amount; the channel is
 *       electronic or paper (paper more common for small firms and early in the history).
 *   <li><b>Natural payment date</b>: due date + the archetype's lateness (plus sector, size and
 *       country shifts, a penalty for paper and for amounts above the customer's usual, and the
 *       August / December slip of seasonal payers).
 *   <li><b>Dispute on receipt</b> (archetype rate x sector factor): dated 3 to 27 days after issue;
 *       payment waits until 15 to 60 days after it.
 *   <li><b>Defaulter cut-off</b>: a defaulter's invoice whose payment would fall on or after its
 *       stop date is never paid (sometimes an instalment is paid before the stop date).
 *   <li><b>Dunning</b>: at each stage of the ladder (J+5, J+15, J+30, J+45 after the due date) that
 *       is reached while the invoice is still unpaid, not disputed and not after the as-of date, a
 *       reminder is sent. With the archetype's probability for that stage the customer pays within
 *       1 to 8 days ({@code promise_to_pay}, or {@code no_answer} with the payment simply
 *       arriving), so each reminder pulls the payment date in; disputers may answer with {@code
 *       dispute_raised} instead, which suspends dunning and delays payment. Otherwise {@code
 *       no_answer} (or a promise that is not kept). Defaulters ignore reminders.
 *   <li><b>Dispute resolution</b>: 45 % of disputes end with a credit note (10-100 % of the amount)
 *       issued 7 to 41 days after the dispute; payment follows it. About 1.2 % of undisputed
 *       invoices also get a credit note (returns, price corrections).
 *   <li><b>Allocations</b>: a credit note issued before the payment is deducted from it (the
 *       invoice gets its full amount, the credit note its negative amount, same date); one issued
 *       after is refunded later. Otherwise the invoice is paid in one go or, at the archetype's
 *       rate, in 2 or 3 instalments ending on the payment date. 0.4 % of paid invoices are
 *       over-paid (a duplicate payment, or a few euros too much).
 * </ol>
 *
 * Rows dated after the as-of date are not emitted, which leaves recent invoices open.
 */
final class CustomerHistory {
  private static final int NONE = Integer.MIN_VALUE;
  private static final String EUR = "EUR";
  private static final DunningStage[] LADDER = DunningStage.values();

  private final LedgerSink sink;
  private final Sequences ids;
  private final int endDay;
  private final int historyStartDay;
  private final boolean dunningResponse;

  // Per customer.
  private CustomerProfile p;
  private SplittableRandom rng;
  private long customerNo;
  private double medianCents;

  // Per invoice, set by the steps above.
  private int pay;
  private boolean neverPaid;
  private int disputeDay;

  CustomerHistory(
      LedgerSink sink, Sequences ids, int historyStartDay, int endDay, boolean dunningResponse) {
    this.sink = sink;
    this.ids = ids;
    this.historyStartDay = historyStartDay;
    this.endDay = endDay;
    this.dunningResponse = dunningResponse;
  }

  /** Emits the customer and its {@code invoiceCount} invoices with everything that follows them. */
  void generate(CustomerProfile profile, int invoiceCount, long seed) throws IOException {
    this.p = profile;
    this.rng = Draws.rng(seed, profile.index(), Draws.HISTORY_STREAM);
    this.customerNo = profile.index() + 1L;
    this.medianCents = profile.medianAmountEuros() * 100.0;
    emitCustomer(invoiceCount);
    int a = p.windowStart();
    int span = p.windowEnd() - a + 1;
    for (int j = 0; j < invoiceCount; j++) {
      int issue = a + (int) ((j + rng.nextDouble()) * span / invoiceCount);
      invoice(issue);
    }
  }

  private void emitCustomer(int invoiceCount) throws IOException {
    // Credit limit: 1.5 to 3 months of the customer's expected purchases, in whole thousands.
    double activeMonths = Math.max(1.0, (p.windowEnd() - p.windowStart() + 1) / 30.4);
    double monthlySales = invoiceCount * p.medianAmountEuros() * 1.25 / activeMonths;
    long limitEuros =
        Math.max(1, (long) Math.ceil(monthlySales * (1.5 + 1.5 * rng.nextDouble()) / 1000)) * 1000;
    double risk = p.sector().risk * p.sizeBand().risk * p.country().risk;
    Long insuredCents = null;
    if (rng.nextDouble() < Math.max(0.2, 0.85 - 0.25 * risk)) {
      // The insurer covers 40 to 100 % of the limit, in steps of 500 euros.
      long insured =
          Math.max(500, (long) (limitEuros * (0.4 + 0.6 * rng.nextDouble()) / 500) * 500);
      insuredCents = insured * 100;
    }
    sink.customer(
        new CustomerRow(
            customerNo,
            p.name(),
            p.country().name(),
            p.sector(),
            p.sizeBand(),
            LocalDate.ofEpochDay(p.createdDay()),
            limitEuros * 100,
            insuredCents,
            p.terms(),
            p.archetype(),
            p.stopDay() == CustomerProfile.NEVER ? null : LocalDate.ofEpochDay(p.stopDay())));
    ids.customers++;
    ids.archetypes[p.archetype().ordinal()]++;
  }

  private void invoice(int issue) throws IOException {
    long invoiceNo = ids.nextInvoice++;
    int due = p.terms().dueDay(issue);
    long amount = Math.max(1000, Draws.round(medianCents * Draws.lognormal(rng, 0.6)));
    double historyProgress = (issue - historyStartDay) / (double) (endDay - historyStartDay + 1);
    boolean electronic =
        rng.nextDouble() < Math.min(0.98, p.sizeBand().electronicShare + 0.15 * historyProgress);

    pay = Math.max(issue, due + naturalDelay(issue, amount, electronic));
    if (p.archetype() == Archetype.SEASONAL && slackMonth(pay)) {
      pay += 15 + rng.nextInt(31);
    } else if (p.country() == Country.FR && month(pay) == 8) {
      pay += rng.nextInt(8);
    }

    disputeDay = NONE;
    if (rng.nextDouble() < p.archetype().disputeRate * p.sector().disputeFactor) {
      disputeDay = issue + 3 + rng.nextInt(25);
      pay = Math.max(pay, disputeDay + 15 + rng.nextInt(46));
    }
    neverPaid = pay >= p.stopDay();

    dunning(invoiceNo, due);

    // Credit notes: after 45 % of disputes, and on 1.2 % of other invoices.
    int creditDay = NONE;
    long creditAmount = 0;
    if (disputeDay != NONE) {
      if (rng.nextDouble() < 0.45) {
        creditDay = disputeDay + 7 + rng.nextInt(35);
        creditAmount = -Draws.round(amount * (0.1 + 0.9 * rng.nextDouble()));
        pay = Math.max(pay, creditDay + rng.nextInt(16));
        neverPaid = pay >= p.stopDay();
      }
    } else if (rng.nextDouble() < 0.012) {
      creditDay = issue + 5 + rng.nextInt(40);
      creditAmount = -Draws.round(amount * (0.05 + 0.35 * rng.nextDouble()));
    }

    boolean disputedAsOfEnd = disputeDay != NONE && disputeDay <= endDay;
    sink.invoice(
        new InvoiceRow(
            invoiceNo,
            customerNo,
            LocalDate.ofEpochDay(issue),
            LocalDate.ofEpochDay(due),
            amount,
            EUR,
            false,
            electronic,
            disputedAsOfEnd,
            disputedAsOfEnd ? LocalDate.ofEpochDay(disputeDay) : null,
            p.terms(),
            0));
    ids.invoices++;

    long creditNo = 0;
    if (creditDay != NONE && creditDay <= endDay) {
      creditNo = ids.nextInvoice++;
      LocalDate d = LocalDate.ofEpochDay(creditDay);
      sink.invoice(
          new InvoiceRow(
              creditNo,
              customerNo,
              d,
              d,
              creditAmount,
              EUR,
              true,
              electronic,
              false,
              null,
              null,
              invoiceNo));
      ids.creditNotes++;
    }

    allocate(invoiceNo, issue, amount, creditNo, creditDay, creditAmount);
  }

  /** Days between the due date and the natural payment date (negative: paid early). */
  private int naturalDelay(int issue, long amount, boolean electronic) {
    double shift = p.delayShiftDays();
    double amountEffect = Math.max(-3, Math.min(6, 2 * StrictMath.log(amount / medianCents)));
    double paper = electronic ? 0 : 1 + rng.nextInt(4);
    double days;
    switch (p.archetype()) {
      case PROMPT -> {
        double u = rng.nextDouble();
        double lateShare = 0.10 + 0.008 * Math.max(0, shift);
        if (u < 0.30) {
          days = -1 - rng.nextInt(10);
        } else if (u < 1 - lateShare) {
          days = -rng.nextInt(3);
        } else {
          days = 1 + rng.nextInt(10) + 0.5 * Math.max(0, shift);
        }
      }
      case SLOW ->
          days = (p.slowMeanDays() + shift) * Draws.lognormal(rng, 0.45) + amountEffect + paper;
      case DETERIORATING -> {
        double progress = (issue - p.windowStart()) / (double) (endDay - p.windowStart() + 1);
        days =
            (2 + 0.5 * shift + p.growthDays() * progress) * Draws.lognormal(rng, 0.4)
                + 3 * Draws.gaussian(rng)
                + amountEffect
                + paper;
      }
      case SEASONAL -> days = 2 + 0.5 * shift + 4 * Draws.gaussian(rng) + paper;
      case DISPUTER -> days = (6 + shift) * Draws.lognormal(rng, 0.6) + amountEffect + paper;
      case DEFAULTER -> {
        double closeness = Math.max(0, Math.min(1, 1 - (p.stopDay() - issue) / 240.0));
        days = (8 + shift + 45 * closeness) * Draws.lognormal(rng, 0.5) + amountEffect + paper;
      }
      default -> throw new IllegalStateException(p.archetype().name());
    }
    return (int) Draws.round(days);
  }

  /** Walks the reminder ladder; may move {@link #pay} earlier (promises) or later (disputes). */
  private void dunning(long invoiceNo, int due) throws IOException {
    Archetype archetype = p.archetype();
    for (DunningStage stage : LADDER) {
      int day = due + stage.daysAfterDue();
      if (day > endDay || (!neverPaid && pay <= day) || (disputeDay != NONE && disputeDay <= day)) {
        return;
      }
      DunningChannel channel = stage.drawChannel(rng);
      double u = rng.nextDouble();
      int promisedDay = day + 1 + rng.nextInt(8);
      double respond = neverPaid || !dunningResponse ? 0 : archetype.payAfterReminder(stage);
      double disputes = stage.ordinal() <= 1 ? archetype.disputeOnReminder : 0;
      DunningOutcome outcome;
      if (u < respond) {
        outcome = rng.nextDouble() < 0.8 ? DunningOutcome.PROMISE_TO_PAY : DunningOutcome.NO_ANSWER;
        pay = Math.min(pay, promisedDay);
      } else if (u < respond + disputes) {
        outcome = DunningOutcome.DISPUTE_RAISED;
        disputeDay = day;
        pay = Math.max(pay, day + 20 + rng.nextInt(41));
        neverPaid = pay >= p.stopDay();
      } else if (u < respond + disputes + archetype.brokenPromiseShare) {
        outcome = DunningOutcome.PROMISE_TO_PAY; // not kept
      } else {
        outcome = DunningOutcome.NO_ANSWER;
      }
      sink.dunningEvent(
          new DunningEventRow(
              ids.nextEvent++,
              invoiceNo,
              customerNo,
              LocalDate.ofEpochDay(day),
              stage,
              channel,
              outcome));
      ids.dunningEvents++;
    }
  }

  private void allocate(
      long invoiceNo, int issue, long amount, long creditNo, int creditDay, long creditAmount)
      throws IOException {
    if (neverPaid) {
      // A defaulter sometimes pays part before it stops; the credit note, if any, stays open.
      if (rng.nextDouble() < 0.3) {
        int d = issue + 10 + rng.nextInt(41);
        if (d < p.stopDay()) {
          payment(invoiceNo, d, Draws.round(amount * (0.2 + 0.4 * rng.nextDouble())), false);
        }
      }
      return;
    }
    if (creditNo != 0) {
      if (creditDay <= pay) {
        payment(invoiceNo, pay, amount, false);
        payment(creditNo, pay, creditAmount, false);
      } else {
        payment(invoiceNo, pay, amount, false);
        payment(creditNo, creditDay + 5 + rng.nextInt(26), creditAmount, false);
      }
      return;
    }
    if (rng.nextDouble() < p.archetype().partialShare) {
      instalments(invoiceNo, issue, amount);
    } else if (rng.nextDouble() < 0.004) {
      if (rng.nextBoolean()) {
        payment(invoiceNo, pay, amount, false);
        payment(invoiceNo, pay + 1 + rng.nextInt(20), amount, true); // paid twice
      } else {
        payment(invoiceNo, pay, amount + 100 + 100L * rng.nextInt(50), true);
      }
    } else {
      payment(invoiceNo, pay, amount, false);
    }
  }

  /** 2 or 3 instalments, the last on the payment date, 1 to 4 weeks apart, never before issue. */
  private void instalments(long invoiceNo, int issue, long amount) throws IOException {
    int n = 2 + rng.nextInt(2);
    long first = Draws.round(amount * (0.2 + 0.3 * rng.nextDouble()));
    long second = n == 3 ? Draws.round(amount * (0.2 + 0.2 * rng.nextDouble())) : 0;
    int gap1 = 7 + rng.nextInt(22);
    int gap2 = 7 + rng.nextInt(22);
    int secondDay = Math.max(issue, pay - gap2);
    int firstDay = Math.max(issue, (n == 3 ? secondDay : pay) - gap1);
    payment(invoiceNo, firstDay, first, false);
    if (n == 3) {
      payment(invoiceNo, secondDay, second, false);
    }
    payment(invoiceNo, pay, amount - first - second, false);
  }

  private void payment(long invoiceNo, int day, long cents, boolean overpayment)
      throws IOException {
    if (day > endDay) {
      return;
    }
    sink.payment(
        new PaymentRow(
            ids.nextPayment++, invoiceNo, LocalDate.ofEpochDay(day), cents, overpayment));
    ids.payments++;
    if (overpayment) {
      ids.overpaidInvoices++;
    }
  }

  private static boolean slackMonth(int day) {
    int m = month(day);
    return m == 8 || m == 12;
  }

  private static int month(int day) {
    return LocalDate.ofEpochDay(day).getMonthValue();
  }

  /** Id counters and row counts, shared by all customers of one run. */
  static final class Sequences {
    long nextInvoice = 1;
    long nextPayment = 1;
    long nextEvent = 1;
    long customers;
    long invoices;
    long creditNotes;
    long payments;
    long dunningEvents;
    long overpaidInvoices;
    final long[] archetypes = new long[Archetype.values().length];
  }
}
