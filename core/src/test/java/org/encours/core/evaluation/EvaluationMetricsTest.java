package org.encours.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.encours.core.evaluation.EvaluationMetrics.CalibrationBin;
import org.encours.core.evaluation.EvaluationMetrics.Summary;
import org.junit.jupiter.api.Test;

/** The evaluation figures on tiny hand-computed examples (the arithmetic is in the comments). */
class EvaluationMetricsTest {
  // p = 0.05, 0.15, 0.18, 0.62, 0.95 with outcomes 0, 0, 1, 1, 1
  static final double[] P = {0.05, 0.15, 0.18, 0.62, 0.95};
  static final int[] Y = {0, 0, 1, 1, 1};

  @Test
  void rocAucCountsWonPairsAndTiedPairsAsOneHalf() {
    // every late example scores above every on-time one
    assertThat(EvaluationMetrics.rocAuc(P, Y)).isEqualTo(1.0);
    // late {0.2, 0.3}, on time {0.2, 0.1}: pairs (0.2,0.2) tie 0.5, (0.2,0.1) 1, (0.3,0.2) 1,
    // (0.3,0.1) 1: 3.5 / 4
    assertThat(EvaluationMetrics.rocAuc(new double[] {0.2, 0.2, 0.1, 0.3}, new int[] {1, 0, 0, 1}))
        .isEqualTo(0.875);
    // p = 0.9, 0.8, 0.3, 0.2 ; y = 1, 0, 1, 0: (0.9,0.8) (0.9,0.2) (0.3,0.2) won, (0.3,0.8) lost: 3
    // / 4
    assertThat(EvaluationMetrics.rocAuc(new double[] {0.9, 0.8, 0.3, 0.2}, new int[] {1, 0, 1, 0}))
        .isEqualTo(0.75);
    // all tied: 0.5; one class only: undefined
    assertThat(EvaluationMetrics.rocAuc(new double[] {0.3, 0.3, 0.3}, new int[] {1, 0, 0}))
        .isEqualTo(0.5);
    assertThat(EvaluationMetrics.rocAuc(new double[] {0.3, 0.6}, new int[] {1, 1})).isNaN();
  }

  @Test
  void prAucIsTheAveragePrecisionWithTiedScoresAsOneBlockWhateverTheirOrder() {
    // 0.3 (late): 1 late of 1 seen; then the tied block {0.2 late, 0.2 on time}: 2 late of 3 seen;
    // (1 + 2/3) / 2
    assertThat(EvaluationMetrics.prAuc(new double[] {0.2, 0.2, 0.1, 0.3}, new int[] {1, 0, 0, 1}))
        .isCloseTo(5.0 / 6, within(1e-12));
    // the same examples with the tied pair listed the other way round: the same figure
    assertThat(EvaluationMetrics.prAuc(new double[] {0.2, 0.2, 0.1, 0.3}, new int[] {0, 1, 0, 1}))
        .isCloseTo(5.0 / 6, within(1e-12));
    // no ties: 0.9 (late) 1/1, 0.3 (late) 2/3
    assertThat(EvaluationMetrics.prAuc(new double[] {0.9, 0.8, 0.3, 0.2}, new int[] {1, 0, 1, 0}))
        .isCloseTo(5.0 / 6, within(1e-12));
    assertThat(EvaluationMetrics.prAuc(new double[] {0.3, 0.6}, new int[] {0, 0})).isNaN();
  }

  @Test
  void brierIsTheMeanSquaredError() {
    // (0.0025 + 0.0225 + 0.6724 + 0.1444 + 0.0025) / 5
    assertThat(EvaluationMetrics.brier(P, Y)).isCloseTo(0.16886, within(1e-12));
  }

  @Test
  void logLossClipsProbabilitiesTo1eMinus15() {
    // -(ln 0.95 + ln 0.85 + ln 0.18 + ln 0.62 + ln 0.95) / 5
    assertThat(EvaluationMetrics.logLoss(P, Y))
        .isCloseTo(
            -(2 * Math.log(0.95) + Math.log(0.85) + Math.log(0.18) + Math.log(0.62)) / 5,
            within(1e-12));
    // certain and wrong: p = 0 for a late example is clipped to 1e-15: -ln(1e-15) =
    // 34.538776394910684, not infinity
    assertThat(EvaluationMetrics.logLoss(new double[] {0.0}, new int[] {1}))
        .isCloseTo(34.538776394910684, within(1e-9));
    // certain and right: -ln(1 - 1e-15), about 1e-15
    assertThat(EvaluationMetrics.logLoss(new double[] {0.0, 1.0}, new int[] {0, 1}))
        .isCloseTo(0.0, within(1e-14));
  }

