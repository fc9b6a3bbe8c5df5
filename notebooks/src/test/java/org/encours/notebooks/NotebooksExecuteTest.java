package org.encours.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.encours.analytics.AnalyticsJob;
import org.encours.core.cli.Progress;
import org.encours.core.policy.Policy;
import org.encours.ingest.IngestJob;
import org.encours.ingest.mapping.MappingLoader;
import org.encours.prevention.RecommendJob;
import org.encours.samples.GenerationSettings;
import org.encours.samples.LedgerGenerator;
import org.encours.scoring.LatePaymentModels;
import org.encours.scoring.ModelRegistry;
import org.encours.scoring.ScoreJob;
import org.encours.scoring.TrainJob;
import org.encours.testing.SharedSpark;
import org.encours.warehouse.Warehouse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed notebook runs headless, start to end, on a warehouse built here by the real jobs
 * (the demo's chain on a small generated ledger: ingest, analytics and a 12-month KPI series, a
 * quickly trained model, scores, recommendations), through {@code jupyter nbconvert --execute} and
 * the Java kernel with the classpath {@code install-kernel.sh} gives users. A cell that throws
 * fails the test. Copies are executed: the committed notebooks (and their outputs) are never
 * rewritten. Skipped, visibly, without Jupyter (Debian package {@code jupyter-nbconvert}; CI
 * installs it).
 */
class NotebooksExecuteTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  static final Path NOTEBOOKS = Path.of(System.getProperty("encours.notebooks.dir", "."));
  static Path warehouse;
  static Path models;

  static List<Path> notebooks() throws Exception {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  static Path jupyter() {
    Path debian = Path.of("/usr/bin/jupyter");
    return Files.isExecutable(debian) ? debian : null;
  }

  @BeforeAll
  static void buildWarehouse() throws Exception {
    if (jupyter() == null) {
      return; // the test is skipped; no need for Spark
    }
    // The demo's chain (DemoCommand) on 2,000 generated invoices over 24 months, with a small
    // model.
    Path sample = SharedSpark.tempDir("notebook-sample");
    new LedgerGenerator(new GenerationSettings(2_000, GenerationSettings.DEFAULT_SEED, AS_OF, 24))
        .writeCsv(sample, null);
    Warehouse w = SharedSpark.newWarehouse();
    PrintWriter quiet = new PrintWriter(new StringWriter());
    new IngestJob(w, Progress.silent("ingest"))
        .run(sample.toString(), MappingLoader.load("canonical-csv"));
    new AnalyticsJob(w, quiet).asOf(AS_OF).execute();
    new AnalyticsJob(w, quiet)
        .monthly(YearMonth.from(AS_OF).minusMonths(11), YearMonth.from(AS_OF))
        .execute();
    models = SharedSpark.tempDir("notebook-models");
    ModelRegistry registry = new ModelRegistry(models);
    new TrainJob(w, registry, quiet)
        .cutoff(AS_OF)
        .promote(true)
        .settings(new LatePaymentModels.Settings(11, 3).withOneCandidateEach())
        .execute();
    new ScoreJob(w, registry, quiet).asOf(AS_OF).execute();
    new RecommendJob(w, Policy.load(), Progress.silent("recommend")).run(AS_OF);
    warehouse =
        Path.of(java.net.URI.create(w.root().startsWith("file:") ? w.root() : "file:" + w.root()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notebooks")
  void theNotebookRunsHeadlessWithoutAnError(Path notebook) throws Exception {
    Path jupyter = jupyter();
    if (jupyter == null) {
      System.err.println(
          "SKIPPED NotebooksExecuteTest: no /usr/bin/jupyter (apt-get install jupyter-nbconvert)");
    }
    Assumptions.assumeTrue(
        jupyter != null,
        "no /usr/bin/jupyter (apt-get install jupyter-nbconvert): notebooks not executed");

    Path work = SharedSpark.tempDir("notebook-run");
    Path kernels = work.resolve("jupyter/kernels/encours-java");
    Files.createDirectories(kernels);
    Files.writeString(kernels.resolve("kernel.json"), kernelJson(), StandardCharsets.UTF_8);
    Path copy = work.resolve(notebook.getFileName());
    Files.copy(notebook, copy);
    Path executed = work.resolve("executed.ipynb");

    ProcessBuilder pb =
        new ProcessBuilder(
            jupyter.toString(),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=600",
            "--ExecutePreprocessor.startup_timeout=45",
            "--output",
            executed.getFileName().toString(),
            "--output-dir",
            work.toString(),
            copy.toString());
    pb.directory(work.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(work.resolve("nbconvert.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("JUPYTER_PATH", work.resolve("jupyter").toString());
    env.put("JUPYTER_DATA_DIR", work.resolve("jupyter").toString());
    env.put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
    env.put("JUPYTER_CONFIG_DIR", work.resolve("config").toString());
    env.put("ENCOURS_WAREHOUSE", warehouse.toString());
    env.put("ENCOURS_MODELS", models.toString());
    // The kernel (rapaio 3.0.1) starts its channel threads before it registers their handlers
    // (Channels.connect), so a kernel_info_request already queued by the client can hit a null
    // handler
    // map on a loaded machine ("handlers is null"); the kernel then never answers. A healthy start
    // answers within seconds: give each start 45 s and start again, up to 6 times.
    Process p = null;
    boolean done = false;
    String log = "";
    for (int attempt = 1; attempt <= 6; attempt++) {
      p = pb.start();
      done = p.waitFor(15, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      log = Files.readString(work.resolve("nbconvert.log"));
      if (done && p.exitValue() != 0 && log.contains("Kernel didn't respond")) {
        System.err.println(
            "NotebooksExecuteTest: the kernel did not start for "
                + notebook.getFileName()
                + " (attempt "
                + attempt
                + "), retrying");
        continue;
      }
      break;
    }
    assertThat(done).as("nbconvert finished within 15 minutes; log:%n%s", log).isTrue();
    assertThat(p.exitValue())
        .as("nbconvert exit code (a cell failed?); log:%n%s", tail(log))
        .isZero();

    JsonNode nb = new ObjectMapper().readTree(executed.toFile());
    List<String> errors = new ArrayList<>();
    int codeCells = 0;
    int withOutput = 0;
    for (JsonNode cell : nb.path("cells")) {
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      codeCells++;
      if (cell.path("outputs").size() > 0) {
        withOutput++;
      }
      for (JsonNode out : cell.path("outputs")) {
        if ("error".equals(out.path("output_type").asText())
            || "stderr".equals(out.path("name").asText())) {
          errors.add(out.toString());
        }
      }
    }
    assertThat(errors).as("error outputs in %s", notebook.getFileName()).isEmpty();
    assertThat(codeCells).isGreaterThan(3);
    assertThat(withOutput)
        .as("code cells that show something")
        .isGreaterThanOrEqualTo(codeCells / 2);
    assertThat(Files.readString(notebook))
        .as("the committed notebook is left as it was")
        .isNotEmpty();
  }

  private static String kernelJson() throws Exception {
    String cp = Files.readString(Path.of(System.getProperty("encours.notebooks.classpath"))).trim();
    String classes = System.getProperty("encours.notebooks.classes");
    ObjectMapper json = new ObjectMapper();
    ObjectNode k = json.createObjectNode();
    k.putArray("argv")
        .add("java")
        .add("-Xmx1g")
        // a kernel lives for one notebook: the quick compiler only, one GC thread
        .add("-XX:TieredStopAtLevel=1")
        .add("-XX:+UseSerialGC")
        .add("-Djava.awt.headless=true")
        .add("-jar")
        .add(System.getProperty("encours.notebooks.kernel"))
        .add("{connection_file}");
    k.put("display_name", "Java (Encours notebooks, test)");
    k.put("language", "java");
    k.put("interrupt_mode", "message");
    ObjectNode env = k.putObject("env");
    // The kernel splits RJK_CLASSPATH on ';' (not the platform's path separator).
    env.put("RJK_CLASSPATH", classes + ";" + cp.replace(java.io.File.pathSeparator, ";"));
    env.put("RJK_TIMEOUT_MILLIS", "-1");
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(k);
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : "..." + log.substring(log.length() - 6000);
  }
}
