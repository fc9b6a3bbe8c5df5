package org.encours.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.encours.core.policy.GradeBands;
import org.junit.jupiter.api.Test;

/** Label rule, points scale, PSI and reason wording on hand-computed examples (no Spark). */
class PlainFiguresTest {
  static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void paidOnTheDueDateIsOnTimeAndOneDayAfterIsLate() {
    LocalDate due = d("2024-03-31");
    LocalDate cutoff = d("2024-06-30");
    assertThat(LateLabels.lateBeyond(due, d("2024-03-31"), cutoff, 0)).isFalse();
    assertThat(LateLabels.lateBeyond(due, d("2024-04-01"), cutoff, 0)).isTrue();
    assertThat(LateLabels.lateBeyond(due, d("2024-04-01"), cutoff, 30)).isFalse();
  }

  @Test
  void thirtyDaysLateIsNotMoreThanThirty() {
    LocalDate due = d("2024-03-31");
    LocalDate cutoff = d("2024-06-30");
    assertThat(LateLabels.lateBeyond(due, d("2024-04-30"), cutoff, 30)).isFalse(); // 30 days
    assertThat(LateLabels.lateBeyond(due, d("2024-05-01"), cutoff, 30)).isTrue(); // 31 days
  }

  @Test
  void openInvoicesAreCensoredUntilTheCutoffReachesDuePlusT() {
    LocalDate due = d("2024-03-31");
    // open at the end of 29 April (due + 29): could still be paid on 30 April, 30 days late:
    // unknown
    assertThat(LateLabels.lateBeyond(due, null, d("2024-04-29"), 30)).isNull();
    // open at the end of 30 April (due + 30): paid 1 May at the earliest, 31 days late
    assertThat(LateLabels.lateBeyond(due, null, d("2024-04-30"), 30)).isTrue();
    // T = 0: open at the end of the due date is already late; the day before it is unknown
    assertThat(LateLabels.lateBeyond(due, null, d("2024-03-31"), 0)).isTrue();
    assertThat(LateLabels.lateBeyond(due, null, d("2024-03-30"), 0)).isNull();
    // settled after the cutoff counts as open at the cutoff
    assertThat(LateLabels.lateBeyond(due, d("2024-05-10"), d("2024-04-15"), 30)).isNull();
    assertThat(LateLabels.lateBeyond(due, d("2024-05-10"), d("2024-04-15"), 0)).isTrue();
  }

  @Test
  void pointsScaleHas600AtOdds19And50PointsToDoubleTheOdds() {
    PointsScale s = PointsScale.defaults();
    assertThat(PointsScale.odds(0.05)).isCloseTo(19.0, within(1e-12));
    assertThat(s.points(0.05)).isCloseTo(600.0, within(1e-9));
    assertThat(s.pointsForOdds(38)).isCloseTo(650.0, within(1e-9));
    assertThat(s.pointsForOdds(9.5)).isCloseTo(550.0, within(1e-9));
    assertThat(s.points(1.0 / 39)).isCloseTo(650.0, within(1e-9)); // odds 38
    // PD 0.5: odds 1, 600 - 50 x log2(19) = 600 - 212.39
    assertThat(s.points(0.5)).isCloseTo(387.61, within(0.01));
    assertThat(s.factor()).isCloseTo(72.1348, within(1e-4));
    assertThat(s.roundedPoints(0.05)).isEqualTo(600);
  }

  @Test
  void gradesCutOnTheCalibratedProbability() {
    GradeBands g = GradeBands.defaults();
    // The policy's bands are inclusive upper bounds (docs/policy.md): 0.05 is still A, 0.40 still
    // D.
    assertThat(
            List.of(
                g.gradeFor(0.0),
                g.gradeFor(0.05),
                g.gradeFor(0.0501),
                g.gradeFor(0.19),
                g.gradeFor(0.4),
                g.gradeFor(0.41)))
        .containsExactly("A", "A", "B", "C", "D", "E");
  }

  @Test
  void populationStabilityIndexByHand() {
    // shares 0.5/0.3/0.2 against 0.3/0.3/0.4:
    // (0.3-0.5) ln(0.3/0.5) + 0 + (0.4-0.2) ln 2 = 0.102165 + 0.138629 = 0.240795
    double psi = PopulationStability.psi(new long[] {50, 30, 20}, new long[] {30, 30, 40});
    assertThat(psi).isCloseTo(0.240795, within(1e-6));
    assertThat(PopulationStability.status(psi)).isEqualTo("watch");
    assertThat(PopulationStability.status(0.0999)).isEqualTo("stable");
    assertThat(PopulationStability.status(0.2501)).isEqualTo("act");
    assertThat(PopulationStability.psi(new long[] {10, 20}, new long[] {1, 2}))
        .isCloseTo(0.0, within(1e-12));
    // bins are (-inf, e1], (e1, e2], (e2, +inf)
    double[] edges = {1, 2};
    assertThat(PopulationStability.counts(edges, new double[] {0, 1, 1.5, 2, 3}))
        .containsExactly(2, 2, 1);
    assertThat(PopulationStability.decileEdges(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    // a constant sample has no interior edge: one bin
    assertThat(PopulationStability.decileEdges(new double[] {4, 4, 4})).isEmpty();
  }

  @Test
  void reasonsAreTheFourLargestRiskContributionsInPlainWords() {
    Map<String, Double> contributions = new LinkedHashMap<>();
    contributions.put("terms_days", 0.1);
    contributions.put("paid_late_share", 0.5);
    contributions.put("late30_last5", 0.8);
    contributions.put("invoices_issued", -0.4); // lowers the risk: never a reason
    contributions.put("sector", 0.3);
    contributions.put("dunning_stage_rank", 0.2);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("late30_last5", 3.0);
    v.put("settled_last5", 5.0);
    v.put("paid_late_share", 0.6);
    v.put("paid_late_count", 6);
    v.put("invoices_paid", 10.0);
    v.put("sector", "construction");
    v.put("dunning_stage_rank", 3.0);
    v.put("dunning_stage_max", "registered_letter");
    v.put("terms_days", 60.0);
    List<ReasonCodes.Reason> r = ReasonCodes.top(contributions, v, PointsScale.defaults());
    assertThat(r)
        .extracting(ReasonCodes.Reason::reason)
        .containsExactly(
            "3 of the last 5 invoices paid more than 30 days late",
            "60 % of past invoices paid late (6 of 10)",
            "sector construction pays later than average",
            "reminders reached the stage registered letter");
    // contribution in points: 0.8 x 50 / ln 2 = 57.7
    assertThat(r.get(0).points()).isEqualTo(57.7);
    assertThat(r).extracting(ReasonCodes.Reason::rank).containsExactly(1, 2, 3, 4);
    assertThat(ReasonCodes.wording("late0_last5", Map.of("late0_last5", 1.0, "settled_last5", 1.0)))
        .isEqualTo("1 of the last 1 invoice paid after the due date");
    assertThat(ReasonCodes.wording("no_paid_history", Map.of("invoices_paid", 0.0)))
        .isEqualTo("no invoice paid yet: no payment history");
  }
}
