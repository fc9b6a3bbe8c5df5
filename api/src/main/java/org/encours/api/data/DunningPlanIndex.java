package org.encours.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dunning actions in (action date, invoice id) order, so that "everything due by D" is a prefix and
 * a cursor is the last (date, invoice) seen; and per customer, in the same order.
 */
public final class DunningPlanIndex {
  static final Comparator<DunningAction> ORDER =
      Comparator.comparingInt(DunningAction::actionEpochDay)
          .thenComparing(DunningAction::invoiceId);

  private final DunningAction[] byDate;
  private final Map<String, DunningAction[]> byCustomer;

  DunningPlanIndex(List<DunningAction> actions) {
    Map<String, DunningAction> latestPerInvoice = new HashMap<>();
    for (DunningAction a : actions) {
      latestPerInvoice.put(a.invoiceId(), a);
    }
    this.byDate = latestPerInvoice.values().toArray(new DunningAction[0]);
    Arrays.sort(byDate, ORDER);
    Map<String, List<DunningAction>> grouped = new HashMap<>();
    for (DunningAction a : byDate) {
      grouped.computeIfAbsent(a.customerId(), k -> new ArrayList<>(2)).add(a);
    }
    Map<String, DunningAction[]> frozen = new HashMap<>();
    grouped.forEach((k, v) -> frozen.put(k, v.toArray(new DunningAction[0])));
    this.byCustomer = frozen;
  }

  public int size() {
    return byDate.length;
  }

  public DunningAction at(int position) {
    return byDate[position];
  }

  /** A customer's actions in date order; null when the customer has none. */
  public List<DunningAction> forCustomer(String customerId) {
    DunningAction[] found = byCustomer.get(customerId);
    return found == null ? null : List.of(found);
  }

  /** Position of the first action strictly after (day, invoiceId); (MIN, null) gives 0. */
  public int positionAfter(int epochDay, String invoiceId) {
    int lo = 0;
    int hi = byDate.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      DunningAction a = byDate[mid];
      int c = Integer.compare(a.actionEpochDay(), epochDay);
      if (c == 0 && invoiceId != null) {
        c = a.invoiceId().compareTo(invoiceId);
      } else if (c == 0) {
        c = 1;
      }
      if (c <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
