package org.encours.samples;

import java.util.SplittableRandom;

/**
 * Random draws used by the generator. Only {@link StrictMath} is used so that results are
 * bit-for-bit the same on every JVM and CPU (the committed demo sample is checked byte for byte).
 */
final class Draws {
  private Draws() {}

  /** Stream of a customer's attributes ({@link CustomerProfile}). */
  static final int PROFILE_STREAM = 1;

  /** Stream of a customer's invoices, payments and reminders ({@link CustomerHistory}). */
  static final int HISTORY_STREAM = 2;

  /**
   * The generator of one customer's stream: a function of (seed, customer index, stream) only, so
   * each customer's data is the same whatever was generated before it.
   */
  static SplittableRandom rng(long seed, long customerIndex, int stream) {
    long z = mix(seed);
    z = mix(z + customerIndex * 0x9E3779B97F4A7C15L);
    z = mix(z + stream * 0xD1B54A32D192ED03L);
    return new SplittableRandom(z);
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** An index drawn with probability proportional to its (non-negative) weight. */
  static int pick(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** A standard normal draw (Box-Muller, one value per call). */
  static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // (0, 1]
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** A log-normal factor with median 1 and log-scale {@code sigma}. */
  static double lognormal(SplittableRandom rng, double sigma) {
    return StrictMath.exp(sigma * gaussian(rng));
  }

  /** Rounds to the nearest integer (halves away from zero) without Math intrinsics. */
  static long round(double x) {
    return x >= 0 ? (long) (x + 0.5) : -(long) (-x + 0.5);
  }
}
