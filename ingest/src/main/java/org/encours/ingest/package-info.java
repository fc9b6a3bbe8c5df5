/**
 * Loading exports into the canonical Delta tables without losing or silently changing a row. {@link
 * org.encours.ingest.IngestJob} is the flow: read the sources of a mapping ({@code BatchSources}),
 * convert and check each row ({@code RowRules}), check repeated keys and references across the
 * batch ({@code BatchChecks}), quarantine rejected records with all their reasons, upsert the rest
 * ({@code TableUpsert}) and record the run ({@link org.encours.ingest.AuditTables}). Rules and
 * audit: docs/ingestion.md.
 */
package org.encours.ingest;
