package org.encours.core.prospect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The figures every Encours model is judged by, on probabilities and 0/1 outcomes: ROC AUC, PR AUC
 * (average precision), Brier score, log loss, a 10-bin calibration table with its expected
 * calibration error, and the share of late outcomes captured by the riskiest decile.
 *
 * @param examples number of examples
 * @param positives late outcomes among them
 * @param rocAuc probability that a late example scores above an on-time one (ties count half); NaN with one class only
 * @param prAuc average precision: mean over late examples of the precision at their rank (ties broken by input order)
 * @param brier mean squared error of the probability
 * @param logLoss mean negative log-likelihood, probabilities clamped to [1e-6, 1 - 1e-6]
 * @param ece expected calibration error over 10 equal-width bins: sum of (bin share x |observed - mean predicted|)
 * @param captureTopDecile share of all late outcomes among the ceil(n / 10) highest probabilities
 * @param calibration the 10 bins (empty bins included)
 */
public record ProspectEvaluation(
    int examples,
    int positives,
    double rocAuc,
    double prAuc,
    double brier,
    double logLoss,
    double ece,
    double captureTopDecile,
    List<Bin> calibration) {

  /** A calibration bin [lower, upper): examples, mean predicted probability, observed late share. */
  public record Bin(double lower, double upper, int count, double meanPredicted, double observed) {}

  public static ProspectEvaluation of(double[] p, int[] y) {
    int n = p.length;
    if (n != y.length || n == 0) {
      throw new IllegalArgumentException("evaluation needs as many outcomes as probabilities, at least one: " + n + " / " + y.length);
    }
    int positives = 0;
    double brier = 0;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
      positives += y[i];
      brier += (p[i] - y[i]) * (p[i] - y[i]);
      double q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
      logLoss -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
    }
    Integer[] desc = new Integer[n];
    for (int i = 0; i < n; i++) {
      desc[i] = i;
    }
    Arrays.sort(desc, Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i));
    return new ProspectEvaluation(
        n, positives, rocAuc(p, y, positives), averagePrecision(desc, y, positives), brier / n, logLoss / n,
        ece(p, y), capture(desc, y, positives), bins(p, y));
  }

  private static double rocAuc(double[] p, int[] y, int positives) {
    int n = p.length;
    int negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    Integer[] asc = new Integer[n];
    for (int i = 0; i < n; i++) {
      asc[i] = i;
    }
    Arrays.sort(asc, Comparator.comparingDouble(i -> p[i]));
    double rankSum = 0; // sum of the (average, 1-based) ranks of positives
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && p[asc[j]] == p[asc[i]]) {
        j++;
      }
      double avgRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (y[asc[k]] == 1) {
          rankSum += avgRank;
        }
      }
      i = j;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  private static double averagePrecision(Integer[] desc, int[] y, int positives) {
    if (positives == 0) {
      return Double.NaN;
    }
    double sum = 0;
    int hits = 0;
    for (int k = 0; k < desc.length; k++) {
      if (y[desc[k]] == 1) {
        hits++;
        sum += hits / (double) (k + 1);
      }
    }
    return sum / positives;
  }

  private static double capture(Integer[] desc, int[] y, int positives) {
    if (positives == 0) {
      return Double.NaN;
    }
    int top = (desc.length + 9) / 10;
    int hits = 0;
    for (int k = 0; k < top; k++) {
      hits += y[desc[k]];
    }
    return hits / (double) positives;
  }

  private static List<Bin> bins(double[] p, int[] y) {
    int[] count = new int[10];
    double[] sumP = new double[10];
    int[] sumY = new int[10];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(9, Math.max(0, (int) Math.floor(p[i] * 10)));
      count[b]++;
      sumP[b] += p[i];
      sumY[b] += y[i];
    }
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      bins.add(new Bin(b / 10.0, (b + 1) / 10.0, count[b],
          count[b] == 0 ? Double.NaN : sumP[b] / count[b], count[b] == 0 ? Double.NaN : sumY[b] / (double) count[b]));
    }
    return bins;
  }

  private static double ece(double[] p, int[] y) {
    double ece = 0;
    for (Bin b : bins(p, y)) {
      if (b.count() > 0) {
        ece += b.count() / (double) p.length * Math.abs(b.observed() - b.meanPredicted());
      }
    }
    return ece;
  }
}
