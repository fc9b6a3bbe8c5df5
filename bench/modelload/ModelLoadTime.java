import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * How long loading a model registry's champion takes (wall and this JVM's CPU), three times in one
 * local Spark session: the first load pays the JIT, the next ones do not. Run from the repository
 * root after a build, with the jobs' classpath and Spark's Java 17 options (as ./encours sets them):
 *
 * <pre>
 * CP="app/target/classes:$(cat app/target/launcher-classpath.txt)"
 * java -Xmx4g $(sed -n '/^JAVA17_OPENS=(/,/^)/p' encours | grep -o -- '-[-A-Za-z0-9.=/:+_]*') \
 *   -cp "$CP" bench/modelload/ModelLoadTime.java MODELS_FOLDER
 * </pre>
 */
public class ModelLoadTime {
  static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ModelLoadTime MODELS_FOLDER");
      System.exit(2);
    }
    var spark = org.encours.warehouse.SparkSessions.create("model-load-time", "local[*]", Map.of());
    spark.range(10).count();
    for (int i = 1; i <= 3; i++) {
      double c0 = cpu();
      long t0 = System.nanoTime();
      var model = new org.encours.scoring.ModelRegistry(Path.of(args[0])).load(null);
      System.out.printf("load %d of %s: %.1f s wall, %.1f CPU-s%n", i, model.version(), (System.nanoTime() - t0) / 1e9, cpu() - c0);
    }
    spark.stop();
  }
}
