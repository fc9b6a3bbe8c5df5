package org.encours.samples;

import java.time.LocalDate;
import org.encours.core.EncoursErrors;

/**
 * What to generate: the number of invoices, the seed, the ledger's as-of date and the months of
 * history. The same settings always give byte-identical output.
 *
 * <p>The history covers {@code start() .. end} inclusive, where {@code start() = end - months + 1
 * day}. Invoices are issued in that window; nothing (payment, reminder, dispute, credit note) is
 * dated after {@code end}.
 *
 * @param invoices exactly this many documents of type {@code invoice} are written (credit notes
 *     come on top); {@value #MIN_INVOICES} to {@value #MAX_INVOICES}
 * @param seed the random seed
 * @param end the as-of date of the ledger
 * @param months months of history, {@value #MIN_MONTHS} to {@value #MAX_MONTHS}
 */
public record GenerationSettings(long invoices, long seed, LocalDate end, int months) {
  public static final long DEFAULT_INVOICES = 20_000;
  public static final long MIN_INVOICES = 1_000;
  public static final long MAX_INVOICES = 20_000_000;
  public static final long DEFAULT_SEED = 42;
  public static final LocalDate DEFAULT_END = LocalDate.of(2026, 10, 31);
  public static final int DEFAULT_MONTHS = 36;
  public static final int MIN_MONTHS = 1;
  public static final int MAX_MONTHS = 120;

  /** Mean invoices per customer; the number of customers is round(invoices / this). */
  public static final int INVOICES_PER_CUSTOMER = 20;

  /** Checks every value; the messages name the command-line option to fix. */
  public GenerationSettings {
    if (invoices < MIN_INVOICES || invoices > MAX_INVOICES) {
      throw EncoursErrors.badArgument(
          "--invoices",
          Long.toString(invoices),
          "a number of invoices from " + MIN_INVOICES + " to " + MAX_INVOICES);
    }
    if (end == null || end.getYear() < 1990 || end.getYear() > 2100) {
      throw EncoursErrors.badArgument(
          "--end", String.valueOf(end), "an as-of date between 1990-01-01 and 2100-12-31");
    }
    if (months < MIN_MONTHS || months > MAX_MONTHS) {
      throw EncoursErrors.badArgument(
          "--months",
          Integer.toString(months),
          "a number of months of history from " + MIN_MONTHS + " to " + MAX_MONTHS);
    }
  }

  /** The defaults: 20,000 invoices, seed 42, 36 months up to 2026-10-31. */
  public static GenerationSettings defaults() {
    return new GenerationSettings(DEFAULT_INVOICES, DEFAULT_SEED, DEFAULT_END, DEFAULT_MONTHS);
  }

  public GenerationSettings withInvoices(long n) {
    return new GenerationSettings(n, seed, end, months);
  }

  public GenerationSettings withSeed(long s) {
    return new GenerationSettings(invoices, s, end, months);
  }

  /** First day of the history: {@code end - months + 1 day}. */
  public LocalDate start() {
    return end.minusMonths(months).plusDays(1);
  }

  /** round(invoices / {@value #INVOICES_PER_CUSTOMER}), at least 1. */
  public int customers() {
    return (int) Math.max(1, (invoices + INVOICES_PER_CUSTOMER / 2) / INVOICES_PER_CUSTOMER);
  }
}
