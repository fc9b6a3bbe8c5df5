/**
 * Reads committed Delta snapshots of the warehouse with Delta Kernel, without Spark: the API serves
 * its tables through it and the notebooks read them with it. A reader names the columns it needs
 * ({@link org.encours.warehouse.reader.ColumnSpec}, usually derived from the table catalogue {@link
 * org.encours.core.tables.DerivedTable}); a table without them fails with a message naming the
 * column ({@link org.encours.warehouse.reader.TableSchemaException}).
 */
package org.encours.warehouse.reader;
