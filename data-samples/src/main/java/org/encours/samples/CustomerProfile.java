package org.encours.samples;

import java.util.SplittableRandom;

/**
 * A customer's attributes and hidden behaviour parameters, drawn from its own random stream so that
 * it can be drawn twice (once to share the invoice volume out, once to generate) at no memory cost.
 *
 * @param index position of the customer, 0-based ({@code customer_id} is index + 1)
 * @param createdDay creation date (epoch day); 70 % of customers predate the history
 * @param windowStart first day the customer can be invoiced (epoch day)
 * @param windowEnd last day the customer is invoiced (epoch day): the as-of date, or for a
 *     defaulter 30 to 90 days after it stopped paying
 * @param stopDay the day from which a defaulter never pays again ({@link #NEVER} for others; it may
 *     fall after the as-of date)
 * @param medianAmountEuros the customer's typical invoice amount
 * @param delayShiftDays days of lateness from sector, size, country and the customer's own habit
 * @param slowMeanDays mean lateness of a chronic slow payer
 * @param growthDays lateness a deteriorating payer reaches by the end of the history
 * @param invoiceWeight relative share of the invoice volume (size band x activity window x jitter)
 */
record CustomerProfile(
    int index,
    String name,
    Country country,
    Sector sector,
    SizeBand sizeBand,
    Archetype archetype,
    PaymentTerms terms,
    int createdDay,
    int windowStart,
    int windowEnd,
    int stopDay,
    double medianAmountEuros,
    double delayShiftDays,
    double slowMeanDays,
    double growthDays,
    double invoiceWeight) {

  /** {@link #stopDay} of customers who never stop paying. */
  static final int NEVER = Integer.MAX_VALUE;

  private static final double[] COUNTRY_WEIGHTS = Country.weights();
  private static final double[] SECTOR_WEIGHTS = Sector.weights();
  private static final double[] SIZE_WEIGHTS = SizeBand.weights();

  static CustomerProfile draw(long seed, int index, int startDay, int endDay) {
    SplittableRandom rng = Draws.rng(seed, index, Draws.PROFILE_STREAM);
    Country country = Country.values()[Draws.pick(rng, COUNTRY_WEIGHTS)];
    Sector sector = Sector.values()[Draws.pick(rng, SECTOR_WEIGHTS)];
    SizeBand size = SizeBand.values()[Draws.pick(rng, SIZE_WEIGHTS)];
    Archetype archetype = Archetype.draw(rng, sector, size, country);
    PaymentTerms terms = PaymentTerms.values()[Draws.pick(rng, size.termsWeights)];

    int span = endDay - startDay + 1;
    int createdDay;
    if (rng.nextDouble() < 0.7) {
      createdDay = startDay - 30 - rng.nextInt(3650);
    } else {
      createdDay = startDay + rng.nextInt(Math.max(1, (int) (span * 0.9)));
    }
    int windowStart = Math.max(startDay, createdDay);
    int windowEnd = endDay;
    int stopDay = NEVER;
    if (archetype == Archetype.DEFAULTER) {
      int active = endDay - windowStart + 1;
      stopDay = windowStart + (int) ((0.35 + 0.8 * rng.nextDouble()) * active);
      windowEnd = Math.min(endDay, stopDay + 30 + rng.nextInt(61));
    }

    double medianAmount = size.medianAmountEuros * Draws.lognormal(rng, 0.7);
    double shift =
        sector.delayShift + size.delayShift + country.delayShift + 3.0 * Draws.gaussian(rng);
    double slowMean = 12 + 33 * rng.nextDouble();
    double growth = 30 + 45 * rng.nextDouble();
    double activeShare = (windowEnd - windowStart + 1) / (double) span;
    double weight = size.invoiceWeight * Draws.lognormal(rng, 0.35) * activeShare;
    String name = CompanyNames.draw(rng, country, sector);
    return new CustomerProfile(
        index,
        name,
        country,
        sector,
        size,
        archetype,
        terms,
        createdDay,
        windowStart,
        windowEnd,
        stopDay,
        medianAmount,
        shift,
        slowMean,
        growth,
        weight);
  }
}
