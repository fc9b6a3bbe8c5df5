import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a refresh costs in a driver that has already run one: runs `encours refresh` twice in one
 * JVM (one Spark session: the commands reuse it), first the warm-up arguments, then the measured
 * ones, and prints each run's wall and this JVM's CPU. The second run pays no JVM start and only the
 * JIT its own new code needs; each refresh's summary still prints its steps' CPU.
 *
 * <p>Give the two runs different warehouses (copies of the same one), and a different as-of date to
 * the warm-up, so that the measured run's queries are not the warm-up's queries again (dates are
 * literals in Spark's generated code). Run from the repository root after a build, with the jobs'
 * classpath and Spark's Java 17 options (as ./encours sets them):
 *
 * <pre>
 * CP="app/target/classes:$(cat app/target/launcher-classpath.txt)"
 * java -Xmx10g $(sed -n '/^JAVA17_OPENS=(/,/^)/p' encours | grep -o -- '-[-A-Za-z0-9.=/:+_]*') \
 *   -cp "$CP" bench/warmdriver/WarmRefresh.java WARM-UP REFRESH ARGS -- MEASURED REFRESH ARGS
 * </pre>
 *
 * <p>{@code bench/warmdriver/warm-month.sh} runs it on the month of {@code bench/pipeline.sh}.
 */
public class WarmRefresh {
  static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  public static void main(String[] args) {
    int split = Arrays.asList(args).indexOf("--");
    if (split <= 0 || split == args.length - 1) {
      System.err.println("usage: WarmRefresh WARM-UP REFRESH ARGS -- MEASURED REFRESH ARGS");
      System.exit(2);
    }
    List<String[]> runs = List.of(Arrays.copyOfRange(args, 0, split), Arrays.copyOfRange(args, split + 1, args.length));
    String[] names = {"warm-up", "measured"};
    int status = 0;
    for (int k = 0; k < runs.size() && status == 0; k++) {
      List<String> command = new ArrayList<>(List.of("refresh"));
      command.addAll(Arrays.asList(runs.get(k)));
      double c0 = cpu();
      long t0 = System.nanoTime();
      status = org.encours.core.cli.Encours.execute(command.toArray(new String[0]));
      System.out.printf("%s refresh: %.1f s wall, %.1f CPU-s of this JVM, exit %d%n", names[k], (System.nanoTime() - t0) / 1e9, cpu() - c0, status);
    }
    System.exit(status);
  }
}
