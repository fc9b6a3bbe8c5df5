package org.encours.core.prospect;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.encours.core.evaluation.EvaluationMetrics;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the prospect model on first-invoice rows, without Spark: a Tribuo logistic regression
 * (linear SGD, log loss, AdaGrad) on the {@link ProspectFeatures} encoding; rows split by date into
 * a training period (earliest), a calibration period ({@link IsotonicCalibration} fitted there) and
 * a test period (latest), evaluated out of time beside two baselines.
 */
public final class ProspectModelTrainer {
  public static final String LATE = "late";
  public static final String ON_TIME = "on_time";

  /** Names of the evaluated scorers in {@link Trained#evaluation()}. */
  public static final String MODEL = "model (calibrated)";

  public static final String MODEL_RAW = "model (uncalibrated)";
  public static final String BASELINE_GLOBAL = "baseline: global late rate";
  public static final String BASELINE_SECTOR = "baseline: peer sector late rate (shrunk)";

  /**
   * Hyper-parameters and the split, with their defaults in {@link #defaults()}.
   *
   * @param seed Tribuo's SGD shuffling seed
   * @param epochs passes over the training rows
   * @param learningRate AdaGrad's initial learning rate
   * @param priorStrength weight of the global share when shrinking peer shares, in invoices
   * @param trainShare share of rows (earliest) used for training
   * @param calibrationShare share of rows (next) used for calibration; the rest (latest) is the
   *     test
   */
  public record Settings(
      long seed,
      int epochs,
      double learningRate,
      double priorStrength,
      double trainShare,
      double calibrationShare) {
    public Settings {
      if (epochs < 1 || learningRate <= 0 || priorStrength < 0) {
        throw new IllegalArgumentException(
            "epochs >= 1, learningRate > 0 and priorStrength >= 0 expected: "
                + epochs
                + ", "
                + learningRate
                + ", "
                + priorStrength);
      }
      if (trainShare <= 0 || calibrationShare <= 0 || trainShare + calibrationShare >= 1) {
        throw new IllegalArgumentException(
            "train and calibration shares must be positive and leave a test period: "
                + trainShare
                + " + "
                + calibrationShare);
      }
    }

    public static Settings defaults() {
      return new Settings(42L, 10, 0.1, ProspectFeatures.DEFAULT_PRIOR_STRENGTH, 0.6, 0.2);
    }

    public Settings withSeed(long value) {
      return new Settings(value, epochs, learningRate, priorStrength, trainShare, calibrationShare);
    }
  }

  /** A period of the split: first and last first-invoice date, rows, late rows. */
  public record Period(String name, LocalDate from, LocalDate to, int rows, int late) {}

  /**
   * What training produced.
   *
   * @param coefficients late-minus-on-time weight of each feature (and the bias, named {@code
   *     BIAS}): the logit contribution per unit
   * @param featureMeans mean of each feature over the training rows (the reference reasons are
   *     measured from)
   * @param typical medians over the training rows: amount, terms_days, age_years
   * @param testProbabilities calibrated probabilities of the test rows, in row order (for
   *     determinism checks)
   */
  public record Trained(
      LinearSGDModel model,
      IsotonicCalibration calibration,
      List<Period> periods,
      Map<String, EvaluationMetrics.Summary> evaluation,
      Map<String, Double> coefficients,
      Map<String, Double> featureMeans,
      Map<String, Double> typical,
      double[] testProbabilities) {}

  private ProspectModelTrainer() {}

