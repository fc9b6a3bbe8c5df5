package org.encours.analytics;

import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.assertj.core.api.SoftAssertions;
import org.encours.core.metrics.AgingSlabs;

/**
 * Runs the Spark functions on a ledger and compares every output row with {@link ReferenceLedger}:
 * amounts to the cent, days to the day, ratios within 1e-9.
 */
final class IndependentCheck {
  private final Ledger ledger;
  private final ReferenceLedger reference;
  private final AnalyticsInputs inputs;

  IndependentCheck(Ledger ledger) {
    this.ledger = ledger;
    this.reference = new ReferenceLedger(ledger);
    this.inputs = ledger.inputs();
  }

  /** Number of aging rows compared. */
  int aging(LocalDate d) {
    Dataset<Row> items =
        AgingSnapshot.items(inputs.invoices(), inputs.allocations(), d, AgingSlabs.defaults());
    List<Row> rows =
        AgingSnapshot.summary(
                items,
                inputs.customers(),
                Allocations.unallocated(inputs.invoices(), inputs.payments()),
                d,
                AgingSlabs.defaults())
            .filter("bucket <> 'unallocated'")
            .collectAsList();
    Map<String, Object[]> expected = reference.aging(d);
    Map<String, BigDecimal> totals = new HashMap<>();
    // shares are of the gross open AR: the aged buckets, without the credits line
    expected.forEach(
        (k, v) ->
            totals.merge(
                k.substring(0, k.lastIndexOf('|')),
                k.endsWith("|credits") ? BigDecimal.ZERO : (BigDecimal) v[0],
                BigDecimal::add));
    SoftAssertions soft = new SoftAssertions();
    for (Row r : rows) {
      String key = r.getAs("level") + "|" + r.getAs("entity_id") + "|" + r.getAs("bucket");
      Object[] want = expected.get(key);
      soft.assertThat(want).as("unexpected aging row %s at %s", key, d).isNotNull();
      if (want != null) {
        soft.assertThat((BigDecimal) r.getAs("open_amount"))
            .as(key)
            .isEqualByComparingTo((BigDecimal) want[0]);
        soft.assertThat((Long) r.getAs("open_count")).as(key).isEqualTo(want[1]);
        BigDecimal total = totals.get(key.substring(0, key.lastIndexOf('|')));
        soft.assertThat((BigDecimal) r.getAs("total_open")).as(key).isEqualByComparingTo(total);
        if (key.endsWith("|credits") || total.signum() == 0) {
          soft.assertThat((Double) r.getAs("share")).as(key).isNull();
        } else {
          soft.assertThat((Double) r.getAs("share"))
              .as(key)
              .isCloseTo(((BigDecimal) want[0]).doubleValue() / total.doubleValue(), within(1e-9))
              .isBetween(0.0, 1.0);
        }
      }
    }
    soft.assertThat(rows).as("aging rows at %s", d).hasSize(expected.size());
    soft.assertAll();
    return rows.size();
  }

  /** Number of KPI rows compared. */
  int kpis(YearMonth from, YearMonth to, ReceivablesKpis.Options options) {
    List<Row> rows =
        ReceivablesKpis.monthly(
                inputs.invoices(), inputs.allocations(), inputs.customers(), from, to, options)
            .collectAsList();
    SoftAssertions soft = new SoftAssertions();
    for (Row r : rows) {
      YearMonth m = YearMonth.from(((java.sql.Date) r.getAs("as_of_date")).toLocalDate());
      String level = r.getAs("level");
      String entity = r.getAs("entity_id");
      String key = level + "|" + entity + "|" + m;
      ReferenceLedger.Kpi want =
          reference.kpi(level, entity, m, options.dsoMonths(), options.ceiMonths());
      soft.assertThat((BigDecimal) r.getAs("credit_sales"))
          .as(key + " sales")
          .isEqualByComparingTo(want.sales());
      soft.assertThat((BigDecimal) r.getAs("ar")).as(key + " ar").isEqualByComparingTo(want.ar());
      soft.assertThat((BigDecimal) r.getAs("current_ar"))
          .as(key + " current")
          .isEqualByComparingTo(want.current());
      soft.assertThat((BigDecimal) r.getAs("overdue_ar"))
          .as(key + " overdue")
          .isEqualByComparingTo(want.overdue());
      soft.assertThat((BigDecimal) r.getAs("overdue_60_ar"))
          .as(key + " >60")
          .isEqualByComparingTo(want.overdue60());
      soft.assertThat((BigDecimal) r.getAs("credits"))
          .as(key + " credits")
          .isEqualByComparingTo(want.credits());
      close(soft, key + " dso_standard", r.getAs("dso_standard"), want.dsoStandard());
      close(soft, key + " dso_count_back", r.getAs("dso_count_back"), want.dsoCountBack());
      close(soft, key + " bpdso_standard", r.getAs("bpdso_standard"), want.bpdsoStandard());
      close(soft, key + " bpdso_count_back", r.getAs("bpdso_count_back"), want.bpdsoCountBack());
      soft.assertThat((BigDecimal) r.getAs("gross_ar"))
          .as(key + " gross")
          .isEqualByComparingTo(want.current().add(want.overdue()));
      close(soft, key + " cei", r.getAs("cei"), want.cei());
      for (String add : new String[] {"add_standard", "add_count_back"}) {
        if (r.getAs(add) != null) {
          soft.assertThat((Double) r.<Double>getAs(add))
              .as(key + " " + add)
              .isGreaterThanOrEqualTo(-1e-9);
        }
      }
      soft.assertThat((Boolean) r.getAs("history_complete"))
          .as(key + " history_complete")
          .isEqualTo(want.historyComplete());
    }
    soft.assertAll();
    return rows.size();
  }

  /** Number of behaviour rows compared. */
  int behaviour(Dataset<Row> points) {
    List<Row> rows =
        PaymentBehaviourFeatures.compute(
                inputs.invoices(),
                inputs.allocations(),
                inputs.customers(),
                inputs.dunning(),
                points)
            .collectAsList();
    SoftAssertions soft = new SoftAssertions();
    for (Row r : rows) {
      String customer = r.getAs("customer_id");
      LocalDate d = ((java.sql.Date) r.getAs("as_of_date")).toLocalDate();
      Map<String, Object> want = reference.behaviour(customer, d);
      for (Map.Entry<String, Object> e : want.entrySet()) {
        String key = customer + "@" + d + " " + e.getKey();
        Object got = r.getAs(e.getKey());
        Object exp = e.getValue();
        if (exp instanceof BigDecimal b) {
          soft.assertThat((BigDecimal) got).as(key).isEqualByComparingTo(b);
        } else if (exp instanceof Double x) {
          close(soft, key, got, x);
        } else {
          soft.assertThat(got).as(key).isEqualTo(exp);
        }
      }
    }
    soft.assertAll();
    return rows.size();
  }

  private static void close(SoftAssertions soft, String what, Object got, Double expected) {
    if (expected == null) {
      soft.assertThat(got).as(what).isNull();
    } else {
      soft.assertThat(got).as(what).isNotNull();
      if (got != null) {
        soft.assertThat(((Number) got).doubleValue())
            .as(what)
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
    }
  }

  Ledger ledger() {
    return ledger;
  }
}
