package org.encours.analytics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Walks each customer's date-sorted event stream once (see {@link PaymentBehaviourFeatures}) and
 * emits one feature row per point. Runs on the executors: a named class with no captured state.
 *
 * <p>Definitions (also in docs/metrics.md): an invoice (doc_type invoice, positive amount) is paid at
 * the first date its allocations reach its amount; days late = max(0, paid date - due date), so an
 * invoice paid on its due date is not late; quantiles are nearest-rank (the smallest value whose
 * cumulative count, or amount, reaches p of the total), so they are whole days. Settlement is
 * decided at the end of each day, from the day's total allocations (the order of a day's allocations
 * does not matter), and a day's settlements are ranked by invoice id for "the last five settled".
 */
final class PaymentBehaviourSweep implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** How many of the latest settled invoices the last-five features look at. */
  static final int LAST_SETTLED = 5;

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new SweepIterator(input);
  }

  private static final class SweepIterator implements Iterator<Row> {
    private final Iterator<Row> input;
    private String customer;
    private CustomerState state;
    private Row next;

    SweepIterator(Iterator<Row> input) {
      this.input = input;
    }

    @Override
    public boolean hasNext() {
      while (next == null && input.hasNext()) {
        Row event = input.next();
        String c = event.getString(0);
        if (!c.equals(customer)) {
          customer = c;
          state = new CustomerState(c);
        }
        next = state.apply(event);
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }

  private static final class InvoiceState {
    final String id;
    final BigDecimal amount;
    final LocalDate issue;
    final LocalDate due;
    final boolean payable;
    BigDecimal paid = BigDecimal.ZERO;
    int allocations;
    boolean settled;
    boolean disputed;

    InvoiceState(String id, BigDecimal amount, LocalDate issue, LocalDate due, String docType) {
      this.id = id;
      this.amount = amount;
      this.issue = issue;
      this.due = due;
      this.payable = "invoice".equals(docType) && amount.signum() > 0;
    }

    BigDecimal open() {
      return amount.subtract(paid);
    }

    boolean partial() {
      return allocations >= 2 || (allocations == 1 && open().signum() != 0);
    }
  }

  /** Running state of one customer. */
  static final class CustomerState {
    private final String customerId;
    private final Map<String, InvoiceState> invoices = new HashMap<>();
    private final Map<String, InvoiceState> open = new LinkedHashMap<>();
    private int invoicesIssued;
    private int creditNotesIssued;
    private int paid;
    private int late;
    private long sumDaysLate;
    private long sumDaysToPay;
    private int maxDaysLate = -1;
    private BigDecimal paidAmount = BigDecimal.ZERO;
    private BigDecimal amountDaysLate = BigDecimal.ZERO;
    private BigDecimal amountDelay = BigDecimal.ZERO;
    private final TreeMap<Integer, Integer> countByDaysLate = new TreeMap<>();
    private final TreeMap<Integer, BigDecimal> amountByDaysLate = new TreeMap<>();
    private final List<LocalDate> settleDates = new ArrayList<>();
    private final List<Integer> cumulativeLate = new ArrayList<>();
    private int disputed;
    private int maxStage;
    private String maxStageName;
    private LocalDate lastPayment;
    private int withPayments;
    private int partial;
    /** Payable invoices issued so far, and their total amount. */
    private int priorInvoices;
    private BigDecimal priorAmount = BigDecimal.ZERO;
    /** Delay (settled - due, days) of the last five settled invoices, in a ring (only counted, so its order does not matter). */
    private final int[] lastFiveDelays = new int[LAST_SETTLED];
    /** Invoices allocated on {@link #allocatedOn}, by id: settled, or not, when that day ends. */
    private final TreeMap<String, InvoiceState> allocatedToday = new TreeMap<>();
    private LocalDate allocatedOn;

    CustomerState(String customerId) {
      this.customerId = customerId;
    }

    private static LocalDate date(Row r, int i) {
      return r.isNullAt(i) ? null : MetricUdfs.toLocalDate(r.get(i));
    }

    /** Applies one event; returns a feature row for a point, else null. */
    Row apply(Row e) {
      LocalDate when = date(e, 1);
      int kind = e.getInt(2);
      if (allocatedOn != null && (kind == PaymentBehaviourFeatures.POINT || !when.equals(allocatedOn))) {
        endOfDay(); // a day's points come after its events: they see the day's settlements
      }
      String invoiceId = e.isNullAt(3) ? null : e.getString(3);
      switch (kind) {
        case PaymentBehaviourFeatures.ISSUE -> issue(invoiceId, e.getDecimal(4), date(e, 5), date(e, 6), e.getString(7));
        case PaymentBehaviourFeatures.ALLOCATION -> allocate(invoiceId, e.getDecimal(4), when);
        case PaymentBehaviourFeatures.DISPUTE -> {
          InvoiceState inv = invoices.get(invoiceId);
          if (inv != null && !inv.disputed) {
            inv.disputed = true;
            disputed++;
          }
        }
        case PaymentBehaviourFeatures.DUNNING -> {
          String stage = e.isNullAt(8) ? null : e.getString(8);
          int rank = stage == null ? 0 : PaymentBehaviourFeatures.DUNNING_STAGE_RANK.getOrDefault(stage, 0);
          if (rank > maxStage) {
            maxStage = rank;
            maxStageName = stage;
          }
        }
        case PaymentBehaviourFeatures.POINT -> {
          return features(when);
        }
        default -> throw new IllegalStateException("unknown event kind " + kind);
      }
      return null;
    }

    private void issue(String id, BigDecimal amount, LocalDate issue, LocalDate due, String docType) {
      InvoiceState inv = new InvoiceState(id, amount, issue, due, docType);
      invoices.put(id, inv);
      if (inv.payable) {
        priorInvoices++;
        priorAmount = priorAmount.add(amount);
      }
      if ("credit_note".equals(docType)) {
        creditNotesIssued++;
      } else {
        invoicesIssued++;
      }
      if (amount.signum() != 0) {
        open.put(id, inv);
      }
    }

    private void allocate(String id, BigDecimal amount, LocalDate when) {
      InvoiceState inv = invoices.get(id);
      if (inv == null) {
        return; // cannot happen: allocations take effect on or after the issue of a known invoice
      }
      boolean wasPartial = inv.partial();
      inv.paid = inv.paid.add(amount);
      inv.allocations++;
      if (inv.allocations == 1) {
        withPayments++;
      }
      partial += (inv.partial() ? 1 : 0) - (wasPartial ? 1 : 0);
      if (inv.open().signum() == 0) {
        open.remove(id);
      } else {
        open.put(id, inv);
      }
      lastPayment = when;
      if (inv.payable && !inv.settled) {
        allocatedToday.put(inv.id, inv);
        allocatedOn = when;
      }
    }

    /** Settles, in invoice id order, the invoices whose allocations of the day reached their amount. */
    private void endOfDay() {
      for (InvoiceState inv : allocatedToday.values()) {
        if (inv.paid.compareTo(inv.amount) >= 0) {
          settle(inv, allocatedOn);
        }
      }
      allocatedToday.clear();
      allocatedOn = null;
    }

    private void settle(InvoiceState inv, LocalDate when) {
      inv.settled = true;
      int delay = (int) ChronoUnit.DAYS.between(inv.due, when);
      int daysLate = Math.max(0, delay);
      paid++;
      if (daysLate > 0) {
        late++;
      }
      sumDaysLate += daysLate;
      maxDaysLate = Math.max(maxDaysLate, daysLate);
      sumDaysToPay += ChronoUnit.DAYS.between(inv.issue, when);
      paidAmount = paidAmount.add(inv.amount);
      amountDaysLate = amountDaysLate.add(inv.amount.multiply(BigDecimal.valueOf(daysLate)));
      amountDelay = amountDelay.add(inv.amount.multiply(BigDecimal.valueOf(delay)));
      countByDaysLate.merge(daysLate, 1, Integer::sum);
      amountByDaysLate.merge(daysLate, inv.amount, BigDecimal::add);
      settleDates.add(when);
      cumulativeLate.add(late);
      lastFiveDelays[(paid - 1) % LAST_SETTLED] = delay;
    }

    /** How many of the last five settled invoices were paid more than {@code days} days after their due date. */
    private int lastFiveLateBeyond(int days) {
      int n = Math.min(paid, LAST_SETTLED);
      int count = 0;
      for (int k = 0; k < n; k++) {
        count += lastFiveDelays[k] > days ? 1 : 0;
      }
      return count;
    }

    /** Settlements dated after {@code start}: {count, late count}. */
    private int[] settledAfter(LocalDate start) {
      int n = settleDates.size();
      int from = Collections.binarySearch(settleDates, start.plusDays(1));
      if (from < 0) {
        from = -from - 1;
      } else {
        while (from > 0 && settleDates.get(from - 1).equals(settleDates.get(from))) {
          from--;
        }
      }
      int count = n - from;
      int lateCount = count == 0 ? 0 : cumulativeLate.get(n - 1) - (from == 0 ? 0 : cumulativeLate.get(from - 1));
      return new int[] {count, lateCount};
    }

    private Integer quantileByCount(int percent) {
      if (paid == 0) {
        return null;
      }
      long rank = ((long) paid * percent + 99) / 100; // ceil(p x n), nearest rank, 1-based
      long cumulative = 0;
      for (Map.Entry<Integer, Integer> e : countByDaysLate.entrySet()) {
        cumulative += e.getValue();
        if (cumulative >= rank) {
          return e.getKey();
        }
      }
      return countByDaysLate.lastKey();
    }

    private Integer quantileByAmount(int percent) {
      if (paid == 0) {
        return null;
      }
      BigDecimal target = paidAmount.multiply(BigDecimal.valueOf(percent));
      BigDecimal cumulative = BigDecimal.ZERO;
      for (Map.Entry<Integer, BigDecimal> e : amountByDaysLate.entrySet()) {
        cumulative = cumulative.add(e.getValue());
        if (cumulative.multiply(BigDecimal.valueOf(100)).compareTo(target) >= 0) {
          return e.getKey();
        }
      }
      return amountByDaysLate.lastKey();
    }

    private static Double ratio(double num, double den) {
      return den == 0 ? null : num / den;
    }

    private Row features(LocalDate asOf) {
      BigDecimal exposure = BigDecimal.ZERO;
      BigDecimal overdue = BigDecimal.ZERO;
      BigDecimal credits = BigDecimal.ZERO;
      BigDecimal disputedOpen = BigDecimal.ZERO;
      BigDecimal openDaysBeyond = BigDecimal.ZERO;
      int openItems = 0;
      int overdueItems = 0;
      for (InvoiceState inv : open.values()) {
        BigDecimal o = inv.open();
        if (o.signum() > 0) {
          openItems++;
          exposure = exposure.add(o);
          long beyond = ChronoUnit.DAYS.between(inv.due, asOf);
          openDaysBeyond = openDaysBeyond.add(o.multiply(BigDecimal.valueOf(beyond)));
          if (beyond > 0) {
            overdueItems++;
            overdue = overdue.add(o);
          }
          if (inv.disputed) {
            disputedOpen = disputedOpen.add(o);
          }
        } else {
          credits = credits.add(o);
        }
      }
      int[] last3 = settledAfter(asOf.minusMonths(3));
      int[] last12 = settledAfter(asOf.minusMonths(12));
      Double share3 = last3[0] == 0 ? null : (double) last3[1] / last3[0];
      Double share12 = last12[0] == 0 ? null : (double) last12[1] / last12[0];
      return RowFactory.create(
          customerId,
          Date.valueOf(asOf),
          invoicesIssued,
          creditNotesIssued,
          paid,
          late,
          ratio(late, paid),
          ratio(sumDaysLate, paid),
          quantileByCount(50),
          quantileByCount(90),
          paid == 0 ? null : maxDaysLate,
          ratio(amountDaysLate.doubleValue(), paidAmount.doubleValue()),
          quantileByAmount(50),
          quantileByAmount(90),
          ratio(amountDelay.doubleValue(), paidAmount.doubleValue()),
          ratio(openDaysBeyond.doubleValue(), exposure.doubleValue()),
          last3[0],
          share3,
          last12[0],
          share12,
          share3 == null || share12 == null ? null : share3 - share12,
          ratio(sumDaysToPay, paid),
          openItems,
          exposure,
          overdueItems,
          overdue,
          credits,
          disputed,
          disputedOpen,
          maxStage,
          maxStageName,
          withPayments,
          ratio(partial, withPayments),
          lastPayment == null ? null : (int) ChronoUnit.DAYS.between(lastPayment, asOf),
          paid == 0 ? null : lastFiveLateBeyond(0),
          paid == 0 ? null : lastFiveLateBeyond(30),
          paid == 0 ? null : Math.min(paid, LAST_SETTLED),
          priorInvoices == 0 ? null : priorInvoices,
          priorInvoices == 0 ? null : priorAmount);
    }
  }
}
