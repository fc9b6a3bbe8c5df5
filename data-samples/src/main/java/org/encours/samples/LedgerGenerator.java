package org.encours.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Generates a ledger and streams it to a {@link LedgerSink}, customer by customer: memory does not
 * grow with the number of invoices (10 million run in a small heap).
 *
 * <p>Volume rule: {@code customers = round(invoices / 20)}. Each customer has a weight (size band:
 * micro 0.45, small 0.85, medium 1.6, large 3.2; x the share of the history it is active; x a
 * log-normal jitter). A first pass sums the weights; the second gives customer i the invoices
 * {@code round(N x W(i) / W) - round(N x W(i-1) / W)} where W(i) is the running sum, so exactly N
 * invoices are written (a few customers may get none: prospects). Credit notes come on top.
 *
 * <p>Example: {@code new LedgerGenerator(GenerationSettings.defaults()).writeCsv(Path.of("out"),
 * null)} writes the four CSV files and {@code generation.json}.
 */
public final class LedgerGenerator {

  /** Told about progress after each customer. */
  @FunctionalInterface
  public interface ProgressListener {
    void invoicesWritten(long invoices, long target);
  }

  private final GenerationSettings settings;
  private final boolean dunningResponse;

  public LedgerGenerator(GenerationSettings settings) {
    this(settings, true);
  }

  private LedgerGenerator(GenerationSettings settings, boolean dunningResponse) {
    this.settings = settings;
    this.dunningResponse = dunningResponse;
  }

  /**
   * The same generator with reminders that change nothing: customers pay at their natural date
   * whatever they receive. For tests that measure the effect of dunning.
   */
  LedgerGenerator withoutDunningResponse() {
    return new LedgerGenerator(settings, false);
  }

  public GenerationSettings settings() {
    return settings;
  }

  /** Writes the CSV files and {@code generation.json} into {@code folder} (created if needed). */
  public GenerationResult writeCsv(Path folder, ProgressListener progress) throws IOException {
    GenerationResult result;
    try (CsvLedgerWriter writer = new CsvLedgerWriter(folder)) {
      result = generate(writer, progress);
    }
    GenerationManifest.write(folder.resolve(GenerationManifest.FILE_NAME), result);
    return result;
  }

  /** Streams the ledger to {@code sink}; {@code progress} may be null. */
  public GenerationResult generate(LedgerSink sink, ProgressListener progress) throws IOException {
    long seed = settings.seed();
    int startDay = (int) settings.start().toEpochDay();
    int endDay = (int) settings.end().toEpochDay();
    int customers = settings.customers();
    long target = settings.invoices();

    double totalWeight = 0;
    for (int i = 0; i < customers; i++) {
      totalWeight += CustomerProfile.draw(seed, i, startDay, endDay).invoiceWeight();
    }

    CustomerHistory.Sequences ids = new CustomerHistory.Sequences();
    CustomerHistory history = new CustomerHistory(sink, ids, startDay, endDay, dunningResponse);
    double runningWeight = 0;
    long invoicesBefore = 0;
    for (int i = 0; i < customers; i++) {
      CustomerProfile profile = CustomerProfile.draw(seed, i, startDay, endDay);
      runningWeight += profile.invoiceWeight();
      long invoicesAfter =
          i == customers - 1
              ? target
              : Math.min(target, Draws.round(target * runningWeight / totalWeight));
      int count = (int) Math.max(0, invoicesAfter - invoicesBefore);
      history.generate(profile, count, seed);
      invoicesBefore += count;
      if (progress != null) {
        progress.invoicesWritten(invoicesBefore, target);
      }
    }
    return GenerationResult.of(settings, ids);
  }

  /** {@link #generate} for callers that cannot throw {@link IOException} (in-memory sinks). */
  GenerationResult generateUnchecked(LedgerSink sink) {
    try {
      return generate(sink, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
