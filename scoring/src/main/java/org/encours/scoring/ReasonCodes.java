package org.encours.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reason codes: the up to 4 features that pushed a customer's risk up the most, in plain words,
 * with their contribution in points.
 *
 * <p>A feature's contribution is the logistic explainer's coefficient times the customer's value
 * minus the training population's mean, divided by its standard deviation (the explainer is fitted
 * on standardised features, so this is exactly coefficient x standardised deviation from the mean);
 * the one-hot slots of a categorical feature are summed. Positive contributions raise the log-odds
 * of paying late; they are ranked from the largest, and shown as the points they cost on the {@link
 * PointsScale} (contribution x 50 / ln 2). Features that lowered the risk are not reasons.
 */
public final class ReasonCodes {
  private ReasonCodes() {}

  public static final int MAX_REASONS = 4;

  /** One reason: its rank (1 = strongest), wording, feature and points lost. */
  public record Reason(int rank, String reason, String feature, double points)
      implements Serializable {}

  /** The reasons for one customer, from contributions (log-odds, by feature) and the raw values. */
  public static List<Reason> top(
      Map<String, Double> contributions, Map<String, Object> values, PointsScale scale) {
    List<Map.Entry<String, Double>> up = new ArrayList<>();
    for (Map.Entry<String, Double> e : contributions.entrySet()) {
      if (e.getValue() != null && e.getValue() > 1e-9) {
        up.add(e);
      }
    }
    up.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    List<Reason> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : up) {
      if (out.size() == MAX_REASONS) {
        break;
      }
      double points = -scale.pointsForLogitChange(e.getValue());
      out.add(
          new Reason(
              out.size() + 1,
              wording(e.getKey(), values),
              e.getKey(),
              Math.round(points * 10) / 10.0));
    }
    return out;
  }

  private static int i(Map<String, Object> v, String k) {
    Object o = v.get(k);
    return o == null ? 0 : (int) Math.round(((Number) o).doubleValue());
  }

  private static double d(Map<String, Object> v, String k) {
    Object o = v.get(k);
    return o == null ? 0 : ((Number) o).doubleValue();
  }

  private static String s(Map<String, Object> v, String k) {
    Object o = v.get(k);
    return o == null ? "unknown" : o.toString();
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static String money(double amount) {
    return String.format(Locale.ROOT, "%,.2f", amount);
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** The plain-words sentence for a feature, from the customer's values (raw, not standardised). */
  public static String wording(String feature, Map<String, Object> v) {
    return switch (feature) {
      case "late30_last5" ->
          i(v, "late30_last5")
              + " of the last "
              + plural(i(v, "settled_last5"), "invoice", "invoices")
              + " paid more than 30 days late";
      case "late0_last5" ->
          i(v, "late0_last5")
              + " of the last "
              + plural(i(v, "settled_last5"), "invoice", "invoices")
              + " paid after the due date";
      case "settled_last5", "invoices_paid", "no_paid_history" ->
          i(v, "invoices_paid") == 0
              ? "no invoice paid yet: no payment history"
              : "short payment history: "
                  + plural(i(v, "invoices_paid"), "invoice", "invoices")
                  + " paid so far";
      case "paid_late_share" ->
          pct(d(v, "paid_late_share"))
              + " of past invoices paid late ("
              + i(v, "paid_late_count")
              + " of "
              + i(v, "invoices_paid")
              + ")";
      case "days_late_mean" ->
          String.format(
              Locale.ROOT, "past invoices paid %.0f days late on average", d(v, "days_late_mean"));
      case "days_late_mean_by_amount" ->
          String.format(
              Locale.ROOT,
              "past invoices paid %.0f days late on average, weighted by amount",
              d(v, "days_late_mean_by_amount"));
      case "days_late_median" ->
          "half of past invoices paid " + i(v, "days_late_median") + " or more days late";
      case "days_late_p90" ->
          "one past invoice in ten paid " + i(v, "days_late_p90") + " or more days late";
      case "days_late_max" ->
          "worst past delay: " + plural(i(v, "days_late_max"), "day", "days") + " late";
      case "dbt_paid" ->
          String.format(Locale.ROOT, "paid %.0f days beyond terms on average", d(v, "dbt_paid"));
      case "dbt_open" ->
          String.format(
              Locale.ROOT, "open invoices %.0f days past due on average", d(v, "dbt_open"));
      case "paid_3m", "late_share_3m" ->
          pct(d(v, "late_share_3m"))
              + " of the "
              + plural(i(v, "paid_3m"), "invoice", "invoices")
              + " paid in the last 3 months were late";
      case "paid_12m", "late_share_12m" ->
          pct(d(v, "late_share_12m"))
              + " of the "
              + plural(i(v, "paid_12m"), "invoice", "invoices")
              + " paid in the last 12 months were late";
      case "late_share_trend" ->
          "lateness rising: "
              + pct(d(v, "late_share_3m"))
              + " late over 3 months against "
              + pct(d(v, "late_share_12m"))
              + " over 12 months";
      case "avg_days_to_pay" ->
          String.format(
              Locale.ROOT, "invoices take %.0f days to pay on average", d(v, "avg_days_to_pay"));
      case "open_items" -> plural(i(v, "open_items"), "invoice", "invoices") + " open";
      case "log_open_exposure" -> "open exposure of " + money(d(v, "open_exposure"));
      case "overdue_items" -> plural(i(v, "overdue_items"), "invoice", "invoices") + " overdue";
      case "log_overdue_exposure" -> money(d(v, "overdue_exposure")) + " overdue";
      case "disputed_invoices" ->
          plural(i(v, "disputed_invoices"), "invoice", "invoices") + " disputed";
      case "log_disputed_open_amount" ->
          money(d(v, "disputed_open_amount")) + " open on disputed invoices";
      case "dunning_stage_rank" ->
          i(v, "dunning_stage_rank") == 0
              ? "no reminder sent so far"
              : "reminders reached the stage " + s(v, "dunning_stage_max").replace('_', ' ');
      case "partial_payment_share" ->
          pct(d(v, "partial_payment_share")) + " of paid invoices settled in several payments";
      case "days_since_last_payment" ->
          i(v, "days_since_last_payment") >= TrainingSet.NO_PAYMENT_DAYS
              ? "no payment received in the last 2 years"
              : "no payment for " + plural(i(v, "days_since_last_payment"), "day", "days");
      case "invoices_issued" ->
          "short history: " + plural(i(v, "invoices_issued"), "invoice", "invoices") + " issued";
      case "first_invoice" -> "first invoice to this customer";
      case "customer_age_days" ->
          "customer for " + plural(i(v, "customer_age_days"), "day", "days");
      case "log_amount" -> "invoice amount of " + money(d(v, "amount"));
      case "amount_to_usual" ->
          String.format(
              Locale.ROOT,
              "invoice amount %.1f times the customer's usual amount",
              d(v, "amount_to_usual"));
      case "terms_days" -> "payment terms of " + plural(i(v, "terms_days"), "day", "days");
      case "is_paper" ->
          i(v, "is_paper") == 1 ? "invoices sent on paper" : "invoices sent electronically";
      case "sector" -> "sector " + s(v, "sector") + " pays later than average";
      case "size_band" -> "size band " + s(v, "size_band") + " pays later than average";
      case "country" -> "customers in " + s(v, "country") + " pay later than average";
      case "issue_month" ->
          "invoices issued in month " + s(v, "issue_month") + " are paid later than average";
      default -> feature.replace('_', ' ');
    };
  }
}
