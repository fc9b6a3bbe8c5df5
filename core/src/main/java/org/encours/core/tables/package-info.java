/**
 * The catalogue of the tables the jobs derive from the canonical ones, without Spark: one {@link
 * org.encours.core.tables.DerivedTable} per table (name, partition columns, the command that writes
 * it, typed columns) and the column names as constants ({@link org.encours.core.tables.Columns}).
 * The writing job checks its rows against the catalogue before it writes; the API, the report and
 * the notebooks read table and column names from it, so that renaming a column is one change that
 * the build follows everywhere.
 *
 * <pre>{@code
 * DerivedTable.CUSTOMER_SCORES.tableName();                               // "customer_scores"
 * DerivedTable.CUSTOMER_SCORES.column(Columns.PROBABILITY_LATE_30D).type(); // DOUBLE
 * }</pre>
 */
package org.encours.core.tables;
