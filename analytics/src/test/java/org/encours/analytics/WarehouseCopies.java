package org.encours.analytics;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.io.FileUtils;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.Warehouse;

/**
 * Warehouses built once per test class and copied for each test: a test changes its own copy (new
 * folder, same tables and Delta history, the same versions), never the original nor another test's.
 */
final class WarehouseCopies {
  private static final Map<String, Warehouse> BUILT = new HashMap<>();

  private WarehouseCopies() {}

  /**
   * A copy of the warehouse {@code build} gives, built the first time {@code name} is asked for.
   */
  static synchronized Warehouse copyOfShared(String name, Supplier<Warehouse> build) {
    return copyOf(BUILT.computeIfAbsent(name, n -> build.get()));
  }

  /** A new warehouse in its own folder with every table of {@code original}, history included. */
  static Warehouse copyOf(Warehouse original) {
    Warehouse copy = SharedSpark.newWarehouse();
    try {
      FileUtils.copyDirectory(
          new File(URI.create(original.root())), new File(URI.create(copy.root())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }
}
