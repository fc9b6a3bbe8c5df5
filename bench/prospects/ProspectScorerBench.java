import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.encours.core.prospect.Prospect;
import org.encours.core.prospect.ProspectScorer;

/**
 * Throughput and latency of ProspectScorer.score on one thread, without Spark (core's classpath only).
 * Not a test: run through bench/prospects.sh. Args: MODEL_DIR [SECONDS].
 */
public final class ProspectScorerBench {
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    long loadStart = System.nanoTime();
    ProspectScorer scorer = ProspectScorer.load(dir, p -> p < 0.05 ? "A" : p < 0.10 ? "B" : p < 0.20 ? "C" : p < 0.40 ? "D" : "E");
    double loadMs = (System.nanoTime() - loadStart) / 1e6;
    List<String> sectors = new ArrayList<>(scorer.card().peers().sector().keySet());
    sectors.add("unseen sector");
    List<String> countries = new ArrayList<>(scorer.card().peers().country().keySet());
    String[] sizes = {"micro", "small", "medium", "large"};
    SplittableRandom rng = new SplittableRandom(1);
    Prospect[] prospects = new Prospect[4096];
    for (int i = 0; i < prospects.length; i++) {
      prospects[i] = new Prospect(countries.get(rng.nextInt(countries.size())), sectors.get(rng.nextInt(sectors.size())),
          sizes[rng.nextInt(4)], rng.nextInt(5) == 0 ? null : LocalDate.of(2000 + rng.nextInt(26), 1 + rng.nextInt(12), 1), null,
          BigDecimal.valueOf(100 + rng.nextInt(50000)), rng.nextBoolean() ? 30 : 60, rng.nextBoolean() ? "paper" : "electronic",
          LocalDate.of(2026, 11, 2));
    }
    double sink = 0;
    for (int i = 0; i < 200_000; i++) { // warm-up
      sink += scorer.score(prospects[i & 4095]).probability();
    }
    long[] latencies = new long[2_000_000];
    int n = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long now = start;
    while (now < deadline && n < latencies.length) {
      long t0 = System.nanoTime();
      sink += scorer.score(prospects[n & 4095]).probability();
      now = System.nanoTime();
      latencies[n++] = now - t0;
    }
    double wall = (now - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "model %s loaded in %.0f ms%n", scorer.modelVersion(), loadMs);
    System.out.printf(Locale.ROOT, "scores: %,d in %.1f s on one thread = %,.0f scores/s%n", n, wall, n / wall);
    System.out.printf(Locale.ROOT, "latency per score (us): p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f%n",
        sorted[n / 2] / 1e3, sorted[(int) (n * 0.9)] / 1e3, sorted[(int) (n * 0.99)] / 1e3, sorted[(int) (n * 0.999)] / 1e3, sorted[n - 1] / 1e3);
    System.out.printf(Locale.ROOT, "(checksum %.3f)%n", sink);
  }
}
