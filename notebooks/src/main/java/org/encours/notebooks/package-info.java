/**
 * What the analyst notebooks ({@code notebooks/*.ipynb}) use to read the warehouse and show
 * results, without Spark: {@link org.encours.notebooks.Tables} reads a committed Delta snapshot
 * with the API module's Delta Kernel reader into a small in-memory {@link
 * org.encours.notebooks.Table} (with its version, for provenance), {@link
 * org.encours.notebooks.Html} turns rows into an HTML table and {@link
 * org.encours.notebooks.Charts} draws JFreeChart charts as images the Java kernel displays. Meant
 * for the demo warehouse's size (thousands to a few hundred thousand rows), not for 10M invoices.
 */
package org.encours.notebooks;
