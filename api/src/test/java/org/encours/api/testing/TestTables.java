package org.encours.api.testing;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The served tables' schemas (the contracts of the jobs that write them) and small hand-made rows,
 * written with {@link DeltaTableWriter} into a temporary warehouse.
 */
public final class TestTables {
  public static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private static final DecimalType MONEY = new DecimalType(18, 2);
  private static final MapType VERSIONS = new MapType(StringType.STRING, LongType.LONG, false);
  private static final StructType REASON =
      new StructType().add("text", StringType.STRING).add("contribution", DoubleType.DOUBLE);

  public static final StructType CUSTOMER_SCORES =
      new StructType()
          .add("customer_id", StringType.STRING)
          .add("as_of_date", DateType.DATE)
          .add("probability_late_30d", DoubleType.DOUBLE)
          .add("points", IntegerType.INTEGER)
          .add("grade", StringType.STRING)
          .add("reasons", new ArrayType(REASON, true))
          .add("exposure", MONEY)
          .add("expected_loss", MONEY)
          .add("model_version", StringType.STRING)
          .add("input_versions", VERSIONS);

  public static final StructType INVOICE_SCORES =
      new StructType()
          .add("invoice_id", StringType.STRING)
          .add("customer_id", StringType.STRING)
          .add("as_of_date", DateType.DATE)
          .add("probability_late_30d", DoubleType.DOUBLE)
          .add("expected_days_late", DoubleType.DOUBLE)
          .add("payment_date_p10", DateType.DATE)
          .add("payment_date_p50", DateType.DATE)
          .add("payment_date_p90", DateType.DATE)
          .add("grade", StringType.STRING)
          .add("model_version", StringType.STRING)
          .add("input_versions", VERSIONS);

  public static final StructType RECOMMENDATIONS =
      new StructType()
          .add("customer_id", StringType.STRING)
          .add("as_of_date", DateType.DATE)
          .add("scored", BooleanType.BOOLEAN)
          .add("grade", StringType.STRING)
          .add("probability", DoubleType.DOUBLE)
          .add("deposit_share", DoubleType.DOUBLE)
          .add("deposit_required_above", MONEY)
          .add("credit_limit", MONEY)
          .add("open_exposure", MONEY)
          .add("max_terms_days", IntegerType.INTEGER)
          .add("block_orders", BooleanType.BOOLEAN)
          .add("ladder", StringType.STRING)
          .add("flags", new ArrayType(StringType.STRING, true))
          .add("reasons", new ArrayType(StringType.STRING, true))
          .add("policy_version", StringType.STRING)
          .add("model_version", StringType.STRING)
          .add("input_versions", VERSIONS);

  public static final StructType DUNNING_PLAN =
      new StructType()
          .add("invoice_id", StringType.STRING)
          .add("customer_id", StringType.STRING)
          .add("as_of_date", DateType.DATE)
          .add("next_action", StringType.STRING)
          .add("next_action_date", DateType.DATE)
          .add("next_channel", StringType.STRING)
          .add("amount_due", MONEY)
          .add("penalties", MONEY)
          .add("indemnity", MONEY)
          .add("limitation_date", DateType.DATE)
          .add("notes", new ArrayType(StringType.STRING, true))
          .add("policy_version", StringType.STRING)
          .add("input_versions", VERSIONS);

  public static final StructType AGING =
      new StructType()
          .add("as_of_date", DateType.DATE)
          .add("level", StringType.STRING)
          .add("entity_id", StringType.STRING)
          .add("bucket", StringType.STRING)
          .add("bucket_order", IntegerType.INTEGER)
          .add("open_amount", MONEY)
          .add("open_count", LongType.LONG)
          .add("total_open", MONEY)
          .add("share", DoubleType.DOUBLE)
          .add("aged_from", StringType.STRING)
          .add("input_versions", VERSIONS);

