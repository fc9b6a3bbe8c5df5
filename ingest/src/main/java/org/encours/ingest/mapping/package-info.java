/**
 * Mapping files: how an export's sources feed the canonical tables, each canonical column a Spark
 * SQL expression over the source's columns. {@link org.encours.ingest.mapping.MappingLoader} reads
 * and validates them completely before anything is read or written. Format: docs/mapping.md.
 */
package org.encours.ingest.mapping;
