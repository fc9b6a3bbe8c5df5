package org.encours.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The second, independent computation the tests compare the Spark jobs with: plain Java loops over
 * the raw ledger rows, one date at a time, written from the definitions in docs/metrics.md without
 * using any production class. Slow on purpose (quadratic), fine for a few thousand rows.
 */
final class ReferenceLedger {
  private final Ledger ledger;
  private final Map<String, List<Ledger.Payment>> paymentsByInvoice = new HashMap<>();
  private final Map<String, Ledger.Invoice> invoiceById = new HashMap<>();
  private final Map<String, Ledger.Customer> customerById = new HashMap<>();

  ReferenceLedger(Ledger ledger) {
    this.ledger = ledger;
    for (Ledger.Invoice v : ledger.invoices) {
      invoiceById.put(v.id(), v);
    }
    for (Ledger.Payment p : ledger.payments) {
      paymentsByInvoice.computeIfAbsent(p.invoiceId(), k -> new ArrayList<>()).add(p);
    }
    for (Ledger.Customer c : ledger.customers) {
      customerById.put(c.id(), c);
    }
  }

  /** The date an allocation counts from: never before its invoice's issue date. */
  LocalDate effective(Ledger.Payment p) {
    LocalDate issue = invoiceById.get(p.invoiceId()).issue();
    return p.date().isBefore(issue) ? issue : p.date();
  }

  BigDecimal paidAt(Ledger.Invoice v, LocalDate d) {
    BigDecimal paid = BigDecimal.ZERO.setScale(2);
    for (Ledger.Payment p : paymentsByInvoice.getOrDefault(v.id(), List.of())) {
      if (!effective(p).isAfter(d)) {
        paid = paid.add(p.amount());
      }
    }
    return paid;
  }

  /** Open amount at d, zero when not issued yet. */
  BigDecimal openAt(Ledger.Invoice v, LocalDate d) {
    return v.issue().isAfter(d) ? BigDecimal.ZERO.setScale(2) : v.amount().subtract(paidAt(v, d));
  }

  String segment(String customer, String level) {
    Ledger.Customer c = customerById.get(customer);
    String value =
        switch (level) {
          case "customer" -> customer;
          case "country" -> c == null ? null : c.country();
          case "sector" -> c == null ? null : c.sector();
          case "size_band" -> c == null ? null : c.sizeBand();
          default -> "all";
        };
    return value == null ? "unknown" : value;
  }

  Predicate<Ledger.Invoice> member(String level, String entity) {
    return v -> segment(v.customer(), level).equals(entity);
  }

  static final int[] BOUNDS = {30, 60, 90, 120};

  static String bucket(BigDecimal open, long daysPastDue) {
    if (open.signum() < 0) {
      return "credits";
    }
    if (daysPastDue <= 0) {
      return "not_due";
    }
    int lower = 1;
    for (int b : BOUNDS) {
      if (daysPastDue <= b) {
        return lower + "-" + b;
      }
      lower = b + 1;
    }
    return ">120";
  }

  /** Aging as of d: "level|entity|bucket" to {amount, count}. */
  Map<String, Object[]> aging(LocalDate d) {
    Map<String, Object[]> out = new LinkedHashMap<>();
    for (Ledger.Invoice v : ledger.invoices) {
      BigDecimal open = openAt(v, d);
      if (open.signum() == 0) {
        continue;
      }
      String b = bucket(open, ChronoUnit.DAYS.between(v.due(), d));
      for (String level : List.of("customer", "country", "sector", "size_band", "portfolio")) {
        Object[] acc =
            out.computeIfAbsent(
                level + "|" + segment(v.customer(), level) + "|" + b,
                k -> new Object[] {BigDecimal.ZERO.setScale(2), 0L});
        acc[0] = ((BigDecimal) acc[0]).add(open);
        acc[1] = (Long) acc[1] + 1;
      }
    }
    return out;
  }

  /** One month end of the KPI series for one entity. */
  record Kpi(
      BigDecimal sales,
      BigDecimal ar,
      BigDecimal current,
      BigDecimal overdue,
      BigDecimal overdue60,
      BigDecimal credits,
      Double dsoStandard,
      Double dsoCountBack,
      Double bpdsoStandard,
      Double bpdsoCountBack,
      Double cei,
      boolean historyComplete) {}

  private final Map<String, BigDecimal> salesCache = new HashMap<>();
  private String cacheKey = "";

  BigDecimal salesIn(YearMonth m, Predicate<Ledger.Invoice> member) {
    return salesCache.computeIfAbsent(
        cacheKey + "|" + m,
        k -> {
          BigDecimal s = BigDecimal.ZERO.setScale(2);
          for (Ledger.Invoice v : ledger.invoices) {
            if (member.test(v) && YearMonth.from(v.issue()).equals(m)) {
              s = s.add(v.amount());
            }
          }
          return s;
        });
  }

