package org.encours.core.prospect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic first-invoice rows for testing the machinery rather than accuracy: construction
 * and micro firms and paper invoices are riskier, IT and large firms safer.
 */
final class ProspectRows {
  static final String[] SECTORS = {"construction", "it", "retail"};
  static final String[] SIZES = {"micro", "small", "large"};
  static final String[] COUNTRIES = {"FR", "IT", "DE"};

  private ProspectRows() {}

  static List<ProspectRow> generate(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<ProspectRow> rows = new ArrayList<>();
    LocalDate start = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < n; i++) {
      String sector = SECTORS[rng.nextInt(3)];
      String size = SIZES[rng.nextInt(3)];
      String country = COUNTRIES[rng.nextInt(3)];
      String channel = rng.nextInt(4) == 0 ? "paper" : "electronic";
      double logit =
          -1.2
              + (sector.equals("construction") ? 1.2 : sector.equals("it") ? -0.8 : 0)
              + (size.equals("micro") ? 0.8 : size.equals("large") ? -0.8 : 0)
              + (channel.equals("paper") ? 0.5 : 0);
      int late = rng.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      LocalDate date = start.plusDays(i * 400L / n);
      Prospect p =
          new Prospect(
              country,
              sector,
              size,
              date.minusDays(100 + rng.nextInt(3000)),
              null,
              BigDecimal.valueOf(200 + rng.nextInt(20000)),
              rng.nextBoolean() ? 30 : 60,
              channel,
              date);
      PeerContext peers =
          new PeerContext(
              new PeerCount(1000 + i, 300 + i / 4),
              new PeerCount(100 + i / 3, sector.equals("construction") ? 50 + i / 6 : 20 + i / 12),
              new PeerCount(50, 15),
              new PeerCount(80, 20));
      rows.add(new ProspectRow(String.format("C%05d", i), date, p, peers, late));
    }
    return rows;
  }
}
