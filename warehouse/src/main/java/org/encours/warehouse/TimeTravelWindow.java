package org.encours.warehouse;

import java.util.Locale;
import org.encours.core.EncoursErrors;
import org.encours.core.UserFacingException;

/**
 * How long every version of every warehouse table stays readable by time travel: the audit window.
 *
 * <p>Each analytics row, score and ingest batch records the table versions it was computed from;
 * reproducing a report or a score means reading those versions again. The window is the promise:
 * any version that was the latest one at some moment in the last {@code days} days can be read (its
 * log entries are kept by {@code delta.logRetentionDuration}, its data files by {@code
 * delta.deletedFileRetentionDuration} and by {@code encours maintain}, which vacuums with the same
 * retention).
 *
 * <p>Default {@value #DEFAULT_DAYS} days (about 18 months): a whole fiscal year, its closing and
 * the statutory audit that follows it. Configured with {@value #ENVIRONMENT} or {@code
 * --time-travel-days} on {@code encours maintain}; never below Delta's own safety check of {@value
 * #MINIMUM_DAYS} days (concurrent readers and writers may still use files that recent).
 *
 * <p>Example: {@code TimeTravelWindow.parse("400", "ENCOURS_TIME_TRAVEL_DAYS").deltaInterval()} is
 * {@code "interval 400 days"}.
 */
public record TimeTravelWindow(int days, String source) {
  /** The environment variable holding the window in days. */
  public static final String ENVIRONMENT = "ENCOURS_TIME_TRAVEL_DAYS";

  /** The command-line flag of {@code encours maintain} holding the window in days. */
  public static final String FLAG = "--time-travel-days";

  /** About 18 months: a fiscal year, its closing and the audit after it. */
  public static final int DEFAULT_DAYS = 550;

  /** Delta's VACUUM safety check: files removed less than 7 days ago may still be in use. */
  public static final int MINIMUM_DAYS = 7;

  /**
   * Ten years, the longest a French accounting record must be kept: above it is surely a typo
   * (hours?).
   */
  public static final int MAXIMUM_DAYS = 3660;

  public TimeTravelWindow {
    if (days < MINIMUM_DAYS || days > MAXIMUM_DAYS) {
      throw outOfRange(String.valueOf(days), source);
    }
  }

  /** The built-in default. */
  public static TimeTravelWindow defaults() {
    return new TimeTravelWindow(DEFAULT_DAYS, "default");
  }

  /**
   * From {@value #ENVIRONMENT} when set, else the default; a bad value fails naming the variable.
   */
  public static TimeTravelWindow fromEnvironment() {
    String value = System.getenv(ENVIRONMENT);
    return value == null || value.isBlank() ? defaults() : parse(value, ENVIRONMENT);
  }

  /**
   * Reads a whole number of days; {@code key} (a flag or an environment variable) names the value
   * in the error.
   */
  public static TimeTravelWindow parse(String value, String key) {
    int days;
    try {
      days = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw outOfRange(value, key);
    }
    return new TimeTravelWindow(days, key);
  }

  private static UserFacingException outOfRange(String value, String key) {
    return EncoursErrors.badArgument(
        key,
        value,
        "a whole number of days between "
            + MINIMUM_DAYS
            + " (Delta's VACUUM safety check) and "
            + MAXIMUM_DAYS
            + "; the default "
            + DEFAULT_DAYS
            + " keeps about 18 months of versions for audit (docs/table-layout.md)");
  }

  /** The window as a Delta table property value, e.g. {@code interval 550 days}. */
  public String deltaInterval() {
    return "interval " + days + " days";
  }

  /** The VACUUM retention in hours. */
  public double hours() {
    return days * 24.0;
  }

  /** For messages: {@code 550 days (ENCOURS_TIME_TRAVEL_DAYS)}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d days (%s)", days, source);
  }
}
