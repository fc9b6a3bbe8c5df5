/**
 * Late-payment scoring of invoices and customers: the point-in-time training set ({@link
 * org.encours.scoring.TrainingSet}: features known strictly before each invoice's issue date,
 * labels with censoring at a cutoff), training and out-of-time evaluation of Spark MLlib models
 * ({@link org.encours.scoring.TrainJob}), the on-disk model registry ({@link
 * org.encours.scoring.ModelRegistry}), and scoring as of a date ({@link
 * org.encours.scoring.ScoreJob}: {@code invoice_scores}, {@code customer_scores}, {@code
 * score_drift}). Plain-value logic (label rule, points scale, metrics, PSI, reason wording) lives
 * in small classes tests call directly; only the jobs read and write. Definitions and measured
 * figures: {@code docs/scoring.md}.
 */
package org.encours.scoring;