  Kpi kpi(String level, String entity, YearMonth month, int dsoMonths, int ceiMonths) {
    Predicate<Ledger.Invoice> member = member(level, entity);
    cacheKey = level + "|" + entity;
    LocalDate end = month.atEndOfMonth();
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    BigDecimal ar = zero, current = zero, overdue = zero, over60 = zero, credits = zero;
    YearMonth firstMonth = null;
    for (Ledger.Invoice v : ledger.invoices) {
      if (!member.test(v)) {
        continue;
      }
      YearMonth im = YearMonth.from(v.issue());
      if (firstMonth == null || im.isBefore(firstMonth)) {
        firstMonth = im;
      }
      BigDecimal open = openAt(v, end);
      ar = ar.add(open);
      long dpd = ChronoUnit.DAYS.between(v.due(), end);
      if (open.signum() > 0) {
        if (dpd <= 0) {
          current = current.add(open);
        } else {
          overdue = overdue.add(open);
          if (dpd > 60) {
            over60 = over60.add(open);
          }
        }
      } else {
        credits = credits.add(open);
      }
    }
    BigDecimal periodSales = zero;
    for (int i = 0; i < dsoMonths; i++) {
      periodSales = periodSales.add(salesIn(month.minusMonths(i), member));
    }
    long periodDays = ChronoUnit.DAYS.between(month.minusMonths(dsoMonths - 1).atDay(1), end) + 1;
    // the DSO family on the gross open AR: open receivables, credit balances apart
    BigDecimal gross = current.add(overdue);
    Double dso =
        periodSales.signum() > 0
            ? gross.doubleValue() * periodDays / periodSales.doubleValue()
            : null;
    Double bpdso =
        periodSales.signum() > 0
            ? current.doubleValue() * periodDays / periodSales.doubleValue()
            : null;
    BigDecimal ceiSales = zero;
    for (int i = 0; i < ceiMonths; i++) {
      ceiSales = ceiSales.add(salesIn(month.minusMonths(i), member));
    }
    BigDecimal arBegin = zero;
    LocalDate beginDate = month.minusMonths(ceiMonths).atEndOfMonth();
    for (Ledger.Invoice v : ledger.invoices) {
      if (member.test(v)) {
        arBegin = arBegin.add(openAt(v, beginDate));
      }
    }
    return new Kpi(
        salesIn(month, member),
        ar,
        current,
        overdue,
        over60,
        credits,
        dso,
        countBack(gross, month, firstMonth, member),
        bpdso,
        countBack(current, month, firstMonth, member),
        shownCei(level, cei(arBegin, ceiSales, ar, current)),
        !month.minusMonths(Math.max(ceiMonths, dsoMonths - 1)).isBefore(dataFirstMonth()));
  }

  /** A customer's CEI outside 0-100 % is not shown; other levels show it (with a caveat). */
  private static Double shownCei(String level, Double cei) {
    // the reference divides doubles: 100 % can come out a rounding error above 100
    return level.equals("customer") && cei != null && (cei < -1e-9 || cei > 100 + 1e-9)
        ? null
        : cei;
  }

  /** The month of the first document of the whole ledger. */
  private YearMonth dataFirstMonth() {
    YearMonth first = null;
    for (Ledger.Invoice v : ledger.invoices) {
      YearMonth m = YearMonth.from(v.issue());
      if (first == null || m.isBefore(first)) {
        first = m;
      }
    }
    return first;
  }

  private static Double cei(BigDecimal begin, BigDecimal sales, BigDecimal ar, BigDecimal current) {
    BigDecimal den = begin.add(sales).subtract(current);
    return den.signum() <= 0 // nothing collectible: undefined
        ? null
        : begin.add(sales).subtract(ar).doubleValue() * 100 / den.doubleValue();
  }

  private Double countBack(
      BigDecimal ar, YearMonth month, YearMonth firstMonth, Predicate<Ledger.Invoice> member) {
    if (ar.signum() <= 0) {
      return 0.0;
    }
    double days = 0;
    BigDecimal left = ar;
    for (YearMonth m = month; firstMonth != null && !m.isBefore(firstMonth); m = m.minusMonths(1)) {
      BigDecimal s = salesIn(m, member);
      if (left.compareTo(s) >= 0) {
        left = left.subtract(s);
        days += m.lengthOfMonth();
        if (left.signum() == 0) {
          return days;
        }
      } else {
        return days + left.doubleValue() * m.lengthOfMonth() / s.doubleValue();
      }
    }
    return null;
  }

