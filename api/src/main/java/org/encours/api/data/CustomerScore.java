package org.encours.api.data;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One customer's latest score, held compactly (about 200 bytes with its index entries): money in
 * cents, the date as an epoch day, repeated strings and maps shared between records.
 */
public record CustomerScore(
    String customerId,
    int asOfEpochDay,
    double probability,
    int points,
    String grade,
    String[] reasonTexts,
    double[] reasonContributions,
    long exposureCents,
    long expectedLossCents,
    String modelVersion,
    Map<String, Long> inputVersions) {

  /** Whether the score itself (not its date or provenance) is the same: what "changed" means. */
  public boolean sameScoreAs(CustomerScore other) {
    return other != null
        && Double.compare(probability, other.probability) == 0
        && points == other.points
        && Objects.equals(grade, other.grade)
        && Arrays.equals(reasonTexts, other.reasonTexts)
        && Arrays.equals(reasonContributions, other.reasonContributions)
        && exposureCents == other.exposureCents
        && expectedLossCents == other.expectedLossCents
        && Objects.equals(modelVersion, other.modelVersion);
  }

  /**
   * A 64-bit fingerprint of what {@link #sameScoreAs} compares (to compare against old versions
   * cheaply).
   */
  public long fingerprint() {
    long h = 1125899906842597L;
    h = 31 * h + Double.doubleToLongBits(probability);
    h = 31 * h + points;
    h = 31 * h + Objects.hashCode(grade);
    h = 31 * h + Arrays.hashCode(reasonTexts);
    h = 31 * h + Arrays.hashCode(reasonContributions);
    h = 31 * h + exposureCents;
    h = 31 * h + expectedLossCents;
    h = 31 * h + Objects.hashCode(modelVersion);
    return h ^ (h >>> 29);
  }
}
