/**
 * The warehouse and its canonical tables: the schemas and business keys of customers, invoices,
 * payments and dunning events, defined once ({@link org.encours.warehouse.CanonicalTable}); schema
 * checks at every boundary ({@link org.encours.warehouse.SchemaContract}); the Spark session every
 * job runs in ({@link org.encours.warehouse.SparkSessions}); and locating and reading the Delta
 * tables ({@link org.encours.warehouse.Warehouse}).
 */
package org.encours.warehouse;