  /**
   * When an invoice was paid in full: the first effective date whose allocations so far (that whole
   * day included) reach its amount.
   */
  LocalDate settledOn(Ledger.Invoice v) {
    if (!v.docType().equals("invoice") || v.amount().signum() <= 0) {
      return null;
    }
    TreeMap<LocalDate, BigDecimal> byDay = new TreeMap<>();
    for (Ledger.Payment p : paymentsByInvoice.getOrDefault(v.id(), List.of())) {
      byDay.merge(effective(p), p.amount(), BigDecimal::add);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<LocalDate, BigDecimal> day : byDay.entrySet()) {
      sum = sum.add(day.getValue());
      if (sum.compareTo(v.amount()) >= 0) {
        return day.getKey();
      }
    }
    return null;
  }

  static Integer nearestRank(List<Integer> sorted, int percent) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(sorted.size() * percent / 100.0 - 1e-9);
    return sorted.get(Math.max(rank, 1) - 1);
  }

  /** Payment behaviour of a customer as of d, as a map of feature name to value. */
  Map<String, Object> behaviour(String customer, LocalDate d) {
    Map<String, Object> f = new LinkedHashMap<>();
    int issued = 0,
        creditNotes = 0,
        paid = 0,
        late = 0,
        maxLate = -1,
        withPayments = 0,
        partial = 0,
        disputed = 0;
    long sumLate = 0, sumToPay = 0;
    BigDecimal paidAmount = BigDecimal.ZERO,
        amountLate = BigDecimal.ZERO,
        amountDelay = BigDecimal.ZERO;
    BigDecimal exposure = BigDecimal.ZERO.setScale(2),
        overdue = exposure,
        credits = exposure,
        disputedOpen = exposure,
        openBeyond = BigDecimal.ZERO;
    int openItems = 0, overdueItems = 0;
    List<Integer> lates = new ArrayList<>();
    List<Object[]> lateByAmount = new ArrayList<>();
    int paid3 = 0, late3 = 0, paid12 = 0, late12 = 0;
    LocalDate lastPayment = null;
    List<Object[]> settledByDate = new ArrayList<>(); // {settled, invoice id, delay}
    int priorInvoices = 0;
    BigDecimal priorAmount = BigDecimal.ZERO;
    for (Ledger.Invoice v : ledger.invoices) {
      if (!v.customer().equals(customer) || v.issue().isAfter(d)) {
        continue;
      }
      if (v.docType().equals("invoice") && v.amount().signum() > 0) {
        priorInvoices++;
        priorAmount = priorAmount.add(v.amount());
      }
      if (v.docType().equals("credit_note")) {
        creditNotes++;
      } else {
        issued++;
      }
      LocalDate settled = settledOn(v);
      if (settled != null && !settled.isAfter(d)) {
        paid++;
        int delay = (int) ChronoUnit.DAYS.between(v.due(), settled);
        int daysLate = Math.max(0, delay);
        if (daysLate > 0) {
          late++;
        }
        sumLate += daysLate;
        maxLate = Math.max(maxLate, daysLate);
        sumToPay += ChronoUnit.DAYS.between(v.issue(), settled);
        paidAmount = paidAmount.add(v.amount());
        amountLate = amountLate.add(v.amount().multiply(BigDecimal.valueOf(daysLate)));
        amountDelay = amountDelay.add(v.amount().multiply(BigDecimal.valueOf(delay)));
        lates.add(daysLate);
        settledByDate.add(new Object[] {settled, v.id(), delay});
        lateByAmount.add(new Object[] {daysLate, v.amount()});
        if (settled.isAfter(d.minusMonths(3))) {
          paid3++;
          late3 += daysLate > 0 ? 1 : 0;
        }
        if (settled.isAfter(d.minusMonths(12))) {
          paid12++;
          late12 += daysLate > 0 ? 1 : 0;
        }
      }
      int count = 0;
      for (Ledger.Payment p : paymentsByInvoice.getOrDefault(v.id(), List.of())) {
        LocalDate e = effective(p);
        if (!e.isAfter(d)) {
          count++;
          if (lastPayment == null || e.isAfter(lastPayment)) {
            lastPayment = e;
          }
        }
      }
      BigDecimal open = openAt(v, d);
      if (count > 0) {
        withPayments++;
        if (count >= 2 || open.signum() != 0) {
          partial++;
        }
      }
      // a dispute without a date counts from the issue date (v is issued by d here)
      boolean isDisputed = v.disputed() && (v.disputeDate() == null || !v.disputeDate().isAfter(d));
      if (isDisputed) {
        disputed++;
      }
      if (open.signum() > 0) {
        openItems++;
        exposure = exposure.add(open);
        long beyond = ChronoUnit.DAYS.between(v.due(), d);
        openBeyond = openBeyond.add(open.multiply(BigDecimal.valueOf(beyond)));
        if (beyond > 0) {
          overdueItems++;
          overdue = overdue.add(open);
        }
        if (isDisputed) {
          disputedOpen = disputedOpen.add(open);
        }
      } else if (open.signum() < 0) {
        credits = credits.add(open);
      }
    }
    lates.sort(null);
    lateByAmount.sort(Comparator.comparing(a -> (Integer) a[0]));
    int stage = 0;
    String stageName = null;
    List<String> order = List.of("reminder_1", "reminder_2", "registered_letter", "formal_notice");
    for (Ledger.Dunning e : ledger.dunning) {
      int rank = order.indexOf(e.stage()) + 1;
      if (e.customer().equals(customer) && !e.date().isAfter(d) && rank > stage) {
        stage = rank;
        stageName = e.stage();
      }
    }
    f.put("invoices_issued", issued);
    f.put("credit_notes_issued", creditNotes);
    f.put("invoices_paid", paid);
    f.put("paid_late_count", late);
    f.put("paid_late_share", paid == 0 ? null : (double) late / paid);
    f.put("days_late_mean", paid == 0 ? null : (double) sumLate / paid);
    f.put("days_late_median", nearestRank(lates, 50));
    f.put("days_late_p90", nearestRank(lates, 90));
    f.put("days_late_max", paid == 0 ? null : maxLate);
    f.put(
        "days_late_mean_by_amount",
        paid == 0 || paidAmount.signum() == 0
            ? null
            : amountLate.doubleValue() / paidAmount.doubleValue());
    f.put("days_late_median_by_amount", weightedRank(lateByAmount, paidAmount, 50));
    f.put("days_late_p90_by_amount", weightedRank(lateByAmount, paidAmount, 90));
    f.put(
        "dbt_paid",
        paid == 0 || paidAmount.signum() == 0
            ? null
            : amountDelay.doubleValue() / paidAmount.doubleValue());
    f.put(
        "dbt_open",
        exposure.signum() == 0 ? null : openBeyond.doubleValue() / exposure.doubleValue());
    f.put("paid_3m", paid3);
    Double s3 = paid3 == 0 ? null : (double) late3 / paid3;
    Double s12 = paid12 == 0 ? null : (double) late12 / paid12;
    f.put("late_share_3m", s3);
    f.put("paid_12m", paid12);
    f.put("late_share_12m", s12);
    f.put("late_share_trend", s3 == null || s12 == null ? null : s3 - s12);
    f.put("avg_days_to_pay", paid == 0 ? null : (double) sumToPay / paid);
    f.put("open_items", openItems);
    f.put("open_exposure", exposure);
    f.put("overdue_items", overdueItems);
    f.put("overdue_exposure", overdue);
    f.put("credit_balance", credits);
    f.put("disputed_invoices", disputed);
    f.put("disputed_open_amount", disputedOpen);
    f.put("dunning_stage_rank", stage);
    f.put("dunning_stage_max", stageName);
    f.put("invoices_with_payments", withPayments);
    f.put("partial_payment_share", withPayments == 0 ? null : (double) partial / withPayments);
    f.put(
        "days_since_last_payment",
        lastPayment == null ? null : (int) ChronoUnit.DAYS.between(lastPayment, d));
    settledByDate.sort(
        Comparator.comparing((Object[] a) -> (LocalDate) a[0]).thenComparing(a -> (String) a[1]));
    List<Object[]> lastFive =
        settledByDate.subList(Math.max(0, settledByDate.size() - 5), settledByDate.size());
    f.put(
        "late0_last5",
        lastFive.isEmpty()
            ? null
            : (int) lastFive.stream().filter(a -> (Integer) a[2] > 0).count());
    f.put(
        "late30_last5",
        lastFive.isEmpty()
            ? null
            : (int) lastFive.stream().filter(a -> (Integer) a[2] > 30).count());
    f.put("settled_last5", lastFive.isEmpty() ? null : lastFive.size());
    f.put("prior_invoices", priorInvoices == 0 ? null : priorInvoices);
    f.put("prior_amount", priorInvoices == 0 ? null : priorAmount);
    return f;
  }

  private static Integer weightedRank(List<Object[]> sortedByDays, BigDecimal total, int percent) {
    if (sortedByDays.isEmpty()) {
      return null;
    }
    BigDecimal cumulative = BigDecimal.ZERO;
    BigDecimal target = total.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100));
    for (Object[] a : sortedByDays) {
      cumulative = cumulative.add((BigDecimal) a[1]);
      if (cumulative.compareTo(target) >= 0) {
        return (Integer) a[0];
      }
    }
    return (Integer) sortedByDays.get(sortedByDays.size() - 1)[0];
  }
}
