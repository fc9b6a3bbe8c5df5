package org.encours.core.prospect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Isotonic calibration: a non-decreasing map from the model's raw probability to the observed late
 * share, fitted by pool-adjacent-violators on a calibration period and stored as a table of blocks.
 *
 * <p>Applying it interpolates linearly between the blocks' mean raw scores (flat beyond the first
 * and last block), so the result is non-decreasing and continuous; it is clamped to [{@value
 * #FLOOR}, 1 - {@value #FLOOR}] so that one surprising outcome cannot cost an infinite log loss.
 * Plain Java: the table travels in the model sidecar and serving needs nothing else.
 *
 * @param blocks in increasing order of raw score
 */
public record IsotonicCalibration(List<Block> blocks) {
  public static final double FLOOR = 0.005;

  /**
   * One pooled block of calibration examples.
   *
   * @param minScore lowest raw score in the block
   * @param maxScore highest raw score in the block
   * @param meanScore mean raw score (the interpolation knot)
   * @param count examples pooled
   * @param rate observed late share of the block
   */
  public record Block(
      double minScore, double maxScore, double meanScore, long count, double rate) {}

  public IsotonicCalibration {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException(
          "an isotonic calibration needs at least one block (no calibration examples?)");
    }
    blocks = List.copyOf(blocks);
  }

  /**
   * Fits on raw scores and 0/1 outcomes (ties in score are pooled first, so the fit is
   * order-independent).
   */
  public static IsotonicCalibration fit(double[] scores, int[] outcomes) {
    if (scores.length != outcomes.length || scores.length == 0) {
      throw new IllegalArgumentException(
          "calibration needs as many outcomes as scores, at least one: "
              + scores.length
              + " / "
              + outcomes.length);
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    // Stack of blocks: sum of outcomes, count, sum of scores, min, max.
    List<double[]> stack = new ArrayList<>();
    int i = 0;
    while (i < order.length) {
      double s = scores[order[i]];
      double sumY = 0;
      int n = 0;
      while (i < order.length && scores[order[i]] == s) {
        sumY += outcomes[order[i]];
        n++;
        i++;
      }
      double[] block = {sumY, n, s * n, s, s};
      stack.add(block);
      while (stack.size() > 1) {
        double[] last = stack.get(stack.size() - 1);
        double[] prev = stack.get(stack.size() - 2);
        if (prev[0] / prev[1]
            < last[0] / last[1]) { // equal shares are pooled too: strictly increasing blocks
          break;
        }
        prev[0] += last[0];
        prev[1] += last[1];
        prev[2] += last[2];
        prev[4] = last[4];
        stack.remove(stack.size() - 1);
      }
    }
    List<Block> blocks = new ArrayList<>();
    for (double[] b : stack) {
      blocks.add(new Block(b[3], b[4], b[2] / b[1], (long) b[1], b[0] / b[1]));
    }
    return new IsotonicCalibration(blocks);
  }

  /** The calibrated probability of a raw score. */
  public double apply(double score) {
    double p;
    Block first = blocks.get(0);
    Block last = blocks.get(blocks.size() - 1);
    if (score <= first.meanScore()) {
      p = first.rate();
    } else if (score >= last.meanScore()) {
      p = last.rate();
    } else {
      int lo = 0;
      int hi = blocks.size() - 1;
      while (hi - lo > 1) { // invariant: mean[lo] < score < mean[hi]
        int mid = (lo + hi) >>> 1;
        if (blocks.get(mid).meanScore() <= score) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      Block a = blocks.get(lo);
      Block b = blocks.get(hi);
      double w = (score - a.meanScore()) / (b.meanScore() - a.meanScore());
      p = a.rate() + w * (b.rate() - a.rate());
    }
    return Math.min(1 - FLOOR, Math.max(FLOOR, p));
  }
}
