package org.encours.core.prospect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.encours.core.evaluation.EvaluationMetrics;

/**
 * The JSON sidecar ({@value ProspectModelFolder#CARD_FILE}) saved beside the model file: everything
 * needed to explain, reproduce and serve the model.
 *
 * @param formatVersion version of this layout ({@value ProspectModelFolder#FORMAT_VERSION})
 * @param modelVersion {@code prospect-<as-of>-<first 12 hex digits of the model file's SHA-256>}
 * @param modelFile the Tribuo model file name in the folder (protobuf)
 * @param modelSha256 SHA-256 of the model file, checked on load
 * @param createdAt when the folder was written
 * @param asOf the training as-of date: no event after it was read
 * @param label the label definition in words
 * @param lateDaysThreshold T: late means paid more than T days after due, or unpaid T days after
 *     due
 * @param dataVersions canonical table name to the Delta version read
 * @param periods training, calibration and test periods
 * @param seed the SGD seed
 * @param hyperParameters trainer, objective, optimiser, epochs, learning rate, prior strength, ...
 * @param counts rows selected and excluded at each step of the training-set construction
 * @param features the model's feature names
 * @param coefficients late-minus-on-time weight per feature ({@code BIAS} included)
 * @param featureMeans training mean of each feature (reason contributions are measured from it)
 * @param typical training medians (amount, terms_days, age_years), used in reason texts
 * @param calibration the isotonic table
 * @param metrics out-of-time evaluation of the model and the baselines ({@link
 *     EvaluationMetrics#summarize})
 * @param peers peer-group counts at {@code asOf}, used at serving time
 */
public record ProspectModelCard(
    int formatVersion,
    String modelVersion,
    String modelFile,
    String modelSha256,
    Instant createdAt,
    LocalDate asOf,
    String label,
    int lateDaysThreshold,
    Map<String, Long> dataVersions,
    List<ProspectModelTrainer.Period> periods,
    long seed,
    Map<String, Object> hyperParameters,
    Map<String, Long> counts,
    List<String> features,
    Map<String, Double> coefficients,
    Map<String, Double> featureMeans,
    Map<String, Double> typical,
    IsotonicCalibration calibration,
    Map<String, EvaluationMetrics.Summary> metrics,
    PeerSnapshot peers) {

  /** The prior strength the peer shares were shrunk with (a hyper-parameter). */
  public double priorStrength() {
    Object v = hyperParameters.get("priorStrength");
    return v instanceof Number n ? n.doubleValue() : ProspectFeatures.DEFAULT_PRIOR_STRENGTH;
  }
}
