package org.encours.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The aging buckets: upper bounds in days (default 30, 60, 90, 120) and the date items are aged
 * from.
 *
 * <p>Aged from the due date (default), an item is {@code not_due} while days past due (D - due
 * date) is zero or less (an invoice due today is not late), then {@code 1-30}, {@code 31-60},
 * {@code 61-90}, {@code 91-120}, {@code >120}. Aged from the issue date, the age is D - issue date
 * and the first bucket is {@code 0-30}.
 */
public final class AgingSlabs {

  /** The date items are aged from. */
  public enum Basis {
    DUE_DATE,
    ISSUE_DATE;

    public static Basis parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      if (t.equals("due") || t.equals("due_date")) {
        return DUE_DATE;
      }
      if (t.equals("issue") || t.equals("issue_date")) {
        return ISSUE_DATE;
      }
      throw new IllegalArgumentException("expected 'due' or 'issue'");
    }
  }

  /** Label of the bucket that holds items not yet due (due-date basis). */
  public static final String NOT_DUE = "not_due";

  /** Label of the line holding credit balances (not aged). */
  public static final String CREDITS = "credits";

  /** Default upper bounds, in days. */
  public static final List<Integer> DEFAULT_BOUNDS = List.of(30, 60, 90, 120);

  private final List<Integer> bounds;
  private final Basis basis;

  private AgingSlabs(List<Integer> bounds, Basis basis) {
    this.bounds = List.copyOf(bounds);
    this.basis = basis;
  }

  public static AgingSlabs defaults() {
    return new AgingSlabs(DEFAULT_BOUNDS, Basis.DUE_DATE);
  }

  /**
   * @param bounds strictly increasing positive upper bounds in days, e.g. [30, 60, 90]
   * @throws IllegalArgumentException naming the problem
   */
  public static AgingSlabs of(List<Integer> bounds, Basis basis) {
    if (bounds.isEmpty()) {
      throw new IllegalArgumentException("at least one bound is needed, e.g. 30,60,90");
    }
    int previous = 0;
    for (Integer b : bounds) {
      if (b == null || b <= previous) {
        throw new IllegalArgumentException(
            "bounds must be positive and strictly increasing, found " + b + " after " + previous);
      }
      previous = b;
    }
    return new AgingSlabs(bounds, basis);
  }

  /** Parses "30,60,90,120". */
  public static AgingSlabs parse(String bounds, Basis basis) {
    List<Integer> values = new ArrayList<>();
    for (String part : bounds.split(",")) {
      try {
        values.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + part.trim() + "' is not a whole number of days");
      }
    }
    return of(values, basis);
  }

  public List<Integer> bounds() {
    return bounds;
  }

  public Basis basis() {
    return basis;
  }

  /** The aged buckets in order, e.g. [not_due, 1-30, 31-60, 61-90, 91-120, >120]. */
  public List<String> labels() {
    List<String> labels = new ArrayList<>();
    int lower;
    if (basis == Basis.DUE_DATE) {
      labels.add(NOT_DUE);
      lower = 1;
    } else {
      lower = 0;
    }
    for (int b : bounds) {
      labels.add(lower + "-" + b);
      lower = b + 1;
    }
    labels.add(">" + bounds.get(bounds.size() - 1));
    return labels;
  }

  /** The bucket of a positive open item of the given age (days past due, or days since issue). */
  public String label(int age) {
    List<String> labels = labels();
    int offset = 0;
    if (basis == Basis.DUE_DATE) {
      if (age <= 0) {
        return NOT_DUE;
      }
      offset = 1;
    }
    for (int i = 0; i < bounds.size(); i++) {
      if (age <= bounds.get(i)) {
        return labels.get(i + offset);
      }
    }
    return labels.get(labels.size() - 1);
  }

  @Override
  public String toString() {
    return "aged from " + basis.name().toLowerCase(Locale.ROOT) + ", buckets " + labels();
  }
}
