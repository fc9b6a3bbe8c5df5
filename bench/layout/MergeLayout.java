// Measures ingest's MERGE of one incremental batch into the invoices table with and without Delta
// deletion vectors, on copies of a warehouse's invoices before the batch (time travel).
// Run (after ./encours ingest of a ledger, then of its increment, see docs/table-layout.md):
//   java -cp "app/target/classes:$(cat app/target/launcher-classpath.txt)" <java17 --add-opens> \
//        bench/layout/MergeLayout.java var/wh1m var/merge-bench
import io.delta.tables.DeltaTable;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.encours.warehouse.SparkSessions;

public class MergeLayout {
  public static void main(String[] args) {
    String wh = new java.io.File(args[0]).getAbsolutePath();
    String out = new java.io.File(args[1]).getAbsolutePath();
    SparkSession spark = SparkSessions.create("merge-layout", null, Map.of());
    String invoices = wh + "/invoices";
    // the latest MERGE (later commits may be OPTIMIZE or properties set by encours maintain)
    long last = DeltaTable.forPath(spark, invoices).history().filter("operation = 'MERGE'")
        .orderBy(org.apache.spark.sql.functions.col("version").desc()).select("version").first().getLong(0);
    Dataset<Row> before = spark.read().format("delta").option("versionAsOf", last - 1).load(invoices);
    String batch = spark.read().format("delta").option("versionAsOf", last).load(invoices)
        .except(before).select("_batch_id").first().getString(0);
    Dataset<Row> changes = spark.read().format("delta").option("versionAsOf", last).load(invoices)
        .filter("_batch_id = '" + batch + "'").cache();
    System.out.printf("batch %s: %,d changed rows into %,d%n", batch, changes.count(), before.count());
    for (String dv : new String[] {"false", "true", "false", "true"}) {
      String path = out + "/invoices-dv-" + dv + "-" + System.nanoTime();
      before.write().format("delta").option("delta.enableDeletionVectors", dv).save(path);
      long t0 = System.nanoTime();
      DeltaTable.forPath(spark, path).as("t").merge(changes.as("s"), "t.invoice_id = s.invoice_id")
          .whenMatched().updateAll().whenNotMatched().insertAll().execute();
      double secs = (System.nanoTime() - t0) / 1e9;
      Row m = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").first();
      Map<String, String> metrics = scala.collection.JavaConverters.mapAsJavaMap(m.<String, String>getMap(0));
      System.out.printf("deletion vectors %s: MERGE %.1f s; rows copied %s, files removed %s, added %s, bytes added %s, DVs added %s%n",
          dv, secs, metrics.get("numTargetRowsCopied"), metrics.get("numTargetFilesRemoved"), metrics.get("numTargetFilesAdded"),
          metrics.get("numTargetBytesAdded"), metrics.get("numTargetDeletionVectorsAdded"));
    }
  }
}
