package org.encours.ingest.mapping;

import java.util.List;

/**
 * How an export feeds the canonical tables: one or more sources, each feeding one or more tables,
 * each canonical column given as a Spark SQL expression over the source's columns. Loaded and
 * validated by {@link MappingLoader}; the format is documented in {@code docs/mapping.md}.
 *
 * @param origin where the mapping came from (file path or built-in name), for messages
 * @param sources the sources, in the order they are read
 */
public record IngestMapping(String origin, List<SourceMapping> sources) {}