  public static final StructType RECEIVABLES_KPIS =
      new StructType()
          .add("level", StringType.STRING)
          .add("entity_id", StringType.STRING)
          .add("as_of_date", DateType.DATE)
          .add("credit_sales", MONEY)
          .add("ar", MONEY)
          .add("current_ar", MONEY)
          .add("overdue_ar", MONEY)
          .add("share_overdue_60", DoubleType.DOUBLE)
          .add("dso_standard", DoubleType.DOUBLE)
          .add("dso_count_back", DoubleType.DOUBLE)
          .add("cei", DoubleType.DOUBLE)
          .add("input_versions", VERSIONS);

  private final Path warehouse;
  private final DeltaTableWriter writer = new DeltaTableWriter();

  public TestTables(Path warehouse) {
    this.warehouse = warehouse;
  }

  public String path(String table) {
    return warehouse.resolve(table).toString();
  }

  public long write(String table, StructType schema, List<Map<String, Object>> rows) {
    return writer.append(path(table), schema, "as_of_date", rows);
  }

  /** Customer scores for C001..C00n on a date; the probability encodes {@code generation}. */
  public static List<Map<String, Object>> customerScores(int n, LocalDate asOf, int generation) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add(
          customerScore(
              String.format("C%03d", i), asOf, generation / 10.0 + i / 1000.0, "m-" + generation));
    }
    return rows;
  }

  public static Map<String, Object> customerScore(
      String id, LocalDate asOf, double probability, String model) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("customer_id", id);
    row.put("as_of_date", asOf);
    row.put("probability_late_30d", probability);
    row.put("points", (int) Math.round(600 - 100 * probability));
    row.put("grade", probability < 0.1 ? "A" : probability < 0.3 ? "B" : "C");
    row.put(
        "reasons",
        List.of(
            Map.of("text", "paid late on 40% of invoices in 12 months", "contribution", 0.42),
            Map.of("text", "exposure above credit limit", "contribution", 0.13)));
    row.put("exposure", new BigDecimal("12500.00"));
    row.put("expected_loss", new BigDecimal("812.50"));
    row.put("model_version", model);
    row.put("input_versions", Map.of("invoices", 7L, "payments", 9L));
    return row;
  }

  public static List<Map<String, Object>> invoiceScores(LocalDate asOf) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("invoice_id", "INV-" + i);
      row.put("customer_id", "C00" + i);
      row.put("as_of_date", asOf);
      row.put("probability_late_30d", 0.2 * i);
      row.put("expected_days_late", 3.5 * i);
      row.put("payment_date_p10", asOf.plusDays(5 * i));
      row.put("payment_date_p50", asOf.plusDays(10 * i));
      row.put("payment_date_p90", asOf.plusDays(20 * i));
      row.put("grade", "B");
      row.put("model_version", "m-1");
      row.put("input_versions", Map.of("invoices", 7L));
      rows.add(row);
    }
    return rows;
  }

  /**
   * C001 and C002 grade A (no deposit, 60 days), C003 grade C (30 % above EUR 20,000, 30 days);
   * limit 50,000, exposure 12,500.
   */
  public static List<Map<String, Object>> recommendations(LocalDate asOf) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Map<String, Object> row = recommendation("C00" + i, asOf, i == 3 ? "C" : "A");
      row.put("probability", i == 3 ? 0.15 : 0.03);
      row.put("deposit_share", i == 3 ? 0.3 : 0.0);
      row.put("deposit_required_above", i == 3 ? new BigDecimal("20000.00") : null);
      row.put("max_terms_days", i == 3 ? 30 : 60);
      row.put("ladder", i == 3 ? "compressed" : "standard");
      row.put("flags", i == 3 ? List.of("watch") : List.of());
      rows.add(row);
    }
    return rows;
  }

  /**
   * A recommendation row of a scored customer: limit 50,000, exposure 12,500, no deposit, 60 days,
   * orders not blocked.
   */
  public static Map<String, Object> recommendation(String id, LocalDate asOf, String grade) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("customer_id", id);
    row.put("as_of_date", asOf);
    row.put("scored", true);
    row.put("grade", grade);
    row.put("probability", 0.03);
    row.put("deposit_share", 0.0);
    row.put("deposit_required_above", null);
    row.put("credit_limit", new BigDecimal("50000.00"));
    row.put("open_exposure", new BigDecimal("12500.00"));
    row.put("max_terms_days", 60);
    row.put("block_orders", false);
    row.put("ladder", "standard");
    row.put("flags", List.of());
    row.put("reasons", List.of("grade " + grade));
    row.put("policy_version", "p-2026.10");
    row.put("model_version", "m-1");
    row.put("input_versions", Map.of("customer_scores", 1L));
    return row;
  }

  /** Five actions: INV-1..INV-5, dated AS_OF+1..AS_OF+5, for C001 (1-3) and C002 (4-5). */
  public static List<Map<String, Object>> dunningPlan(LocalDate asOf) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("invoice_id", "INV-" + i);
      row.put("customer_id", i <= 3 ? "C001" : "C002");
      row.put("as_of_date", asOf);
      row.put("next_action", i % 2 == 0 ? "reminder_2" : "reminder_1");
      row.put("next_action_date", asOf.plusDays(6 - i));
      row.put("next_channel", "email");
      row.put("amount_due", new BigDecimal("1000.00"));
      row.put("penalties", new BigDecimal("12.34"));
      row.put("indemnity", new BigDecimal("40.00"));
      row.put("limitation_date", asOf.plusYears(5));
      row.put("notes", List.of());
      row.put("policy_version", "p-2026.10");
      row.put("input_versions", Map.of("invoices", 7L));
      rows.add(row);
    }
    return rows;
  }

  public static List<Map<String, Object>> aging(LocalDate asOf) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String[][] lines = {
      {"portfolio", "all", "not_due", "1", "6000.00", "10000.00"},
      {"portfolio", "all", "1-30", "2", "4000.00", "10000.00"},
      {"country", "FR", "not_due", "1", "6000.00", "6000.00"},
      {"customer", "C001", "1-30", "2", "4000.00", "4000.00"}
    };
    for (String[] l : lines) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("as_of_date", asOf);
      row.put("level", l[0]);
      row.put("entity_id", l[1]);
      row.put("bucket", l[2]);
      row.put("bucket_order", Integer.parseInt(l[3]));
      row.put("open_amount", new BigDecimal(l[4]));
      row.put("open_count", 3L);
      row.put("total_open", new BigDecimal(l[5]));
      row.put("share", new BigDecimal(l[4]).doubleValue() / new BigDecimal(l[5]).doubleValue());
      row.put("aged_from", "due");
      row.put("input_versions", Map.of("invoices", 7L));
      rows.add(row);
    }
    return rows;
  }

  public static List<Map<String, Object>> kpis(LocalDate monthEnd) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String[] e : new String[][] {{"portfolio", "all"}, {"country", "FR"}, {"country", "DE"}}) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("level", e[0]);
      row.put("entity_id", e[1]);
      row.put("as_of_date", monthEnd);
      row.put("credit_sales", new BigDecimal("30000.00"));
      row.put("ar", new BigDecimal("20000.00"));
      row.put("current_ar", new BigDecimal("15000.00"));
      row.put("overdue_ar", new BigDecimal("5000.00"));
      row.put("share_overdue_60", 0.05);
      row.put("dso_standard", 61.1);
      row.put("dso_count_back", 59.6);
      row.put("cei", 86.6);
      row.put("input_versions", Map.of("invoices", 7L));
      rows.add(row);
    }
    return rows;
  }

  /** Writes every served table (customer scores for C001..C003) and returns this. */
  public TestTables writeAll() {
    write("customer_scores", CUSTOMER_SCORES, customerScores(3, AS_OF.minusMonths(1), 0));
    write("customer_scores", CUSTOMER_SCORES, customerScores(3, AS_OF, 1));
    write("invoice_scores", INVOICE_SCORES, invoiceScores(AS_OF));
    write("recommendations", RECOMMENDATIONS, recommendations(AS_OF));
    write("dunning_plan", DUNNING_PLAN, dunningPlan(AS_OF));
    write("aging", AGING, aging(AS_OF));
    write("receivables_kpis", RECEIVABLES_KPIS, kpis(AS_OF.minusMonths(1).withDayOfMonth(30)));
    write("receivables_kpis", RECEIVABLES_KPIS, kpis(AS_OF));
    return this;
  }
}