  /**
   * Splits, trains, calibrates and evaluates.
   *
   * @throws IllegalArgumentException when a period is empty or the training period has one class
   *     only
   */
  public static Trained train(List<ProspectRow> input, Settings settings) {
    List<ProspectRow> rows = new ArrayList<>(input);
    rows.sort(Comparator.comparing(ProspectRow::date).thenComparing(ProspectRow::customerId));
    int n = rows.size();
    int trainEnd = dateBoundary(rows, (int) Math.round(n * settings.trainShare()));
    int calEnd =
        dateBoundary(
            rows,
            Math.max(
                trainEnd + 1,
                (int) Math.round(n * (settings.trainShare() + settings.calibrationShare()))));
    List<ProspectRow> train = rows.subList(0, trainEnd);
    List<ProspectRow> cal = rows.subList(Math.min(trainEnd, n), Math.min(calEnd, n));
    List<ProspectRow> test = rows.subList(Math.min(calEnd, n), n);
    if (train.isEmpty() || cal.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%d first invoices cannot be split by date into training, calibration and test periods (%d / %d / %d): too few rows or too few distinct dates",
              n,
              train.size(),
              cal.size(),
              test.size()));
    }
    int trainLate = train.stream().mapToInt(ProspectRow::late).sum();
    if (trainLate == 0 || trainLate == train.size()) {
      throw new IllegalArgumentException(
          "the training period ("
              + train.size()
              + " first invoices) has only one outcome ("
              + trainLate
              + " late): nothing to learn");
    }

    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "encours first invoices "
                    + train.get(0).date()
                    + ".."
                    + train.get(train.size() - 1).date(),
                labels),
            labels);
    for (ProspectRow r : train) {
      dataset.add(example(r, settings.priorStrength(), new Label(r.late() == 1 ? LATE : ON_TIME)));
    }
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(),
            new AdaGrad(settings.learningRate(), 0.1),
            settings.epochs(),
            -1,
            1,
            settings.seed());
    LinearSGDModel model = (LinearSGDModel) trainer.train(dataset);

    double[] calRaw = rawProbabilities(model, cal, settings.priorStrength());
    IsotonicCalibration calibration = IsotonicCalibration.fit(calRaw, outcomes(cal));

    double[] testRaw = rawProbabilities(model, test, settings.priorStrength());
    double[] testCal = new double[testRaw.length];
    double[] global = new double[test.size()];
    double[] sector = new double[test.size()];
    for (int i = 0; i < testRaw.length; i++) {
      testCal[i] = calibration.apply(testRaw[i]);
      PeerContext peers = test.get(i).peers();
      global[i] = peers.globalRate();
      sector[i] = peers.sector().shrunkRate(peers.globalRate(), settings.priorStrength());
    }
    int[] y = outcomes(test);
    Map<String, EvaluationMetrics.Summary> evaluation = new LinkedHashMap<>();
    evaluation.put(MODEL, EvaluationMetrics.summarize(testCal, y));
    evaluation.put(MODEL_RAW, EvaluationMetrics.summarize(testRaw, y));
    evaluation.put(BASELINE_GLOBAL, EvaluationMetrics.summarize(global, y));
    evaluation.put(BASELINE_SECTOR, EvaluationMetrics.summarize(sector, y));

    List<Period> periods =
        List.of(period("train", train), period("calibration", cal), period("test", test));
    return new Trained(
        model,
        calibration,
        periods,
        evaluation,
        coefficients(model),
        means(train, settings.priorStrength()),
        typical(train),
        testCal);
  }

  /** Tribuo example of a row (label {@code output}). */
  static Example<Label> example(ProspectRow r, double priorStrength, Label output) {
    ProspectFeatures.Vector v =
        ProspectFeatures.encode(r.prospect(), r.date(), r.peers(), priorStrength);
    return new ArrayExample<>(output, v.names(), v.values());
  }

  static double[] rawProbabilities(
      Model<Label> model, List<ProspectRow> rows, double priorStrength) {
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] =
          model
              .predict(example(rows.get(i), priorStrength, LabelFactory.UNKNOWN_LABEL))
              .getOutputScores()
              .get(LATE)
              .getScore();
    }
    return p;
  }

  /**
   * Late-minus-on-time weight per feature (two-class softmax: p(late) = sigmoid of the sum of these
   * x values).
   */
  public static Map<String, Double> coefficients(Model<Label> model) {
    Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
    Map<String, Double> late = new TreeMap<>();
    top.get(LATE).forEach(p -> late.put(p.getA(), p.getB()));
    Map<String, Double> diff = new TreeMap<>();
    top.get(ON_TIME).forEach(p -> diff.put(p.getA(), late.getOrDefault(p.getA(), 0.0) - p.getB()));
    return diff;
  }

  private static int dateBoundary(List<ProspectRow> rows, int index) {
    int i = Math.max(0, Math.min(index, rows.size()));
    while (i > 0 && i < rows.size() && rows.get(i).date().equals(rows.get(i - 1).date())) {
      i++;
    }
    return i;
  }

  private static int[] outcomes(List<ProspectRow> rows) {
    return rows.stream().mapToInt(ProspectRow::late).toArray();
  }

  private static Period period(String name, List<ProspectRow> rows) {
    return new Period(
        name,
        rows.get(0).date(),
        rows.get(rows.size() - 1).date(),
        rows.size(),
        rows.stream().mapToInt(ProspectRow::late).sum());
  }

  private static Map<String, Double> means(List<ProspectRow> rows, double priorStrength) {
    Map<String, Double> sums = new TreeMap<>();
    for (ProspectRow r : rows) {
      ProspectFeatures.Vector v =
          ProspectFeatures.encode(r.prospect(), r.date(), r.peers(), priorStrength);
      for (int i = 0; i < v.size(); i++) {
        sums.merge(v.names()[i], v.values()[i], Double::sum);
      }
    }
    sums.replaceAll((k, s) -> s / rows.size());
    return sums;
  }

  private static Map<String, Double> typical(List<ProspectRow> rows) {
    Map<String, Double> t = new LinkedHashMap<>();
    t.put(
        "amount",
        median(
            rows.stream()
                .mapToDouble(r -> r.prospect().requestedAmount().doubleValue())
                .toArray()));
    t.put(
        "terms_days",
        median(rows.stream().mapToDouble(r -> r.prospect().requestedTermsDays()).toArray()));
    t.put(
        "age_years",
        median(
            rows.stream()
                .map(r -> r.prospect().ageYearsOn(r.date()))
                .filter(a -> a != null)
                .mapToDouble(Double::doubleValue)
                .toArray()));
    return t;
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
