package org.encours.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The fit period's cap: a large fit period is sampled, the same rows every time; a small one is
 * untouched.
 */
class FitSampleTest {
  static Dataset<Row> invoices(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("INV-%06d", i));
    }
    return SharedSpark.session().createDataset(ids, Encoders.STRING()).toDF("point_id");
  }

  @Test
  void aFitPeriodAboveTheCapIsSampledUniformlyAndReproducibly() {
    Dataset<Row> fit = invoices(20_000);
    Map<String, Object> report = new LinkedHashMap<>();
    List<String> said = new ArrayList<>();
    Dataset<Row> first = LatePaymentModels.capFitPeriod(fit, 20_000, 5_000, report, said::add);
    Dataset<Row> second =
        LatePaymentModels.capFitPeriod(
            invoices(20_000), 20_000, 5_000, new LinkedHashMap<>(), s -> {});

    long kept = first.count();
    assertThat(kept).isBetween(4_700L, 5_300L); // a hash sample: about a quarter of 20,000
    assertThat(first.except(second).count()).isZero();
    assertThat(second.except(first).count()).isZero();
    assertThat(report).containsKey("fit_sample");
    @SuppressWarnings("unchecked")
    Map<String, Object> sample = (Map<String, Object>) report.get("fit_sample");
    assertThat(sample)
        .containsEntry("fit_period_rows", 20_000L)
        .containsEntry("max_fit_rows", 5_000L)
        .containsEntry("sampled_rows", kept);
    assertThat(said).singleElement().asString().contains("uniform sample");
  }

  @Test
  void aFitPeriodWithinTheCapIsUsedWhole() {
    Dataset<Row> fit = invoices(3_000);
    Map<String, Object> report = new LinkedHashMap<>();
    assertThat(LatePaymentModels.capFitPeriod(fit, 3_000, 5_000, report, s -> {})).isSameAs(fit);
    assertThat(report).doesNotContainKey("fit_sample");
  }
}
