/**
 * Prospect scoring, Spark side: {@link org.encours.scoring.prospect.FirstInvoiceOutcomes} builds
 * one row per customer's first invoice with the attributes known before it, the peer-group counts
 * known strictly before its date (other customers only) and its label, point in time; {@link
 * org.encours.scoring.prospect.TrainProspectsJob} trains, evaluates and writes the model folder
 * through the Spark-free {@code org.encours.core.prospect} package, which the API serves from;
 * {@code encours train-prospects} ({@link org.encours.scoring.prospect.TrainProspectsCommand}) runs
 * it. User documentation: {@code docs/prospects.md}.
 */
package org.encours.scoring.prospect;
