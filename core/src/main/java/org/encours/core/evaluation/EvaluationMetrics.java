package org.encours.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The figures every Encours model is judged by (the late-payment models and the prospect model), on
 * plain arrays of predicted probabilities and 0/1 outcomes (1 = late), computed here rather than by
 * a library so that every definition is stated and tested by hand:
 *
 * <ul>
 *   <li><b>ROC AUC</b>: probability that a random late example scores above a random on-time one,
 *       ties counting one half (Mann-Whitney, mid-ranks). NaN with one class only.
 *   <li><b>PR AUC</b>: average precision, the sum over the late examples, in decreasing score
 *       order, of the precision at that point, divided by the late examples; tied scores form one
 *       block (each late example of the block gets the precision at the block's end). NaN with no
 *       late one.
 *   <li><b>Brier score</b>: mean of (p - y)^2. <b>Log loss</b>: mean of -[y ln p + (1-y) ln(1-p)],
 *       p clipped to [{@value #LOG_LOSS_CLIP}, 1 - {@value #LOG_LOSS_CLIP}].
 *   <li><b>Calibration table and ECE</b>: {@value #CALIBRATION_BINS} equal-width bins of the
 *       predicted probability ([0, 0.1), ..., [0.9, 1.0], 1.0 in the last); ECE = sum over bins of
 *       (rows in bin / rows) x |mean predicted - observed late share|.
 *   <li><b>Capture in the riskiest decile</b>: share of all late examples found among the ceil(n /
 *       10) highest-scored ones (ties broken by input order). NaN with no late one.
 * </ul>
 *
 * Every method refuses empty input, arrays of different lengths, outcomes other than 0 and 1 and
 * probabilities outside [0, 1].
 */
public final class EvaluationMetrics {
  private EvaluationMetrics() {}

  public static final int CALIBRATION_BINS = 10;
  public static final double LOG_LOSS_CLIP = 1e-15;

  /**
   * One row of the calibration table: the bin [lower, upper), its rows, mean predicted probability
   * and observed late share (NaN when empty).
   */
  public record CalibrationBin(
      double lower, double upper, long rows, double meanPredicted, double observedShare) {}

  /**
   * All the figures for one scorer on one set of examples, under the names model cards use.
   *
   * @param rows examples
   * @param positives late examples among them
   * @param positiveShare positives / rows
   * @param calibration the {@value #CALIBRATION_BINS} bins, empty ones included
   */
  public record Summary(
      long rows,
      long positives,
      double positiveShare,
      double rocAuc,
      double prAuc,
      double brier,
      double logLoss,
      double ece,
      double captureTopDecile,
      List<CalibrationBin> calibration) {}

  public static Summary summarize(double[] p, int[] y) {
    long positives = check(p, y);
    List<CalibrationBin> table = calibrationTable(p, y);
    return new Summary(
        p.length,
        positives,
        (double) positives / p.length,
        rocAuc(p, y),
        prAuc(p, y),
        brier(p, y),
        logLoss(p, y),
        ece(table, p.length),
        captureTopDecile(p, y),
        table);
  }

  /** Checks the input and returns the number of late examples. */
  static long check(double[] p, int[] y) {
    if (p.length != y.length || p.length == 0) {
      throw new IllegalArgumentException(
          "evaluation needs as many outcomes as probabilities, at least one: "
              + p.length
              + " / "
              + y.length);
    }
    long positives = 0;
    for (int k = 0; k < p.length; k++) {
      if (y[k] != 0 && y[k] != 1) {
        throw new IllegalArgumentException(
            "outcome " + k + " is " + y[k] + ": outcomes are 0 (on time) or 1 (late)");
      }
      if (!(p[k] >= 0 && p[k] <= 1)) {
        throw new IllegalArgumentException(
            "probability " + k + " is " + p[k] + ": probabilities are between 0 and 1");
      }
      positives += y[k];
    }
    return positives;
  }

  public static double rocAuc(double[] p, int[] y) {
    long pos = check(p, y);
    long neg = p.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    Integer[] order = order(p, false);
    double rankSum = 0; // sum of the (mid, 1-based) ranks of the late examples
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        rankSum += y[order[k]] * mid;
      }
      i = j + 1;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  public static double prAuc(double[] p, int[] y) {
    long pos = check(p, y);
    if (pos == 0) {
      return Double.NaN;
    }
    Integer[] order = order(p, true);
    double ap = 0;
    long tp = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      int blockPos = 0;
      while (j < order.length && p[order[j]] == p[order[i]]) {
        blockPos += y[order[j]];
        j++;
      }
      tp += blockPos;
      ap += blockPos * ((double) tp / j);
      i = j;
    }
    return ap / pos;
  }

  public static double brier(double[] p, int[] y) {
    check(p, y);
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      s += (p[k] - y[k]) * (p[k] - y[k]);
    }
    return s / p.length;
  }

  public static double logLoss(double[] p, int[] y) {
    check(p, y);
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      double q = Math.min(1 - LOG_LOSS_CLIP, Math.max(LOG_LOSS_CLIP, p[k]));
      s -= y[k] == 1 ? Math.log(q) : Math.log(1 - q);
    }
    return s / p.length;
  }

  public static List<CalibrationBin> calibrationTable(double[] p, int[] y) {
    check(p, y);
    long[] n = new long[CALIBRATION_BINS];
    double[] sp = new double[CALIBRATION_BINS];
    double[] sy = new double[CALIBRATION_BINS];
    for (int k = 0; k < p.length; k++) {
      int b = Math.min(CALIBRATION_BINS - 1, (int) Math.floor(p[k] * CALIBRATION_BINS));
      n[b]++;
      sp[b] += p[k];
      sy[b] += y[k];
    }
    List<CalibrationBin> bins = new ArrayList<>();
    for (int b = 0; b < CALIBRATION_BINS; b++) {
      bins.add(
          new CalibrationBin(
              (double) b / CALIBRATION_BINS,
              (double) (b + 1) / CALIBRATION_BINS,
              n[b],
              n[b] == 0 ? Double.NaN : sp[b] / n[b],
              n[b] == 0 ? Double.NaN : sy[b] / n[b]));
    }
    return bins;
  }

  public static double ece(double[] p, int[] y) {
    return ece(calibrationTable(p, y), p.length);
  }

  /**
   * ECE of a calibration table over {@code rows} examples: sum of (bin rows / rows) x |mean
   * predicted - observed share|.
   */
  public static double ece(List<CalibrationBin> table, long rows) {
    double e = 0;
    for (CalibrationBin b : table) {
      if (b.rows() > 0) {
        e += (double) b.rows() / rows * Math.abs(b.meanPredicted() - b.observedShare());
      }
    }
    return e;
  }

  public static double captureTopDecile(double[] p, int[] y) {
    long pos = check(p, y);
    if (pos == 0) {
      return Double.NaN;
    }
    Integer[] order = order(p, true);
    int top = (p.length + 9) / 10;
    long caught = 0;
    for (int k = 0; k < top; k++) {
      caught += y[order[k]];
    }
    return (double) caught / pos;
  }

  /** Indices sorted by score (stable: ties keep input order). */
  private static Integer[] order(double[] p, boolean descending) {
    Integer[] idx = new Integer[p.length];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k;
    }
    Comparator<Integer> c = Comparator.comparingDouble(k -> p[k]);
    Arrays.sort(idx, descending ? c.reversed() : c);
    return idx;
  }
}
