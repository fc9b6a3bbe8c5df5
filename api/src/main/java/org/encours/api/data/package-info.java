/**
 * The served data: committed Delta snapshots read with Delta Kernel (no Spark) into compact,
 * immutable in-memory indexes ({@link org.encours.api.data.ServingSnapshot}), and the {@link
 * org.encours.api.data.SnapshotStore} that polls for new table versions and swaps a new snapshot in
 * atomically. One mapping class per table ({@code CustomerScoresTable}, {@code AgingTable}, ...)
 * says which columns are read and how a row becomes a record.
 */
package org.encours.api.data;
