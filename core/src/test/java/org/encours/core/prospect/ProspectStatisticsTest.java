package org.encours.core.prospect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shrinkage and calibration on hand examples (expected values computed in the comments). */
class ProspectStatisticsTest {

  @Test
  void thinPeerGroupsAreShrunkTowardTheGlobalShare() {
    // 3 late of 4 invoices, global share 0.20, strength 20: (3 + 20 x 0.20) / (4 + 20) = 7 / 24
    assertThat(new PeerCount(4, 3).shrunkRate(0.20, 20)).isCloseTo(7.0 / 24, within(1e-12));
    // 300 late of 1000: (300 + 4) / 1020 = 0.29804, close to its own 0.30
    assertThat(new PeerCount(1000, 300).shrunkRate(0.20, 20))
        .isCloseTo(304.0 / 1020, within(1e-12));
    // an empty group gets the global share
    assertThat(PeerCount.NONE.shrunkRate(0.20, 20)).isEqualTo(0.20);
    // global share with a Laplace start: (24 + 1) / (98 + 2) = 0.25
    PeerContext peers =
        new PeerContext(new PeerCount(98, 24), new PeerCount(4, 3), PeerCount.NONE, PeerCount.NONE);
    assertThat(peers.globalRate()).isEqualTo(0.25);
    assertThatThrownBy(() -> new PeerCount(2, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void featuresEncodePeerSharesAsLogitsAgainstTheMarket() {
    // global (24+1)/(98+2) = 0.25; sector (3 + 50 x 0.25) / (4 + 50) = 15.5 / 54 = 0.287037
    PeerContext peers =
        new PeerContext(new PeerCount(98, 24), new PeerCount(4, 3), PeerCount.NONE, PeerCount.NONE);
    Prospect p =
        new Prospect(
            " FR",
            "Construction",
            null,
            LocalDate.of(2020, 3, 1),
            null,
            new BigDecimal("10000"),
            45,
            "paper",
            LocalDate.of(2024, 3, 1));
    ProspectFeatures.Vector v = ProspectFeatures.encode(p, p.orderDate(), peers, 50);
    Map<String, Double> f = new java.util.HashMap<>();
    for (int i = 0; i < v.size(); i++) {
      f.put(v.names()[i], v.values()[i]);
    }
    assertThat(f)
        .containsKeys(
            "country=fr",
            "sector=construction",
            "size_band=(missing)",
            "channel=paper",
            "month=03");
    assertThat(f.get("amount_log10")).isCloseTo(1.0, within(1e-12)); // log10(10000) - 3
    assertThat(f.get("terms_months")).isEqualTo(1.5); // 45 / 30
    assertThat(f.get("age_log_years"))
        .isCloseTo(Math.log1p(1461 / 365.25), within(1e-12)); // 4 years, 1461 days
    assertThat(f.get("age_unknown")).isZero();
    double logit = Math.log(0.287037037 / (1 - 0.287037037)) - Math.log(0.25 / 0.75);
    assertThat(f.get("peer_sector_logit")).isCloseTo(logit, within(1e-6));
    assertThat(f.get("peer_size_band_logit"))
        .isCloseTo(0, within(1e-12)); // empty group = the market
  }

  @Test
  void prospectValidationSaysWhatIsWrong() {
    assertThatThrownBy(
            () ->
                new Prospect("FR", "it", "small", null, null, new BigDecimal("-5"), 30, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestedAmount -5 is not positive");
    assertThatThrownBy(
            () -> new Prospect("FR", "it", "small", null, null, BigDecimal.TEN, 400, null, null))
        .hasMessageContaining("requestedTermsDays 400");
    assertThatThrownBy(
            () ->
                new Prospect(
                    "FR",
                    "it",
                    "small",
                    LocalDate.of(2025, 1, 2),
                    null,
                    BigDecimal.TEN,
                    30,
                    null,
                    LocalDate.of(2025, 1, 1)))
        .hasMessageContaining("after orderDate");
  }

  @Test
  void isotonicFitPoolsViolatorsAndIsMonotone() {
    // scores 0.1..0.5 with outcomes 0,1,0,1,1: (0.2:1, 0.3:0) violate and pool to 0.5 at mean score
    // 0.25
    IsotonicCalibration c =
        IsotonicCalibration.fit(new double[] {0.3, 0.1, 0.5, 0.2, 0.4}, new int[] {0, 0, 1, 1, 1});
    assertThat(c.blocks())
        .extracting(IsotonicCalibration.Block::rate)
        .containsExactly(0.0, 0.5, 1.0);
    assertThat(c.blocks()).extracting(IsotonicCalibration.Block::count).containsExactly(1L, 2L, 2L);
    assertThat(c.blocks().get(2).meanScore()).isCloseTo(0.45, within(1e-12));
    assertThat(c.apply(0.05)).isEqualTo(IsotonicCalibration.FLOOR); // 0 clamped
    assertThat(c.apply(0.25)).isEqualTo(0.5);
    assertThat(c.apply(0.35))
        .isCloseTo(0.75, within(1e-12)); // halfway between 0.25 (0.5) and 0.45 (1.0)
    assertThat(c.apply(0.9)).isEqualTo(1 - IsotonicCalibration.FLOOR);
    double previous = -1;
    for (double s = 0; s <= 1.0; s += 0.001) {
      double p = c.apply(s);
      assertThat(p).isGreaterThanOrEqualTo(previous);
      previous = p;
    }
  }
}
