package org.encours.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.encours.api.security.Scope;
import org.encours.api.testing.ApiFixture;
import org.encours.api.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads hammer a lookup and a bulk page while new versions of customer_scores are committed and
 * swapped in: every response is a 200 whose content belongs to exactly the version it names.
 */
class ReloadUnderLoadTest {
  static final int CUSTOMERS = 40;

  @TempDir Path warehouse;

  @Test
  void everyResponseDuringReloadsIsA200FromOneVersion() throws Exception {
    TestTables tables = new TestTables(warehouse);
    Map<Long, Integer> generationOfVersion = new ConcurrentHashMap<>();
    generationOfVersion.put(
        tables.write(
            "customer_scores",
            TestTables.CUSTOMER_SCORES,
            TestTables.customerScores(CUSTOMERS, TestTables.AS_OF, 0)),
        0);
    try (ApiFixture api = new ApiFixture(warehouse, false)) {
      String key = api.key(Scope.SALES);
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger checked = new AtomicInteger();
      Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  int i = 0;
                  while (!done.get() || i < 20) {
                    i++;
                    int customer = 1 + (worker * 7 + i) % CUSTOMERS;
                    String path =
                        i % 3 == 0
                            ? "/v1/scores?limit=1000"
                            : String.format("/v1/customers/C%03d/score", customer);
                    HttpResponse<String> r = api.get(path, api.key(Scope.ADMIN));
                    if (r.statusCode() != 200) {
                      failures.add(path + " -> " + r.statusCode() + " " + r.body());
                      continue;
                    }
                    JsonNode body = Problems2.json(r);
                    long version = body.get("dataVersion").asLong();
                    versionsSeen.add(version);
                    Integer generation = generationOfVersion.get(version);
                    if (generation == null) {
                      failures.add("unknown version " + version);
                      continue;
                    }
                    List<JsonNode> scores = new ArrayList<>();
                    if (body.get("data").isArray()) {
                      body.get("data").forEach(scores::add);
                      if (scores.size() != CUSTOMERS) {
                        failures.add("page of " + scores.size() + " at version " + version);
                      }
                    } else {
                      scores.add(body.get("data"));
                    }
                    for (JsonNode s : scores) {
                      int n = Integer.parseInt(s.get("customerId").asText().substring(1));
                      double expected = generation / 10.0 + n / 1000.0;
                      if (s.get("probability").asDouble() != expected
                          || !s.get("modelVersion").asText().equals("m-" + generation)) {
                        failures.add(
                            "mixed: version "
                                + version
                                + " (generation "
                                + generation
                                + ") served "
                                + s);
                      }
                    }
                    if (!r.headers()
                        .firstValue("ETag")
                        .orElse("")
                        .equals("\"customer_scores-" + version + "\"")) {
                      failures.add(
                          "ETag " + r.headers().firstValue("ETag") + " for version " + version);
                    }
                    checked.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (int generation = 1; generation <= 5; generation++) {
        long version =
            tables.write(
                "customer_scores",
                TestTables.CUSTOMER_SCORES,
                TestTables.customerScores(
                    CUSTOMERS, TestTables.AS_OF.plusDays(generation), generation));
        generationOfVersion.put(version, generation);
        assertThat(api.store.reload().loaded())
            .containsKey(org.encours.api.data.ServedTable.CUSTOMER_SCORES);
      }
      done.set(true);
      for (Future<?> f : workers) {
        f.get();
      }
      pool.shutdown();
      assertThat(failures).isEmpty();
      assertThat(checked.get()).isGreaterThanOrEqualTo(80);
      assertThat(versionsSeen)
          .as("responses came from several versions")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(
              Problems2.json(api.get("/v1/customers/C001/score", key)).get("modelVersion").asText())
          .isEqualTo("m-5");
    }
  }
}
