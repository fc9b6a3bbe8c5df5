package org.encours.core.prospect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one encoding of a prospect into model features, used for training and for serving.
 *
 * <p>Categoricals are one-hot features named {@code group=value} (value lower-cased and trimmed;
 * {@code (missing)} when null or blank): {@code country}, {@code sector}, {@code size_band}, {@code
 * channel}, {@code month} (01..12 of the order date). Numeric features, scaled to about unit range
 * so that one learning rate suits all:
 *
 * <ul>
 *   <li>{@code amount_log10}: log10(requested amount) - 3 (EUR 1,000 gives 0, EUR 10,000 gives 1);
 *   <li>{@code terms_months}: requested terms in days / 30;
 *   <li>{@code age_log_years}: ln(1 + company age in years) at the order date, 0 when unknown, with
 *       {@code age_unknown} = 1 then;
 *   <li>{@code peer_sector_logit}, {@code peer_size_band_logit}, {@code peer_country_logit}: logit
 *       of the group's late share shrunk toward the global share ({@link PeerCount#shrunkRate})
 *       with the weight of {@code priorStrength} invoices, minus the logit of the global share (0 =
 *       like everyone);
 *   <li>{@code peer_global_logit}: logit of the global share (the market's lateness at that date).
 * </ul>
 */
public final class ProspectFeatures {
  /** Default weight of the global share when shrinking a peer group's share, in invoices. */
  public static final double DEFAULT_PRIOR_STRENGTH = 50.0;

  public static final String MISSING = "(missing)";

  /** The features a reason can be about; each feature belongs to one group. */
  public enum Group {
    SECTOR("sector"),
    SIZE_BAND("size_band"),
    COUNTRY("country"),
    CHANNEL("channel"),
    MONTH("month"),
    AMOUNT("amount"),
    TERMS("terms"),
    COMPANY_AGE("age"),
    MARKET("market");

    private final String prefix;

    Group(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }

    /** The group of a feature name. */
    public static Group of(String feature) {
      if (feature.startsWith("peer_sector") || feature.startsWith("sector=")) {
        return SECTOR;
      }
      if (feature.startsWith("peer_size_band") || feature.startsWith("size_band=")) {
        return SIZE_BAND;
      }
      if (feature.startsWith("peer_country") || feature.startsWith("country=")) {
        return COUNTRY;
      }
      if (feature.startsWith("channel=")) {
        return CHANNEL;
      }
      if (feature.startsWith("month=")) {
        return MONTH;
      }
      if (feature.startsWith("amount")) {
        return AMOUNT;
      }
      if (feature.startsWith("terms")) {
        return TERMS;
      }
      if (feature.startsWith("age")) {
        return COMPANY_AGE;
      }
      return MARKET;
    }
  }

  /** Feature names and values in a fixed order (names are unique). */
  public record Vector(String[] names, double[] values) {
    public int size() {
      return names.length;
    }
  }

  private ProspectFeatures() {}

  /** Lower-cased, trimmed; {@value #MISSING} for null or blank. */
  public static String normalise(String value) {
    if (value == null || value.isBlank()) {
      return MISSING;
    }
    return value.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Encodes a prospect ordering on {@code orderDate} with its peer counts.
   *
   * @param priorStrength weight of the global share in the shrunk peer shares, in invoices
   */
  public static Vector encode(
      Prospect p, LocalDate orderDate, PeerContext peers, double priorStrength) {
    List<String> names = new ArrayList<>(16);
    List<Double> values = new ArrayList<>(16);
    add(names, values, "country=" + normalise(p.country()), 1);
    add(names, values, "sector=" + normalise(p.sector()), 1);
    add(names, values, "size_band=" + normalise(p.sizeBand()), 1);
    add(names, values, "channel=" + normalise(p.channel()), 1);
    add(names, values, String.format(Locale.ROOT, "month=%02d", orderDate.getMonthValue()), 1);
    add(names, values, "amount_log10", Math.log10(p.requestedAmount().doubleValue()) - 3);
    add(names, values, "terms_months", p.requestedTermsDays() / 30.0);
    Double age = p.ageYearsOn(orderDate);
    add(names, values, "age_log_years", age == null ? 0 : Math.log1p(age));
    add(names, values, "age_unknown", age == null ? 1 : 0);
    double global = peers.globalRate();
    double globalLogit = logit(global);
    add(
        names,
        values,
        "peer_sector_logit",
        logit(peers.sector().shrunkRate(global, priorStrength)) - globalLogit);
    add(
        names,
        values,
        "peer_size_band_logit",
        logit(peers.sizeBand().shrunkRate(global, priorStrength)) - globalLogit);
    add(
        names,
        values,
        "peer_country_logit",
        logit(peers.country().shrunkRate(global, priorStrength)) - globalLogit);
    add(names, values, "peer_global_logit", globalLogit);
    String[] n = names.toArray(new String[0]);
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i);
    }
    return new Vector(n, v);
  }

  /** ln(p / (1 - p)) with p clamped to [0.001, 0.999]. */
  public static double logit(double p) {
    double q = Math.min(0.999, Math.max(0.001, p));
    return Math.log(q / (1 - q));
  }

  private static void add(List<String> names, List<Double> values, String name, double value) {
    names.add(name);
    values.add(value);
  }
}
