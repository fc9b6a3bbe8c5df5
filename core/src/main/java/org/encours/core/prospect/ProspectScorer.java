package org.encours.core.prospect;

import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * Scores prospects with a saved prospect model folder, without Spark. Thread-safe after loading.
 *
 * <pre>{@code
 * ProspectScorer scorer = ProspectScorer.load(Path.of("var/models/prospects"), GradeBands.defaults()::gradeFor);
 * ProspectScore s = scorer.score(new Prospect("IT", "construction", "micro", null, 1.5,
 *     new BigDecimal("48000"), 60, "paper", LocalDate.of(2026, 11, 2)));
 * // s.probability() 0.41, s.grade() "E", s.reasons().get(0).text()
 * //   "sector construction: 31 % of invoices paid more than 30 days late (412 known)"
 * }</pre>
 *
 * <p>Contributions: the model is a logistic regression, so log-odds = bias + sum of weight x value.
 * Each group's contribution is the sum over its features of weight x (value - training mean); the
 * contributions add up to the log-odds minus the log-odds of an average training row.
 */
public final class ProspectScorer {
  /** Most reasons returned. */
  public static final int MAX_REASONS = 4;

  private final ProspectModelCard card;
  private final Model<Label> model;
  private final DoubleFunction<String> grades;
  private final Clock clock;
  private final Map<String, Double> weights;
  private final EnumMap<ProspectFeatures.Group, Double> groupBaseline =
      new EnumMap<>(ProspectFeatures.Group.class);

  private ProspectScorer(
      ProspectModelCard card, Model<Label> model, DoubleFunction<String> grades, Clock clock) {
    this.card = card;
    this.model = model;
    this.grades = grades;
    this.clock = clock;
    this.weights = ProspectModelTrainer.coefficients(model);
    for (ProspectFeatures.Group g : ProspectFeatures.Group.values()) {
      groupBaseline.put(g, 0.0);
    }
    card.featureMeans()
        .forEach(
            (feature, mean) ->
                groupBaseline.merge(
                    ProspectFeatures.Group.of(feature),
                    -weights.getOrDefault(feature, 0.0) * mean,
                    Double::sum));
  }

  /**
   * Loads a folder written by {@link ProspectModelFolder#write}; order dates default to today
   * (UTC).
   */
  public static ProspectScorer load(Path folder, DoubleFunction<String> grades) {
    return load(folder, grades, Clock.systemUTC());
  }

  public static ProspectScorer load(Path folder, DoubleFunction<String> grades, Clock clock) {
    ProspectModelCard card = ProspectModelFolder.readCard(folder);
    return new ProspectScorer(card, ProspectModelFolder.readModel(folder, card), grades, clock);
  }

  public ProspectModelCard card() {
    return card;
  }

  public String modelVersion() {
    return card.modelVersion();
  }

