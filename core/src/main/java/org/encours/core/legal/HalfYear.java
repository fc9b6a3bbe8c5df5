package org.encours.core.legal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar half-year: H1 is 1 January to 30 June, H2 is 1 July to 31 December. Written {@code
 * 2024-H1}. Penalty rates are fixed per half-year on its first day ({@link #referenceDate()}).
 */
public record HalfYear(int year, int half) implements Comparable<HalfYear>, Serializable {
  private static final Pattern TEXT = Pattern.compile("(\\d{4})-H([12])");

  public HalfYear {
    if (half != 1 && half != 2) {
      throw new IllegalArgumentException("half must be 1 or 2, got " + half);
    }
  }

  public static HalfYear containing(LocalDate day) {
    return new HalfYear(day.getYear(), day.getMonthValue() <= 6 ? 1 : 2);
  }

  /** Parses {@code 2024-H1}; returns null when the text is not of that form. */
  public static HalfYear parseOrNull(String text) {
    Matcher m = TEXT.matcher(text);
    return m.matches()
        ? new HalfYear(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
        : null;
  }

  /** 1 January or 1 July. */
  public LocalDate start() {
    return LocalDate.of(year, half == 1 ? 1 : 7, 1);
  }

  /** 30 June or 31 December (inclusive). */
  public LocalDate end() {
    return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
  }

  /** The day whose ECB rate applies to the whole half-year: its first day. */
  public LocalDate referenceDate() {
    return start();
  }

  public HalfYear next() {
    return half == 1 ? new HalfYear(year, 2) : new HalfYear(year + 1, 1);
  }

  @Override
  public int compareTo(HalfYear other) {
    return year != other.year
        ? Integer.compare(year, other.year)
        : Integer.compare(half, other.half);
  }

  @Override
  public String toString() {
    return year + "-H" + half;
  }
}
