/**
 * Prospect scoring without Spark: the probability that a customer with no payment history pays its
 * first invoice more than T days late (or never), from what is known before the first order
 * (country, sector, size band, company age, requested amount and terms, channel, month) and from
 * peer-group late shares. {@link org.encours.core.prospect.ProspectFeatures} is the one feature
 * encoding shared by training (the Spark job in {@code org.encours.scoring.prospect} builds the
 * rows) and serving; {@link org.encours.core.prospect.ProspectModelTrainer} trains a Tribuo
 * logistic regression, calibrates it ({@link org.encours.core.prospect.IsotonicCalibration}) and
 * evaluates it out of time ({@link org.encours.core.evaluation.EvaluationMetrics}); {@link
 * org.encours.core.prospect.ProspectModelFolder} writes the model file and its provenance sidecar;
 * {@link org.encours.core.prospect.ProspectScorer} loads that folder and scores a {@link
 * org.encours.core.prospect.Prospect}. Nothing here imports Spark: the API module serves with it.
 * User documentation: {@code docs/prospects.md}.
 */
package org.encours.core.prospect;
