package org.encours.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.encours.core.EncoursErrors;

/**
 * The model registry: a folder (default {@value #DEFAULT_LOCATION}, else {@code ENCOURS_MODELS},
 * else {@code --models}) with one sub-folder per model version ({@code v0001}, {@code v0002}, ...)
 * and a file {@value #CHAMPION_FILE} naming the version {@code encours score} uses by default.
 *
 * <pre>
 * var/models/
 *   CHAMPION                 v0002
 *   v0002/
 *     model.json             version, created_at, seed, cutoff, input table versions, features,
 *                            hyper-parameters (candidates and the chosen one per horizon), periods
 *     report.json            the evaluation report (out-of-time figures beside the baselines, drift)
 *     report.html            the same, readable, self-contained
 *     profile.json           training distributions (decile edges and counts) for the PSI
 *     t30/scorer  t30/explainer  t0/scorer  t0/explainer  payment_date    Spark ML pipeline models
 * </pre>
 */
public final class ModelRegistry {
  public static final String DEFAULT_LOCATION = "var/models";
  public static final String CHAMPION_FILE = "CHAMPION";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root;
  }

  /** Flag, then ENCOURS_MODELS, then the default. */
  public static ModelRegistry locate(String flag) {
    String env = System.getenv("ENCOURS_MODELS");
    String where =
        flag != null && !flag.isBlank()
            ? flag
            : env != null && !env.isBlank() ? env : DEFAULT_LOCATION;
    return new ModelRegistry(Path.of(where));
  }

  public Path root() {
    return root;
  }

  public Path folder(String version) {
    return root.resolve(version);
  }

  /** Versions present, oldest first. */
  public List<String> versions() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("model.json")))
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("v\\d{4,}"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String nextVersion() {
    List<String> v = versions();
    int last = v.isEmpty() ? 0 : Integer.parseInt(v.get(v.size() - 1).substring(1));
    return String.format("v%04d", last + 1);
  }

  public Optional<String> champion() {
    Path f = root.resolve(CHAMPION_FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      String v = Files.readString(f, StandardCharsets.UTF_8).trim();
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void promote(String version) {
    if (!versions().contains(version)) {
      throw EncoursErrors.nothingFound(
          "model version '" + version + "'",
          "the registry " + root.toAbsolutePath(),
          "its versions are "
              + (versions().isEmpty() ? "none" : String.join(", ", versions()))
              + ". Run 'encours models list' to see them.");
    }
    try {
      Files.createDirectories(root);
      Path tmp = root.resolve(CHAMPION_FILE + ".tmp");
      Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmp,
          root.resolve(CHAMPION_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a trained model as a new version; the folder appears complete or not at all (renamed at
   * the end).
   */
  public String save(LatePaymentModels.Trained trained, Map<String, Object> metadata) {
    String version = nextVersion();
    Path tmp = root.resolve("." + version + ".incomplete");
    try {
      Files.createDirectories(tmp);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("version", version);
      meta.putAll(metadata);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model_version", version);
      report.putAll(metadata);
      report.putAll(trained.report());
      Files.writeString(
          tmp.resolve("model.json"), JSON.writeValueAsString(meta), StandardCharsets.UTF_8);
      Files.writeString(
          tmp.resolve("report.json"), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
      Files.writeString(
          tmp.resolve("report.html"),
          EvaluationReport.html(JSON.valueToTree(report)),
          StandardCharsets.UTF_8);
      Files.writeString(
          tmp.resolve("profile.json"),
          JSON.writeValueAsString(trained.profile()),
          StandardCharsets.UTF_8);
      for (LatePaymentModels.Horizon h : trained.horizons()) {
        h.scorer().write().overwrite().save(tmp.resolve("t" + h.t()).resolve("scorer").toString());
        h.explainer()
            .write()
            .overwrite()
            .save(tmp.resolve("t" + h.t()).resolve("explainer").toString());
      }
      trained.paymentDate().write().overwrite().save(tmp.resolve("payment_date").toString());
      Files.move(tmp, folder(version), StandardCopyOption.ATOMIC_MOVE);
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model read back from the registry. */
  public record Loaded(
      String version,
      JsonNode metadata,
      Map<Integer, PipelineModel> scorers,
      Map<Integer, PipelineModel> explainers,
      PipelineModel paymentDate,
      JsonNode profile) {}

  /**
   * The version to use (the champion when null), checked to be in the registry; no Spark needed.
   */
  public String resolve(String versionOrNull) {
    String version =
        versionOrNull != null
            ? versionOrNull
            : champion()
                .orElseThrow(
                    () ->
                        EncoursErrors.nothingFound(
                            "champion model",
                            "the registry " + root.toAbsolutePath(),
                            "train one with 'encours train' (the first model"
                                + " becomes champion), or name a version with --model, or point --models / ENCOURS_MODELS at the registry."));
    if (!Files.isRegularFile(folder(version).resolve("model.json"))) {
      throw EncoursErrors.nothingFound(
          "model version '" + version + "'",
          root.toAbsolutePath().toString(),
          "run 'encours models list'.");
    }
    return version;
  }

  public Loaded load(String versionOrNull) {
    String version = resolve(versionOrNull);
    Path f = folder(version);
    try {
      JsonNode meta = JSON.readTree(f.resolve("model.json").toFile());
      Map<Integer, PipelineModel> scorers = new LinkedHashMap<>();
      Map<Integer, PipelineModel> explainers = new LinkedHashMap<>();
      for (int t : LatePaymentModels.HORIZONS) {
        scorers.put(t, PipelineModel.load(f.resolve("t" + t).resolve("scorer").toString()));
        explainers.put(t, PipelineModel.load(f.resolve("t" + t).resolve("explainer").toString()));
      }
      return new Loaded(
          version,
          meta,
          scorers,
          explainers,
          PipelineModel.load(f.resolve("payment_date").toString()),
          JSON.readTree(f.resolve("profile.json").toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line per version for {@code encours models list}. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    String champ = champion().orElse("");
    for (String v : versions()) {
      try {
        JsonNode m = JSON.readTree(folder(v).resolve("model.json").toFile());
        JsonNode r = JSON.readTree(folder(v).resolve("report.json").toFile());
        StringBuilder b = new StringBuilder();
        b.append(v.equals(champ) ? "* " : "  ")
            .append(v)
            .append("  created ")
            .append(m.path("created_at").asText())
            .append("  cutoff ")
            .append(m.path("cutoff").asText())
            .append("  seed ")
            .append(m.path("seed").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("targets").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode test = e.getValue().path("test").elements().next();
          b.append(
              String.format(
                  java.util.Locale.ROOT,
                  "  %s: %s, test AUC %.3f ECE %.3f",
                  e.getKey(),
                  e.getValue().path("chosen").asText(),
                  test.path("rocAuc").asDouble(),
                  test.path("ece").asDouble()));
        }
        lines.add(b.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }
}
