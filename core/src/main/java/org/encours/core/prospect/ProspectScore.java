package org.encours.core.prospect;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A prospect's score with its provenance.
 *
 * @param probability calibrated probability that the first invoice is paid more than T days late
 *     (or never)
 * @param rawProbability the model's probability before calibration
 * @param grade the grade of {@code probability} under the grade bands the scorer was given
 * @param reasons up to 4 reasons: values never seen in training first, then the groups pushing the
 *     score up most, largest first
 * @param lateDaysThreshold T
 * @param modelVersion the model that scored
 * @param dataVersions canonical table versions the model (and its peer statistics) were built from
 * @param asOf the model's as-of date (peer statistics known on that date)
 * @param scoredOn the order date used (company age, month)
 */
public record ProspectScore(
    double probability,
    double rawProbability,
    String grade,
    List<ProspectReason> reasons,
    int lateDaysThreshold,
    String modelVersion,
    Map<String, Long> dataVersions,
    LocalDate asOf,
    LocalDate scoredOn) {}