  @Test
  void theCalibrationTableHasTenEqualWidthBins() {
    List<CalibrationBin> table = EvaluationMetrics.calibrationTable(P, Y);
    assertThat(table).hasSize(10);
    // [0.1, 0.2): 0.15 and 0.18, one late: mean predicted 0.165, observed 0.5
    assertThat(table.get(1)).isEqualTo(new CalibrationBin(0.1, 0.2, 2, (0.15 + 0.18) / 2, 0.5));
    // an empty bin has no mean
    assertThat(table.get(2).rows()).isZero();
    assertThat(table.get(2).meanPredicted()).isNaN();
    // 1.0 falls in the last bin [0.9, 1.0]
    assertThat(EvaluationMetrics.calibrationTable(new double[] {1.0}, new int[] {1}).get(9).rows())
        .isEqualTo(1);
  }

  @Test
  void eceWeighsEachBinsGapByItsShareOfRows() {
    // given bins: 6 rows predicted 0.05 observed 0.10 (gap 0.05), 4 rows predicted 0.55 observed
    // 0.25 (gap 0.30),
    // one empty bin: 6/10 x 0.05 + 4/10 x 0.30 = 0.03 + 0.12 = 0.15
    List<CalibrationBin> bins =
        List.of(
            new CalibrationBin(0.0, 0.1, 6, 0.05, 0.10),
            new CalibrationBin(0.3, 0.4, 0, Double.NaN, Double.NaN),
            new CalibrationBin(0.5, 0.6, 4, 0.55, 0.25));
    assertThat(EvaluationMetrics.ece(bins, 10)).isCloseTo(0.15, within(1e-12));
    // from the examples: [0,.1) 1/5 x 0.05; [.1,.2) 2/5 x |0.165 - 0.5|; [.6,.7) 1/5 x 0.38; [.9,1]
    // 1/5 x 0.05
    // = 0.010 + 0.134 + 0.076 + 0.010
    assertThat(EvaluationMetrics.ece(P, Y)).isCloseTo(0.230, within(1e-12));
  }

  @Test
  void theRiskiestDecileIsTheCeilingOfATenthOfTheRows() {
    // 5 rows: ceil(0.5) = 1 row (0.95, late): 1 of the 3 late examples
    assertThat(EvaluationMetrics.captureTopDecile(P, Y)).isCloseTo(1.0 / 3, within(1e-12));
    // 11 rows: ceil(1.1) = 2 rows (0.95 on time, 0.90 late): 1 of 3
    double[] p = {0.95, 0.90, 0.85, 0.80, 0.75, 0.70, 0.65, 0.60, 0.55, 0.50, 0.45};
    int[] y = {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    assertThat(EvaluationMetrics.captureTopDecile(p, y)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void aSummaryCarriesEveryFigureUnderTheModelCardNames() {
    Summary s = EvaluationMetrics.summarize(P, Y);
    assertThat(s.rows()).isEqualTo(5);
    assertThat(s.positives()).isEqualTo(3);
    assertThat(s.positiveShare()).isEqualTo(0.6);
    assertThat(s.rocAuc()).isEqualTo(1.0);
    assertThat(s.brier()).isCloseTo(0.16886, within(1e-12));
    assertThat(s.ece()).isCloseTo(0.230, within(1e-12));
    assertThat(s.calibration()).hasSize(10);
  }

  @Test
  void inputThatCannotBeEvaluatedIsRefusedWithTheReason() {
    assertThatThrownBy(() -> EvaluationMetrics.summarize(new double[] {0.1}, new int[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 / 2");
    assertThatThrownBy(() -> EvaluationMetrics.summarize(new double[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> EvaluationMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outcome 1 is 2: outcomes are 0 (on time) or 1 (late)");
    assertThatThrownBy(() -> EvaluationMetrics.brier(new double[] {Double.NaN}, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probability 0 is NaN: probabilities are between 0 and 1");
  }
}
