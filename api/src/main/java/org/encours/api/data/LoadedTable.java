package org.encours.api.data;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of one table, loaded and indexed; immutable.
 *
 * @param version the Delta version read
 * @param asOf the as-of date served (the latest partition), null when the table is empty
 * @param rows rows loaded
 * @param modelVersion the model version the rows carry (the first seen), null for analytics tables
 */
public record LoadedTable<I>(
    ServedTable table,
    long version,
    LocalDate asOf,
    long rows,
    String modelVersion,
    I index,
    Instant loadedAt) {}
