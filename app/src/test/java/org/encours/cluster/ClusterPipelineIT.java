package org.encours.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.encours.core.cli.Encours;
import org.encours.testing.SharedSpark;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The pipeline on a real Spark standalone cluster: a master and two workers, each its own JVM on
 * 127.0.0.1, started from the project's own jars (nothing downloaded). A generated ledger is cut in
 * two exports: its history to 2026-09-30 and October's rows. The pipeline a user runs is submitted
 * to the cluster through the command line ({@code java -cp JOBS_CLASSPATH
 * org.encours.core.cli.Encours CMD --master spark://...}), one application per command: {@code
 * ingest} the history, {@code train} a model, then {@code refresh} as of 2026-10-31 with October's
 * export (ingest, aging, the KPI series from 2026-05, scores and recommendations: every job of the
 * single commands, in one application, as RefreshJobTest shows). The same commands run in {@code
 * local[2]} first, on the same exports; the two warehouses must hold the same tables. Spark's event
 * logs must show tasks on both workers in every application.
 *
 * <p>The cluster is built as a user would have it: {@code SPARK_HOME/jars} holds Spark, Delta and
 * the other libraries (links to the jobs' runtime classpath minus Encours itself), and the Encours
 * jars reach the executors through {@code spark.jars} (the driver serves them).
 *
 * <p>What is compared, and how:
 *
 * <ul>
 *   <li>Ignored, run-specific: {@code _batch_id} in the canonical tables and the batch id and
 *       start/end times in {@code ingest_batches} (they embed the wall clock).
 *   <li>Exact: every other column of the ingested tables, {@code aging_items}, {@code aging},
 *       {@code payment_behaviour}, {@code payment_behaviour_state} (the kept walk states, byte for
 *       byte), {@code receivables_kpis}, {@code recommendations} and {@code dunning_plan}
 *       (including the Delta versions in {@code input_versions} and the model version {@code
 *       v0001}); doubles in them to 1e-12 relative (sums in another order than the last bit are not
 *       expected, but are not a cluster bug either).
 *   <li>Within tolerances, the model outputs ({@code invoice_scores}, {@code customer_scores},
 *       {@code score_drift}, {@code invoice_model_outputs}): the boosted trees sum their split
 *       statistics across partitions in no fixed order (the L-BFGS fits run on one ordered
 *       partition and are exact, see TrainAndScoreTest), so: probabilities to 1e-6, day figures
 *       rounded to 0.1 day (expected days late) to one rounding step, other doubles (contributions,
 *       PSI) to 0.1 %, dates derived from the survival model to one day, integers to one. Grades,
 *       reasons and everything else exact. The chosen candidates in the registry must be the same.
 * </ul>
 *
 * Both runs use the same shuffle partitions (4), default parallelism (2) and Delta snapshot
 * partitions (2), without the web UI. The command JVMs, daemons and executors run with the quick
 * (C1) compiler only, as the other tests do: on this little data the JIT's work, not the jobs'
 * compute, is what costs.
 *
 * <p>Run alone: {@code ./mvnw -B verify -pl app -am -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ClusterPipelineIT}. It needs about 2.5 GB of
 * RAM; its logs (daemons, each command, event logs) stay in {@code app/target/cluster-it/}.
 */
@Tag("cluster")
class ClusterPipelineIT {
  private static final String AS_OF = "2026-10-31";

  /** The history export holds the rows dated up to this day; October's export the rows after it. */
  private static final LocalDate HISTORY_END = LocalDate.parse("2026-09-30");

  /**
   * The JVM options of every process the test starts besides {@code -Xmx}: the quick (C1) compiler
   * only, and the serial garbage collector (one GC thread per JVM on two cores).
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(20);
  private static final Set<String> MODEL_TABLES =
      Set.of("invoice_scores", "customer_scores", "score_drift", "invoice_model_outputs");
  private static final Map<String, Set<String>> IGNORED =
      Map.of("ingest_batches", Set.of("batch_id", "started_at", "ended_at"));
  private static final Set<String> IGNORED_EVERYWHERE = Set.of("_batch_id");

  private final List<Process> started = new ArrayList<>();
  private boolean stopped;
  private Path dir;
  private Path logs;
  private String java;

  @Test
  @DisabledIfSystemProperty(named = "encours.it.recheck", matches = "true")
  void thePipelineOnAStandaloneClusterWritesTheSameTablesAsLocalModeWithTasksOnBothWorkers()
      throws Exception {
    dir = Path.of(System.getProperty("encours.it.dir", "target/cluster-it")).toAbsolutePath();
    deleteRecursively(dir);
    logs = Files.createDirectories(dir.resolve("logs"));
    java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    try {
      // The jobs' classpath, as ./encours builds it: the reports classes, then
      // launcher-classpath.txt.
      List<Path> jobsClasspath = new ArrayList<>();
      jobsClasspath.add(Path.of(System.getProperty("encours.jobs.classes", "target/classes")));
      for (String entry :
          Files.readString(
                  Path.of(
                      System.getProperty(
                          "encours.jobs.classpath.file", "target/launcher-classpath.txt")))
              .trim()
              .split(File.pathSeparator)) {
        jobsClasspath.add(Path.of(entry));
      }
      Path sparkHome = sparkHome(jobsClasspath);
      String appJars = appJars(jobsClasspath);

      Path ledger = dir.resolve("ledger");
      // The smallest ledger the generator writes still trains (as TrainAndScoreTest's 1,000 over 24
      // months).
      assertThat(
              Encours.execute(
                  "generate", "--invoices", "1000", "--months", "24", "--out", ledger.toString()))
          .isZero();
      Path history = dir.resolve("export-history");
      Path october = dir.resolve("export-2026-10");
      split(ledger, history, october);

      int masterPort = freePort();
      int masterUi = freePort();
      int[] workerUi = {freePort(), freePort()};
      Map<String, String> sparkEnv =
          Map.of(
              "SPARK_HOME",
              sparkHome.toString(),
              "SPARK_SCALA_VERSION",
              "2.12",
              "SPARK_LOCAL_IP",
              "127.0.0.1");
      String daemonCp = sparkHome.resolve("jars") + "/*";
      start(
          "master",
          sparkEnv,
          daemon(
              "-cp",
              daemonCp,
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(masterPort),
              "--webui-port",
              String.valueOf(masterUi)));
      for (int i = 0; i < 2; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + (i + 1)));
        start(
            "worker-" + (i + 1),
            sparkEnv,
            daemon(
                "-cp",
                daemonCp,
                "org.apache.spark.deploy.worker.Worker",
                "spark://127.0.0.1:" + masterPort,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--work-dir",
                work.toString(),
                "--webui-port",
                String.valueOf(workerUi[i])));
      }

      Path eventLogs = Files.createDirectories(dir.resolve("event-logs"));
      List<String> same =
          List.of(
              "--conf", "spark.sql.shuffle.partitions=4",
              "--conf", "spark.default.parallelism=2",
              "--conf", "spark.databricks.delta.snapshotPartitions=2",
              "--conf", "spark.ui.enabled=false");
      List<String> cluster =
          new ArrayList<>(List.of("--master", "spark://127.0.0.1:" + masterPort));
      cluster.addAll(same);
      cluster.addAll(
          List.of(
              "--conf", "spark.jars=" + appJars,
              "--conf", "spark.driver.host=127.0.0.1",
              "--conf", "spark.driver.bindAddress=127.0.0.1",
              "--conf", "spark.executor.memory=1g",
              "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", JVM_OPTIONS),
              // start each job only once both executors are there, so that both get work
              "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
              "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
              "--conf", "spark.eventLog.enabled=true",
              "--conf", "spark.eventLog.dir=" + eventLogs.toUri()));
      List<String> local = new ArrayList<>(List.of("--master", "local[2]"));
      local.addAll(same);

      // Local mode first, while the daemons start; then the cluster. One after the other: on two
      // cores, side by side they only take each other's CPU.
      String jobsCp =
          jobsClasspath.stream()
              .map(Path::toString)
              .collect(Collectors.joining(File.pathSeparator));
      pipeline("local", jobsCp, history, october, local);
      long localDone = System.nanoTime();
      waitFor(Duration.ofSeconds(120), "the master's /json/", () -> masterJson(masterUi) != null);
      waitFor(
          Duration.ofSeconds(180),
          "two alive workers",
          () -> {
            JsonNode m = masterJson(masterUi);
            return m != null && m.path("aliveworkers").asInt() == 2;
          });
      pipeline("cluster", jobsCp, history, october, cluster);
      long pipelinesDone = System.nanoTime();

      // Stop the cluster before comparing: the comparison needs the memory, not the daemons.
      JsonNode master = masterJson(masterUi);
      stopAll();
      System.out.printf(
          "cluster-it: local pipeline in %d s, cluster pipeline in %d s%n",
          (localDone - start) / 1_000_000_000L, (pipelinesDone - localDone) / 1_000_000_000L);

      assertThat(master.path("completedapps"))
          .as("applications completed on the master")
          .hasSize(3);
      assertTasksRanOnBothWorkers(eventLogs, workerUi);
      assertSameModelChoice(dir.resolve("local/models"), dir.resolve("cluster/models"));
      assertSameTables(dir.resolve("local/warehouse"), dir.resolve("cluster/warehouse"));
      System.out.printf("cluster-it: done in %d s%n", (System.nanoTime() - start) / 1_000_000_000L);
    } finally {
      stopAll();
    }
  }

  /**
   * Only the checks, on what the last run left in target/cluster-it (to adjust a comparison without
   * rerunning half an hour of jobs): {@code -Dit.test=ClusterPipelineIT -Dencours.it.recheck=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "encours.it.recheck", matches = "true")
  void recheckTheLastRun() throws Exception {
    Path last = Path.of(System.getProperty("encours.it.dir", "target/cluster-it")).toAbsolutePath();
    assertTasksRanOnBothWorkers(last.resolve("event-logs"), null);
    assertSameModelChoice(last.resolve("local/models"), last.resolve("cluster/models"));
    assertSameTables(last.resolve("local/warehouse"), last.resolve("cluster/warehouse"));
  }

  /**
   * The pipeline a user runs, one JVM each, exactly as ./encours runs them: the first load, a
   * model, then the month's refresh with its export.
   */
  private void pipeline(
      String name, String jobsCp, Path history, Path october, List<String> sparkArgs) {
    Path home = dir.resolve(name);
    String warehouse = home.resolve("warehouse").toString();
    String models = home.resolve("models").toString();
    List<List<String>> commands =
        List.of(
            List.of("ingest", "--source", history.toString(), "--mapping", "canonical-csv"),
            List.of("train", "--seed", "42", "--gbt-iterations", "2", "--models", models),
            List.of(
                "refresh",
                "--source",
                october.toString(),
                "--mapping",
                "canonical-csv",
                "--as-of",
                AS_OF,
                "--series-from",
                "2026-05",
                "--models",
                models));
    int step = 0;
    for (List<String> command : commands) {
      List<String> line = new ArrayList<>();
      line.add(java);
      line.add("-Xmx1g");
      line.addAll(JVM_OPTIONS);
      line.addAll(Arrays.asList(System.getProperty("spark.java17.opens", "").trim().split("\\s+")));
      line.addAll(List.of("-cp", jobsCp, Encours.class.getName()));
      line.addAll(command);
      line.addAll(List.of("--warehouse", warehouse));
      line.addAll(sparkArgs);
      String label = name + "-" + (++step) + "-" + command.get(0);
      long t0 = System.nanoTime();
      try {
        Process p = start(label, Map.of("SPARK_LOCAL_IP", "127.0.0.1", "ENCOURS_DEBUG", "1"), line);
        if (!p.waitFor(COMMAND_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
          fail("%s did not finish in %s; log: %s", label, COMMAND_TIMEOUT, tail(label));
        }
        if (p.exitValue() != 0) {
          fail("%s exited with %d; log: %s", label, p.exitValue(), tail(label));
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(label, e);
      }
      System.out.printf(
          "cluster-it: %s took %d s%n", label, (System.nanoTime() - t0) / 1_000_000_000L);
    }
  }

  /**
   * Cuts the generated ledger in two exports of the canonical CSV layout: the customers in both;
   * the invoices, payments and dunning events dated up to {@link #HISTORY_END} (issue, payment,
   * event date) in the history, the later ones in October's export.
   */
  private static void split(Path ledger, Path history, Path october) throws IOException {
    Files.createDirectories(history);
    Files.createDirectories(october);
    Files.copy(ledger.resolve("customers.csv"), history.resolve("customers.csv"));
    Files.copy(ledger.resolve("customers.csv"), october.resolve("customers.csv"));
    Map<String, String> dateColumn =
        Map.of(
            "invoices.csv",
            "issue_date",
            "payments.csv",
            "payment_date",
            "dunning_events.csv",
            "event_date");
    for (Map.Entry<String, String> file : dateColumn.entrySet()) {
      List<String> lines = Files.readAllLines(ledger.resolve(file.getKey()));
      String header = lines.get(0);
      int column = Arrays.asList(header.split(",")).indexOf(file.getValue());
      assertThat(column).as("%s in %s", file.getValue(), header).isNotNegative();
      List<String> before = new ArrayList<>(List.of(header));
      List<String> after = new ArrayList<>(List.of(header));
      for (String line : lines.subList(1, lines.size())) {
        assertThat(line)
            .as("a row of %s without quoted fields", file.getKey())
            .doesNotContain("\"");
        boolean early = !LocalDate.parse(line.split(",", -1)[column]).isAfter(HISTORY_END);
        (early ? before : after).add(line);
      }
      assertThat(after)
          .as("rows of %s dated after %s", file.getKey(), HISTORY_END)
          .hasSizeGreaterThan(1);
      Files.write(history.resolve(file.getKey()), before);
      Files.write(october.resolve(file.getKey()), after);
    }
  }

  /**
   * A Spark daemon's command line: this JVM's java, a small heap, the options of every process
   * here.
   */
  private List<String> daemon(String... args) {
    List<String> line = new ArrayList<>(List.of(java, "-Xmx256m"));
    line.addAll(JVM_OPTIONS);
    line.addAll(Arrays.asList(args));
    return line;
  }

  // ---- the cluster ------------------------------------------------------------------------------

  /**
   * SPARK_HOME/jars: links to every library jar of the jobs' classpath (Spark, Delta, ...), not
   * Encours.
   */
  private Path sparkHome(List<Path> jobsClasspath) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (Path entry : jobsClasspath) {
      if (!isEncours(entry)) {
        Path link = jars.resolve(entry.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, entry.toAbsolutePath());
        }
      }
    }
    return jars.getParent();
  }

  /**
   * The Encours jars for spark.jars; a classes folder (run from an IDE or before packaging) is
   * jarred.
   */
  private String appJars(List<Path> jobsClasspath) throws IOException {
    List<String> jars = new ArrayList<>();
    for (Path entry : jobsClasspath) {
      if (isEncours(entry)) {
        jars.add(
            (Files.isDirectory(entry) ? jar(entry) : entry).toAbsolutePath().toUri().toString());
      }
    }
    return String.join(",", jars);
  }

  private static boolean isEncours(Path entry) {
    return Files.isDirectory(entry) || entry.getFileName().toString().startsWith("encours-");
  }

  private Path jar(Path classes) throws IOException {
    Path jar =
        dir.resolve("app-jars")
            .resolve("encours-" + classes.getParent().getParent().getFileName() + "-classes.jar");
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private Process start(String name, Map<String, String> env, List<String> command)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    synchronized (started) {
      if (stopped) {
        throw new IllegalStateException("the test is stopping; not starting " + name);
      }
      Process p = pb.start();
      started.add(p);
      return p;
    }
  }

  /**
   * Every process this test started, and what they started (executors), by PID; also on failure.
   */
  private void stopAll() {
    List<ProcessHandle> all = new ArrayList<>();
    synchronized (started) {
      stopped = true;
      for (Process p : started) {
        p.descendants().forEach(all::add);
        all.add(p.toHandle());
      }
      started.clear();
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static JsonNode masterJson(int uiPort) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      try (InputStream in = c.getInputStream()) {
        return new ObjectMapper().readTree(in);
      }
    } catch (IOException e) {
      return null;
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private void waitFor(Duration timeout, String what, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        fail("no %s after %s; logs in %s", what, timeout, logs);
      }
      Thread.sleep(500);
    }
  }

  private String tail(String label) {
    try {
      List<String> lines = Files.readAllLines(logs.resolve(label + ".log"));
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  // ---- what ran where ---------------------------------------------------------------------------

  /**
   * Per application (one per command): tasks finished by the executors of each worker (by its web
   * UI port).
   */
  private static void assertTasksRanOnBothWorkers(Path eventLogs, int[] workerUi)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Map<Integer, Integer>> tasksPerApp = new TreeMap<>();
    try (Stream<Path> files = Files.list(eventLogs)) {
      for (Path log : files.sorted().collect(Collectors.toList())) {
        Map<String, Integer> executorWorker = new LinkedHashMap<>();
        Map<Integer, Integer> tasks = new TreeMap<>();
        String app = log.getFileName().toString();
        try (BufferedReader r = Files.newBufferedReader(log)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            JsonNode e = json.readTree(line);
            switch (e.path("Event").asText()) {
              case "SparkListenerApplicationStart" -> app = e.path("App Name").asText() + " " + app;
              case "SparkListenerExecutorAdded" -> {
                URI stdout =
                    URI.create(e.path("Executor Info").path("Log Urls").path("stdout").asText());
                executorWorker.put(e.path("Executor ID").asText(), stdout.getPort());
              }
              case "SparkListenerTaskEnd" -> {
                Integer worker =
                    executorWorker.get(e.path("Task Info").path("Executor ID").asText());
                tasks.merge(worker == null ? -1 : worker, 1, Integer::sum);
              }
              default -> {}
            }
          }
        }
        tasksPerApp.put(app, tasks);
      }
    }
    System.out.println("cluster-it: tasks per application and worker web UI port " + tasksPerApp);
    assertThat(tasksPerApp).as("one event log per command").hasSize(3);
    tasksPerApp.forEach(
        (app, tasks) -> {
          assertThat(tasks)
              .as("tasks of %s per worker", app)
              .hasSize(2)
              .doesNotContainKey(-1)
              .allSatisfy((w, n) -> assertThat(n).isPositive());
          if (workerUi != null) {
            assertThat(tasks)
                .as("tasks of %s per worker", app)
                .containsOnlyKeys(workerUi[0], workerUi[1]);
          }
        });
  }

  // ---- the results ------------------------------------------------------------------------------

  private static void assertSameModelChoice(Path local, Path cluster) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(local.resolve("v0001/model.json").toFile());
    JsonNode b = json.readTree(cluster.resolve("v0001/model.json").toFile());
    assertThat(b.path("chosen")).as("candidates chosen on the cluster").isEqualTo(a.path("chosen"));
    assertThat(b.path("input_versions")).isEqualTo(a.path("input_versions"));
  }

  private static void assertSameTables(Path local, Path cluster) throws IOException {
    Set<String> tables = deltaTables(local);
    assertThat(deltaTables(cluster)).as("tables written on the cluster").isEqualTo(tables);
    assertThat(tables)
        .contains(
            "invoices",
            "aging",
            "receivables_kpis",
            "payment_behaviour",
            "invoice_scores",
            "customer_scores",
            "recommendations",
            "dunning_plan");
    SparkSession spark = SharedSpark.session();
    List<String> differences = new ArrayList<>();
    for (String table : tables) {
      Dataset<Row> a = spark.read().format("delta").load(local.resolve(table).toString());
      Dataset<Row> b = spark.read().format("delta").load(cluster.resolve(table).toString());
      assertThat(b.schema()).as("schema of %s", table).isEqualTo(a.schema());
      Set<String> ignored = new TreeSet<>(IGNORED.getOrDefault(table, Set.of()));
      ignored.addAll(IGNORED_EVERYWHERE);
      boolean model = MODEL_TABLES.contains(table);
      List<StructField> fields =
          Arrays.stream(a.schema().fields())
              .filter(f -> !ignored.contains(f.name()))
              .collect(Collectors.toList());
      // Pair rows on every column that is exact (not floating point, not model-derived date or
      // points).
      Column[] order =
          fields.stream()
              .filter(f -> sortable(f, model))
              .map(f -> org.apache.spark.sql.functions.col(f.name()))
              .toArray(Column[]::new);
      Column[] keep =
          fields.stream()
              .map(f -> org.apache.spark.sql.functions.col(f.name()))
              .toArray(Column[]::new);
      List<Row> ra = a.select(keep).orderBy(order).collectAsList();
      List<Row> rb = b.select(keep).orderBy(order).collectAsList();
      if (ra.size() != rb.size()) {
        differences.add(
            table + ": " + ra.size() + " rows in local mode, " + rb.size() + " on the cluster");
        continue;
      }
      int before = differences.size();
      for (int i = 0; i < ra.size() && differences.size() - before < 5; i++) {
        for (int c = 0; c < fields.size(); c++) {
          String where = table + " row " + i + " " + fields.get(c).name();
          String diff =
              compare(
                  where,
                  fields.get(c).name(),
                  fields.get(c).dataType(),
                  ra.get(i).get(c),
                  rb.get(i).get(c),
                  model);
          if (diff != null) {
            differences.add(diff + " (local row " + ra.get(i) + ", cluster row " + rb.get(i) + ")");
          }
        }
      }
      System.out.printf(
          "cluster-it: %s: %d rows compared (%s)%n",
          table, ra.size(), model ? "model outputs, within tolerances" : "exact");
    }
    assertThat(differences).as("differences between the local and the cluster warehouse").isEmpty();
  }

  private static boolean sortable(StructField f, boolean model) {
    DataType t = f.dataType();
    boolean atomic =
        t instanceof DecimalType
            || Set.of(
                    DataTypes.StringType,
                    DataTypes.IntegerType,
                    DataTypes.LongType,
                    DataTypes.DateType,
                    DataTypes.BooleanType,
                    DataTypes.TimestampType,
                    DataTypes.ShortType)
                .contains(t);
    return atomic
        && !(model
            && (tolerantDate(f.name())
                || t.equals(DataTypes.IntegerType)
                || t.equals(DataTypes.LongType)));
  }

  private static boolean tolerantDate(String column) {
    return column.startsWith("payment_date_") || column.startsWith("expected_");
  }

  /** Null when equal under the table's rules, else a description of the difference. */
  private static String compare(
      String where, String column, DataType type, Object a, Object b, boolean model) {
    if (a == null || b == null) {
      return a == b ? null : where + ": " + a + " vs " + b;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y)
          ? null
          : where + ": " + x.length + " bytes vs " + y.length + " bytes, not the same";
    }
    if (a instanceof Double || a instanceof Float) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (Double.compare(x, y) == 0) {
        return null;
      }
      double diff = Math.abs(x - y);
      boolean ok =
          model
              ? (column.contains("prob") || column.startsWith("pd_")
                  ? diff <= 1e-6
                  // expected_days_late is rounded to 0.1 day: a 1e-4 change of the survival scale
                  // can move it one step
                  : column.contains("days")
                      ? diff <= 0.1 + 1e-9
                      : diff <= 1e-3 * Math.max(Math.abs(x), Math.abs(y)) || diff <= 1e-6)
              : diff <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
      return ok ? null : where + ": " + x + " vs " + y;
    }
    if (model && a instanceof Date da && b instanceof Date db && tolerantDate(column)) {
      long days = Math.abs(da.toLocalDate().toEpochDay() - db.toLocalDate().toEpochDay());
      return days <= 1 ? null : where + ": " + a + " vs " + b;
    }
    if (model && (a instanceof Integer || a instanceof Long) && !(b instanceof Boolean)) {
      long d = Math.abs(((Number) a).longValue() - ((Number) b).longValue());
      return d <= 1 ? null : where + ": " + a + " vs " + b;
    }
    if (a instanceof Row x && b instanceof Row y) {
      for (int i = 0; i < x.size(); i++) {
        String name = x.schema() == null ? column : x.schema().fields()[i].name();
        String d = compare(where + "." + name, name, null, x.get(i), y.get(i), model);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof scala.collection.Seq<?> x && b instanceof scala.collection.Seq<?> y) {
      if (x.size() != y.size()) {
        return where + ": " + x.size() + " vs " + y.size() + " elements";
      }
      for (int i = 0; i < x.size(); i++) {
        String d = compare(where + "[" + i + "]", column, null, x.apply(i), y.apply(i), model);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof scala.collection.Map<?, ?> x && b instanceof scala.collection.Map<?, ?> y) {
      Map<String, Object> mx = new TreeMap<>();
      Map<String, Object> my = new TreeMap<>();
      x.foreach(t -> mx.put(String.valueOf(t._1()), t._2()));
      y.foreach(t -> my.put(String.valueOf(t._1()), t._2()));
      if (!mx.keySet().equals(my.keySet())) {
        return where + ": keys " + mx.keySet() + " vs " + my.keySet();
      }
      for (String k : mx.keySet()) {
        String d = compare(where + "[" + k + "]", column, null, mx.get(k), my.get(k), model);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return a.equals(b) ? null : where + ": " + a + " vs " + b;
  }

  private static Set<String> deltaTables(Path warehouse) throws IOException {
    try (Stream<Path> dirs = Files.list(warehouse)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log")))
          .map(d -> d.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
