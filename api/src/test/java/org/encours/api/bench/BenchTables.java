package org.encours.api.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.encours.api.testing.DeltaTableWriter;
import org.encours.api.testing.TestTables;

/**
 * Writes a customer_scores table of N customers (one new version, as of a new date, per run) for
 * the benchmark: {@code BenchTables WAREHOUSE N GENERATION}. Seeded, so runs are repeatable.
 */
public final class BenchTables {
  private static final String[] REASONS = {
    "paid late on more than a third of invoices in 12 months",
    "exposure above credit limit",
    "days beyond terms rising",
    "disputed invoices open",
    "young customer",
    "sector late-payment rate high",
    "partial payments frequent",
    "reminder stage reached: registered letter",
    "no payment in 90 days",
    "large open amount for its size",
    "paid on time for 12 months",
    "long relationship",
    "low exposure",
    "small invoices"
  };
  private static final String[] GRADES = {"A", "B", "C", "D", "E"};

  private BenchTables() {}

  public static void main(String[] args) {
    String warehouse = args[0];
    int n = Integer.parseInt(args[1]);
    int generation = Integer.parseInt(args[2]);
    long start = System.nanoTime();
    SplittableRandom random = new SplittableRandom(42 + generation);
    LocalDate asOf = LocalDate.of(2026, 10, 31).plusDays(generation);
    DeltaTableWriter writer = new DeltaTableWriter();
    List<Map<String, Object>> rows = new ArrayList<>(n);
    Map<String, Long> versions =
        Map.of("invoices", 12L + generation, "payments", 30L + generation, "customers", 3L);
    {
      for (int i = 0; i < n; i++) {
        double p = Math.min(0.99, Math.pow(random.nextDouble(), 3));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", String.format("C%07d", i + 1));
        row.put("as_of_date", asOf);
        row.put("probability_late_30d", p);
        row.put("points", (int) Math.round(800 - 500 * p));
        row.put("grade", GRADES[Math.min(4, (int) (p * 5))]);
        List<Map<String, Object>> reasons = new ArrayList<>(3);
        for (int k = 0; k < 3; k++) {
          reasons.add(
              Map.of(
                  "text",
                  REASONS[random.nextInt(REASONS.length)],
                  "contribution",
                  Math.round(random.nextDouble() * 1000) / 1000.0));
        }
        row.put("reasons", reasons);
        BigDecimal exposure = BigDecimal.valueOf(random.nextInt(5_000_000), 2);
        row.put("exposure", exposure);
        row.put(
            "expected_loss",
            exposure.multiply(BigDecimal.valueOf(p)).setScale(2, java.math.RoundingMode.HALF_UP));
        row.put("model_version", "m-bench-" + generation);
        row.put("input_versions", versions);
        rows.add(row);
      }
    }
    // one commit: a reader sees all of this date or none of it
    long version =
        writer.append(
            warehouse + "/customer_scores", TestTables.CUSTOMER_SCORES, "as_of_date", rows);
    System.out.printf(
        "customer_scores: %,d rows as of %s, version %d in %.1f s%n",
        n, asOf, version, (System.nanoTime() - start) / 1e9);
  }
}
