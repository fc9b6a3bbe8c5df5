/**
 * The receivables formulas, in plain Java so that the Spark jobs, the API and the reports share one
 * definition: {@link org.encours.core.metrics.StandardDso}, {@link
 * org.encours.core.metrics.CountBackDso}, {@link org.encours.core.metrics.BestPossibleDso}, {@link
 * org.encours.core.metrics.AverageDaysDelinquent}, {@link
 * org.encours.core.metrics.CollectionEffectivenessIndex} (both variants, named) and the aging slabs
 * {@link org.encours.core.metrics.AgingSlabs}. Amounts are {@link java.math.BigDecimal}; the
 * results are days or percentages as {@code Double}, {@code null} when a figure is undefined (for
 * example no sales in the period). User-facing definitions: {@code docs/metrics.md}.
 */
package org.encours.core.metrics;
