package org.encours.reports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A customer's recommendation ({@code recommendations} row) in a few words for the report. */
final class RecommendedAction {
  private RecommendedAction() {}

  /**
   * e.g. "block new orders; deposit 30 %; limit EUR 12,300; terms 30 days; compressed reminders".
   */
  static String describe(
      Boolean blockOrders,
      Boolean reviewLimit,
      BigDecimal depositShare,
      BigDecimal creditLimit,
      Integer maxTermsDays,
      String ladder) {
    List<String> parts = new ArrayList<>();
    if (Boolean.TRUE.equals(blockOrders)) {
      parts.add("block new orders");
    }
    if (Boolean.TRUE.equals(reviewLimit)) {
      parts.add("review limit");
    }
    if (depositShare != null && depositShare.signum() > 0) {
      parts.add("deposit " + Figures.percent(depositShare.doubleValue(), 0));
    }
    if (creditLimit != null) {
      parts.add(creditLimit.signum() == 0 ? "no credit" : "limit " + Figures.money(creditLimit, 0));
    }
    if (maxTermsDays != null) {
      parts.add(maxTermsDays == 0 ? "payment with order" : "terms " + maxTermsDays + " days");
    }
    if (ladder != null) {
      parts.add(ladder + " reminders");
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }
}
