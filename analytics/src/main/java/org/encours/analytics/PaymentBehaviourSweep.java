package org.encours.analytics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Definitions (also in docs/metrics.md): an invoice (doc_type invoice, positive amount) is paid
 * at the first date its allocations reach its amount; days late = max(0, paid date - due date), so
 * an invoice paid on its due date is not late; quantiles are nearest-rank (the smallest value whose
 * cumulative count, or amount, reaches p of the total), so they are whole days. Settlement is
 * decided at the end of each day, from the day's total allocations (the order of a day's
 * allocations does not matter), and a day's settlements are ranked by invoice id for "the last five
 * settled".
 */
final class PaymentBehaviourSweep implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** How many of the latest settled invoices the last-five features look at. */
  static final int LAST_SETTLED = 5;

  /**
   * The date whose points also emit the customer's state ({@link CustomerState#encode}); null:
   * none.
   */
  private final LocalDate keepStateAt;

  PaymentBehaviourSweep() {
    this(null);
  }

  PaymentBehaviourSweep(LocalDate keepStateAt) {
    this.keepStateAt = keepStateAt;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new SweepIterator(input, keepStateAt);
  }

  private static final class SweepIterator implements Iterator<Row> {
    private final Iterator<Row> input;
    private final LocalDate keepStateAt;
    private String customer;
    private CustomerState state;
    private Row next;

    SweepIterator(Iterator<Row> input, LocalDate keepStateAt) {
      this.input = input;
      this.keepStateAt = keepStateAt;
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
        if (event.getInt(2) == PaymentBehaviourFeatures.STATE) {
          if (state.touched) {
            throw new IllegalStateException(
                "customer "
                    + c
                    + ": a carried state must come before any of its events and points");
          }
          state = CustomerState.decode(c, (byte[]) event.get(PaymentBehaviourFeatures.STATE_FIELD));
          continue;
        }
        next = state.apply(event, keepStateAt);
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
      this(id, amount, issue, due, "invoice".equals(docType) && amount.signum() > 0);
    }

    InvoiceState(String id, BigDecimal amount, LocalDate issue, LocalDate due, boolean payable) {
      this.id = id;
      this.amount = amount;
      this.issue = issue;
      this.due = due;
      this.payable = payable;
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

    /**
     * Delay (settled - due, days) of the last five settled invoices, in a ring (only counted, so
     * its order does not matter).
     */
    private final int[] lastFiveDelays = new int[LAST_SETTLED];

    /** Invoices allocated on {@link #allocatedOn}, by id: settled, or not, when that day ends. */
    private final TreeMap<String, InvoiceState> allocatedToday = new TreeMap<>();

    private LocalDate allocatedOn;

    /** Whether an event or a point was applied (a carried state can only start a stream). */
    private boolean touched;

    CustomerState(String customerId) {
      this.customerId = customerId;
    }

    private static LocalDate date(Row r, int i) {
      return r.isNullAt(i) ? null : MetricUdfs.toLocalDate(r.get(i));
    }

    /**
     * Applies one event; returns a feature row for a point (with the state too on {@code
     * keepStateAt}), else null.
     */
    Row apply(Row e, LocalDate keepStateAt) {
      touched = true;
      LocalDate when = date(e, 1);
      int kind = e.getInt(2);
      if (allocatedOn != null
          && (kind == PaymentBehaviourFeatures.POINT || !when.equals(allocatedOn))) {
        endOfDay(); // a day's points come after its events: they see the day's settlements
      }
      String invoiceId = e.isNullAt(3) ? null : e.getString(3);
      switch (kind) {
        case PaymentBehaviourFeatures.ISSUE ->
            issue(invoiceId, e.getDecimal(4), date(e, 5), date(e, 6), e.getString(7));
        case PaymentBehaviourFeatures.ALLOCATION -> allocate(invoiceId, e.getDecimal(4), when);
        case PaymentBehaviourFeatures.DISPUTE -> {
          InvoiceState inv = invoices.get(invoiceId);
          if (inv == null) {
            // Only after a carried state, which keeps the open invoices only: a closed invoice is
            // disputed now (an invoice has one dispute date, and a changed one replays the
            // customer).
            disputed++;
          } else if (!inv.disputed) {
            inv.disputed = true;
            disputed++;
          }
        }
        case PaymentBehaviourFeatures.DUNNING -> {
          String stage = e.isNullAt(8) ? null : e.getString(8);
          int rank =
              stage == null
                  ? 0
                  : PaymentBehaviourFeatures.DUNNING_STAGE_RANK.getOrDefault(stage, 0);
          if (rank > maxStage) {
            maxStage = rank;
            maxStageName = stage;
          }
        }
        case PaymentBehaviourFeatures.POINT -> {
          return features(when, keepStateAt);
        }
        default -> throw new IllegalStateException("unknown event kind " + kind);
      }
      return null;
    }

    private void issue(
        String id, BigDecimal amount, LocalDate issue, LocalDate due, String docType) {
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

    /**
     * Settles, in invoice id order, the invoices whose allocations of the day reached their amount.
     */
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
      cumulativeLate.add(
          (cumulativeLate.isEmpty() ? 0 : cumulativeLate.get(cumulativeLate.size() - 1))
              + (daysLate > 0 ? 1 : 0));
      lastFiveDelays[(paid - 1) % LAST_SETTLED] = delay;
    }

    /**
     * How many of the last five settled invoices were paid more than {@code days} days after their
     * due date.
     */
    private int lastFiveLateBeyond(int days) {
      int n = Math.min(paid, LAST_SETTLED);
      int count = 0;
      for (int k = 0; k < n; k++) {
        count += lastFiveDelays[k] > days ? 1 : 0;
      }
      return count;
    }

    /** Index of the first settlement dated after {@code start} (the size when there is none). */
    private int firstSettledAfter(LocalDate start) {
      int from = Collections.binarySearch(settleDates, start.plusDays(1));
      if (from < 0) {
        return -from - 1;
      }
      while (from > 0 && settleDates.get(from - 1).equals(settleDates.get(from))) {
        from--;
      }
      return from;
    }

    /** Settlements dated after {@code start}: {count, late count}. */
    private int[] settledAfter(LocalDate start) {
      int n = settleDates.size();
      int from = firstSettledAfter(start);
      int count = n - from;
      int lateCount =
          count == 0
              ? 0
              : cumulativeLate.get(n - 1) - (from == 0 ? 0 : cumulativeLate.get(from - 1));
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

    /**
     * The point's row; with {@code keepStateAt}, two more columns: the state and the open invoice
     * ids on that date, else nulls.
     */
    private Row features(LocalDate asOf, LocalDate keepStateAt) {
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
      Object[] values = {
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
        priorInvoices == 0 ? null : priorAmount
      };
      if (keepStateAt == null) {
        return RowFactory.create(values);
      }
      Object[] withCarry = Arrays.copyOf(values, values.length + 2);
      if (asOf.equals(keepStateAt)) {
        withCarry[values.length] = encode(asOf);
        withCarry[values.length + 1] = open.keySet().toArray(new String[0]);
      }
      return RowFactory.create(withCarry);
    }

    /** Version of the {@link #encode} layout; a state of another version is not read. */
    static final int FORMAT = 1;

    /**
     * The state after the events of {@code asOf}, for a walk that goes on from there: the counters
     * and histograms, the open invoices (only they can still change; an allocation to a closed
     * invoice makes the caller walk the customer's whole history again), and the settlements of the
     * last 12 months before {@code asOf} (older ones leave every later 3- and 12-month window).
     */
    byte[] encode(LocalDate asOf) {
      if (!allocatedToday.isEmpty()) {
        throw new IllegalStateException(
            "state of " + customerId + " taken before the end of " + allocatedOn);
      }
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(FORMAT);
        out.writeInt(invoicesIssued);
        out.writeInt(creditNotesIssued);
        out.writeInt(paid);
        out.writeInt(late);
        out.writeLong(sumDaysLate);
        out.writeLong(sumDaysToPay);
        out.writeInt(maxDaysLate);
        writeMoney(out, paidAmount);
        writeMoney(out, amountDaysLate);
        writeMoney(out, amountDelay);
        out.writeInt(countByDaysLate.size());
        for (Map.Entry<Integer, Integer> e : countByDaysLate.entrySet()) {
          out.writeInt(e.getKey());
          out.writeInt(e.getValue());
        }
        out.writeInt(amountByDaysLate.size());
        for (Map.Entry<Integer, BigDecimal> e : amountByDaysLate.entrySet()) {
          out.writeInt(e.getKey());
          writeMoney(out, e.getValue());
        }
        int from = firstSettledAfter(asOf.minusMonths(12));
        out.writeInt(settleDates.size() - from);
        for (int k = from; k < settleDates.size(); k++) {
          int before = k == 0 ? 0 : cumulativeLate.get(k - 1);
          out.writeLong(settleDates.get(k).toEpochDay());
          out.writeBoolean(cumulativeLate.get(k) > before);
        }
        out.writeInt(disputed);
        out.writeInt(maxStage);
        writeNullable(out, maxStageName);
        out.writeLong(lastPayment == null ? Long.MIN_VALUE : lastPayment.toEpochDay());
        out.writeInt(withPayments);
        out.writeInt(partial);
        out.writeInt(priorInvoices);
        writeMoney(out, priorAmount);
        for (int d : lastFiveDelays) {
          out.writeInt(d);
        }
        out.writeInt(open.size());
        for (InvoiceState inv : open.values()) {
          out.writeUTF(inv.id);
          writeMoney(out, inv.amount);
          out.writeLong(inv.issue.toEpochDay());
          out.writeLong(inv.due.toEpochDay());
          out.writeBoolean(inv.payable);
          writeMoney(out, inv.paid);
          out.writeInt(inv.allocations);
          out.writeBoolean(inv.settled);
          out.writeBoolean(inv.disputed);
        }
        out.flush();
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The state {@link #encode} wrote, to go on walking the customer's later events. */
    static CustomerState decode(String customerId, byte[] encoded) {
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        int format = in.readInt();
        if (format != FORMAT) {
          throw new IllegalStateException(
              "customer "
                  + customerId
                  + ": carried state of format "
                  + format
                  + ", expected "
                  + FORMAT);
        }
        CustomerState s = new CustomerState(customerId);
        s.invoicesIssued = in.readInt();
        s.creditNotesIssued = in.readInt();
        s.paid = in.readInt();
        s.late = in.readInt();
        s.sumDaysLate = in.readLong();
        s.sumDaysToPay = in.readLong();
        s.maxDaysLate = in.readInt();
        s.paidAmount = readMoney(in);
        s.amountDaysLate = readMoney(in);
        s.amountDelay = readMoney(in);
        for (int n = in.readInt(), k = 0; k < n; k++) {
          s.countByDaysLate.put(in.readInt(), in.readInt());
        }
        for (int n = in.readInt(), k = 0; k < n; k++) {
          s.amountByDaysLate.put(in.readInt(), readMoney(in));
        }
        int lateSoFar = 0;
        for (int n = in.readInt(), k = 0; k < n; k++) {
          s.settleDates.add(LocalDate.ofEpochDay(in.readLong()));
          lateSoFar += in.readBoolean() ? 1 : 0;
          s.cumulativeLate.add(lateSoFar);
        }
        s.disputed = in.readInt();
        s.maxStage = in.readInt();
        s.maxStageName = readNullable(in);
        long lastPaymentDay = in.readLong();
        s.lastPayment =
            lastPaymentDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(lastPaymentDay);
        s.withPayments = in.readInt();
        s.partial = in.readInt();
        s.priorInvoices = in.readInt();
        s.priorAmount = readMoney(in);
        for (int k = 0; k < LAST_SETTLED; k++) {
          s.lastFiveDelays[k] = in.readInt();
        }
        for (int n = in.readInt(), k = 0; k < n; k++) {
          String id = in.readUTF();
          BigDecimal amount = readMoney(in);
          LocalDate issue = LocalDate.ofEpochDay(in.readLong());
          LocalDate due = LocalDate.ofEpochDay(in.readLong());
          boolean payable = in.readBoolean();
          InvoiceState inv = new InvoiceState(id, amount, issue, due, payable);
          inv.paid = readMoney(in);
          inv.allocations = in.readInt();
          inv.settled = in.readBoolean();
          inv.disputed = in.readBoolean();
          s.invoices.put(id, inv);
          s.open.put(id, inv);
        }
        return s;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void writeMoney(DataOutputStream out, BigDecimal v) throws IOException {
      byte[] unscaled = v.unscaledValue().toByteArray();
      out.writeInt(v.scale());
      out.writeShort(unscaled.length);
      out.write(unscaled);
    }

    private static BigDecimal readMoney(DataInputStream in) throws IOException {
      int scale = in.readInt();
      byte[] unscaled = new byte[in.readShort()];
      in.readFully(unscaled);
      return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void writeNullable(DataOutputStream out, String v) throws IOException {
      out.writeBoolean(v != null);
      if (v != null) {
        out.writeUTF(v);
      }
    }

    private static String readNullable(DataInputStream in) throws IOException {
      return in.readBoolean() ? in.readUTF() : null;
    }
  }
}
