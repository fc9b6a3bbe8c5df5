/**
 * Point-in-time receivables analytics on Spark: the aging as of a date ({@link
 * org.encours.analytics.AgingSnapshot}), the monthly KPI series with the DSO family and CEI ({@link
 * org.encours.analytics.ReceivablesKpis}), and per-customer payment behaviour for many (customer,
 * date) points at once ({@link org.encours.analytics.PaymentBehaviourFeatures}). Metric logic lives
 * in package-private static {@code Dataset -> Dataset} functions that tests call directly; only
 * {@link org.encours.analytics.AnalyticsJob} reads and writes tables. Everything "as of D" uses
 * only events dated on or before D; every output row carries its as-of date and the Delta versions
 * of the input tables it was computed from. Formulas come from {@code org.encours.core.metrics};
 * definitions are in {@code docs/metrics.md}.
 */
package org.encours.analytics;
