package org.encours.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Binary-classification figures on plain arrays (probability, 0/1 outcome), computed here rather
 * than by Spark's evaluators so that every definition is stated and tested by hand:
 *
 * <ul>
 *   <li><b>ROC AUC</b>: probability that a random late invoice scores above a random on-time one,
 *       ties counting one half (Mann-Whitney, mid-ranks).
 *   <li><b>PR AUC</b>: average precision, sum over the late invoices, in decreasing score order, of the
 *       precision at that point (tied scores form one block).
 *   <li><b>Brier score</b>: mean of (p - y)^2. <b>Log loss</b>: mean of -[y ln p + (1-y) ln(1-p)], p
 *       clipped to [1e-15, 1 - 1e-15].
 *   <li><b>Calibration table and ECE</b>: 10 equal-width bins of the predicted probability ([0, 0.1),
 *       ..., [0.9, 1.0]); ECE = sum over bins of (rows in bin / rows) x |mean predicted - observed
 *       share|.
 *   <li><b>Capture in the riskiest decile</b>: share of all late invoices found among the ceil(10 %)
 *       highest-scored rows (ties broken by input order).
 * </ul>
 */
public final class EvaluationMetrics {
  private EvaluationMetrics() {}

  public static final int CALIBRATION_BINS = 10;

  /** One row of the calibration table. */
  public record CalibrationBin(double lower, double upper, long rows, double meanPredicted, double observedShare) {}

  /** All the figures for one scorer on one period. */
  public record Summary(
      long rows,
      double positiveShare,
      double rocAuc,
      double prAuc,
      double brier,
      double logLoss,
      double ece,
      double captureTopDecile,
      List<CalibrationBin> calibration) {}

  public static Summary summarize(double[] p, int[] y) {
    List<CalibrationBin> table = calibrationTable(p, y);
    return new Summary(p.length, mean(y), rocAuc(p, y), prAuc(p, y), brier(p, y), logLoss(p, y), ece(table, p.length),
        captureTopDecile(p, y), table);
  }

  static double mean(int[] y) {
    double s = 0;
    for (int v : y) {
      s += v;
    }
    return y.length == 0 ? Double.NaN : s / y.length;
  }

  public static double rocAuc(double[] p, int[] y) {
    Integer[] order = order(p, false);
    double[] ranks = new double[p.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = mid;
      }
      i = j + 1;
    }
    long pos = 0;
    double rankSum = 0;
    for (int k = 0; k < p.length; k++) {
      if (y[k] == 1) {
        pos++;
        rankSum += ranks[k];
      }
    }
    long neg = p.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  public static double prAuc(double[] p, int[] y) {
    Integer[] order = order(p, true);
    long pos = 0;
    for (int v : y) {
      pos += v;
    }
    if (pos == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long tp = 0;
    int seen = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      int blockPos = 0;
      while (j < order.length && p[order[j]] == p[order[i]]) {
        blockPos += y[order[j]];
        j++;
      }
      tp += blockPos;
      seen = j;
      ap += blockPos * ((double) tp / seen);
      i = j;
    }
    return ap / pos;
  }

  public static double brier(double[] p, int[] y) {
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      s += (p[k] - y[k]) * (p[k] - y[k]);
    }
    return s / p.length;
  }

  public static double logLoss(double[] p, int[] y) {
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      double q = Math.min(1 - 1e-15, Math.max(1e-15, p[k]));
      s -= y[k] == 1 ? Math.log(q) : Math.log(1 - q);
    }
    return s / p.length;
  }

  public static List<CalibrationBin> calibrationTable(double[] p, int[] y) {
    long[] n = new long[CALIBRATION_BINS];
    double[] sp = new double[CALIBRATION_BINS];
    double[] sy = new double[CALIBRATION_BINS];
    for (int k = 0; k < p.length; k++) {
      int b = Math.min(CALIBRATION_BINS - 1, Math.max(0, (int) Math.floor(p[k] * CALIBRATION_BINS)));
      n[b]++;
      sp[b] += p[k];
      sy[b] += y[k];
    }
    List<CalibrationBin> bins = new ArrayList<>();
    for (int b = 0; b < CALIBRATION_BINS; b++) {
      bins.add(new CalibrationBin((double) b / CALIBRATION_BINS, (double) (b + 1) / CALIBRATION_BINS, n[b],
          n[b] == 0 ? Double.NaN : sp[b] / n[b], n[b] == 0 ? Double.NaN : sy[b] / n[b]));
    }
    return bins;
  }

  public static double ece(double[] p, int[] y) {
    return ece(calibrationTable(p, y), p.length);
  }

  static double ece(List<CalibrationBin> table, long rows) {
    double e = 0;
    for (CalibrationBin b : table) {
      if (b.rows() > 0) {
        e += (double) b.rows() / rows * Math.abs(b.meanPredicted() - b.observedShare());
      }
    }
    return e;
  }

  public static double captureTopDecile(double[] p, int[] y) {
    Integer[] order = order(p, true);
    int top = (int) Math.ceil(p.length / 10.0);
    double pos = 0;
    double caught = 0;
    for (int k = 0; k < order.length; k++) {
      pos += y[order[k]];
      if (k < top) {
        caught += y[order[k]];
      }
    }
    return pos == 0 ? Double.NaN : caught / pos;
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
