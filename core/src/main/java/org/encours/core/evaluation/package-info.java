/**
 * How Encours measures a probability model, without Spark: {@link
 * org.encours.core.evaluation.EvaluationMetrics} (ROC AUC, PR AUC, Brier, log loss, calibration
 * table and ECE, capture in the riskiest decile), used by the late-payment models and the prospect
 * model alike, and written into their model cards under the same names.
 */
package org.encours.core.evaluation;
