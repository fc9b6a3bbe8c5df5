package org.encours.scoring;

import java.util.Arrays;

/**
 * Population stability index between a reference (training) population and a current one, on 10
 * bins cut at the deciles of the reference: PSI = sum over bins of (a - e) x ln(a / e), where e and
 * a are the reference and current shares of the bin. An empty bin's share is floored at 0.0001 so
 * that the index stays finite. Rule of thumb: below 0.10 stable, 0.10 to 0.25 watch, above 0.25
 * act.
 */
public final class PopulationStability {
  private PopulationStability() {}

  static final double SHARE_FLOOR = 1e-4;

  /**
   * Bin of a value: the number of edges strictly below it (edges ascending), so bins are (e[i-1],
   * e[i]].
   */
  public static int bin(double[] edges, double value) {
    int b = 0;
    while (b < edges.length && value > edges[b]) {
      b++;
    }
    return b;
  }

  public static long[] counts(double[] edges, double[] values) {
    long[] n = new long[edges.length + 1];
    for (double v : values) {
      n[bin(edges, v)]++;
    }
    return n;
  }

  public static double psi(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException(
          "PSI needs the same bins on both sides: " + reference.length + " and " + current.length);
    }
    double e = Arrays.stream(reference).sum();
    double a = Arrays.stream(current).sum();
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      double es = Math.max(SHARE_FLOOR, reference[i] / e);
      double as = Math.max(SHARE_FLOOR, current[i] / a);
      psi += (as - es) * Math.log(as / es);
    }
    return psi;
  }

  public static String status(double psi) {
    if (Double.isNaN(psi)) {
      return "unknown";
    }
    return psi < 0.10 ? "stable" : psi <= 0.25 ? "watch" : "act";
  }

  /** Decile edges of a sample (nearest-rank, duplicates removed): at most 9 interior cut points. */
  public static double[] decileEdges(double[] sample) {
    double[] s = sample.clone();
    Arrays.sort(s);
    if (s.length == 0) {
      return new double[0];
    }
    return Arrays.stream(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
        .mapToDouble(k -> s[Math.max(0, (int) Math.ceil(k / 10.0 * s.length) - 1)])
        .distinct()
        .filter(v -> v < s[s.length - 1])
        .toArray();
  }
}