  /** Scores one prospect (validated by {@link Prospect}'s constructor). */
  public ProspectScore score(Prospect p) {
    LocalDate on = p.orderDate() != null ? p.orderDate() : LocalDate.now(clock);
    PeerContext peers = card.peers().contextFor(p.sector(), p.sizeBand(), p.country());
    ProspectFeatures.Vector v = ProspectFeatures.encode(p, on, peers, card.priorStrength());
    double raw =
        model
            .predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, v.names(), v.values()))
            .getOutputScores()
            .get(ProspectModelTrainer.LATE)
            .getScore();
    double probability = card.calibration().apply(raw);

    EnumMap<ProspectFeatures.Group, Double> contribution = new EnumMap<>(groupBaseline);
    List<ProspectFeatures.Group> unseen = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String name = v.names()[i];
      ProspectFeatures.Group g = ProspectFeatures.Group.of(name);
      Double w = weights.get(name);
      if (w == null) {
        if (name.contains("=") && !name.endsWith("=" + ProspectFeatures.MISSING)) {
          unseen.add(g);
        }
        continue;
      }
      contribution.merge(g, w * v.values()[i], Double::sum);
    }
    List<ProspectReason> reasons = new ArrayList<>();
    for (ProspectFeatures.Group g : unseen) {
      reasons.add(
          new ProspectReason(g.prefix(), unseenText(g, p, on, peers), contribution.get(g), true));
    }
    contribution.entrySet().stream()
        .filter(e -> e.getValue() > 1e-3 && !unseen.contains(e.getKey()))
        .sorted(
            Map.Entry.<ProspectFeatures.Group, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(Math.max(0, MAX_REASONS - reasons.size()))
        .forEach(
            e ->
                reasons.add(
                    new ProspectReason(
                        e.getKey().prefix(), text(e.getKey(), p, on, peers), e.getValue(), false)));
    List<ProspectReason> top =
        reasons.size() > MAX_REASONS ? reasons.subList(0, MAX_REASONS) : reasons;
    return new ProspectScore(
        probability,
        raw,
        grades.apply(probability),
        List.copyOf(top),
        card.lateDaysThreshold(),
        card.modelVersion(),
        card.dataVersions(),
        card.asOf(),
        on);
  }

  private String text(ProspectFeatures.Group g, Prospect p, LocalDate on, PeerContext peers) {
    int t = card.lateDaysThreshold();
    return switch (g) {
      case SECTOR -> peerText("sector " + p.sector(), peers.sector(), t);
      case SIZE_BAND -> peerText("size band " + p.sizeBand(), peers.sizeBand(), t);
      case COUNTRY -> peerText("country " + p.country(), peers.country(), t);
      case CHANNEL ->
          p.channel() == null
              ? "invoice channel not given"
              : p.channel().trim().toLowerCase(Locale.ROOT) + " invoices";
      case MONTH -> "order in " + on.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case AMOUNT ->
          "requested amount "
              + money(p.requestedAmount().doubleValue())
              + " (usual first order "
              + money(card.typical().getOrDefault("amount", Double.NaN))
              + ")";
      case TERMS ->
          "requested terms "
              + p.requestedTermsDays()
              + " days (usual "
              + Math.round(card.typical().getOrDefault("terms_days", Double.NaN))
              + ")";
      case COMPANY_AGE -> {
        Double age = p.ageYearsOn(on);
        yield age == null
            ? "company age unknown"
            : String.format(
                Locale.ROOT,
                "company %.1f years old (usual %.0f)",
                age,
                card.typical().getOrDefault("age_years", Double.NaN));
      }
      case MARKET ->
          String.format(
              Locale.ROOT,
              "market: %s of invoices paid more than %d days late",
              percent(peers.globalRate()),
              t);
    };
  }

  private String unseenText(ProspectFeatures.Group g, Prospect p, LocalDate on, PeerContext peers) {
    String value =
        switch (g) {
          case SECTOR -> p.sector();
          case SIZE_BAND -> p.sizeBand();
          case COUNTRY -> p.country();
          case CHANNEL -> p.channel();
          case MONTH -> on.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
          default -> "?";
        };
    String what = g.prefix().replace('_', ' ');
    return String.format(
        Locale.ROOT,
        "%s '%s' not seen in training: scored without a %s effect, at the market's late share (%s)",
        what,
        value,
        what,
        percent(peers.globalRate()));
  }

  private static String peerText(String what, PeerCount c, int t) {
    if (c.invoices() == 0) {
      return what + ": no invoice known yet";
    }
    return String.format(
        Locale.ROOT,
        "%s: %s of invoices paid more than %d days late (%,d known)",
        what,
        percent(c.rawRate()),
        t,
        c.invoices());
  }

  /** "31 %"; one decimal below 1 % ("0.4 %") so that a small share does not read as none. */
  private static String percent(double rate) {
    return rate < 0.01
        ? String.format(Locale.ROOT, "%.1f %%", rate * 100)
        : Math.round(rate * 100) + " %";
  }

  private static String money(double amount) {
    DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return Double.isNaN(amount) ? "?" : f.format(amount);
  }
}
