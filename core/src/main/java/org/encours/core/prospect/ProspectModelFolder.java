package org.encours.core.prospect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.encours.core.EncoursErrors;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The saved prospect model: a folder holding {@value #MODEL_FILE} (Tribuo's protobuf format, read
 * with {@link Model#deserializeFromFile}) and {@value #CARD_FILE} (the {@link ProspectModelCard}).
 * Cards of format 1 (metrics named {@code examples}, and {@code count} and {@code observed} in the
 * calibration bins) are read under today's names ({@link #upgradeMetrics}).
 */
public final class ProspectModelFolder {
  public static final String MODEL_FILE = "model.tribuo";
  public static final String CARD_FILE = "prospect-model.json";
  public static final int FORMAT_VERSION = 2;

  /** The training-time facts the trainer does not know: data, label, counts, peers. */
  public record Context(
      LocalDate asOf,
      int lateDaysThreshold,
      Map<String, Long> dataVersions,
      Map<String, Long> counts,
      PeerSnapshot peers,
      ProspectModelTrainer.Settings settings) {}

  private ProspectModelFolder() {}

  /**
   * Writes the model and its card into {@code dir} (created; existing files of the same names
   * replaced).
   */
  public static ProspectModelCard write(
      Path dir, ProspectModelTrainer.Trained trained, Context context) throws IOException {
    Files.createDirectories(dir);
    Path modelPath = dir.resolve(MODEL_FILE);
    trained.model().serializeToFile(modelPath);
    String sha = sha256(modelPath);
    ProspectModelTrainer.Settings s = context.settings();
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("trainer", "org.tribuo.classification.sgd.linear.LinearSGDTrainer");
    hyper.put("objective", "LogMulticlass (logistic regression, two classes: late, on_time)");
    hyper.put("optimiser", "AdaGrad(initialLearningRate=" + s.learningRate() + ", epsilon=0.1)");
    hyper.put("epochs", s.epochs());
    hyper.put("minibatchSize", 1);
    hyper.put("learningRate", s.learningRate());
    hyper.put("priorStrength", s.priorStrength());
    hyper.put("trainShare", s.trainShare());
    hyper.put("calibrationShare", s.calibrationShare());
    hyper.put(
        "calibration",
        "isotonic (pool-adjacent-violators), linear between block means, clamped to [0.005, 0.995]");
    ProspectModelCard card =
        new ProspectModelCard(
            FORMAT_VERSION,
            "prospect-" + context.asOf() + "-" + sha.substring(0, 12),
            MODEL_FILE,
            sha,
            Instant.now(),
            context.asOf(),
            "first invoice paid more than "
                + context.lateDaysThreshold()
                + " days after its due date, or not paid "
                + context.lateDaysThreshold()
                + " days after it (never-paid included)",
            context.lateDaysThreshold(),
            context.dataVersions(),
            trained.periods(),
            s.seed(),
            hyper,
            context.counts(),
            new ArrayList<>(trained.featureMeans().keySet()),
            trained.coefficients(),
            trained.featureMeans(),
            trained.typical(),
            trained.calibration(),
            trained.evaluation(),
            context.peers());
    mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CARD_FILE).toFile(), card);
    return card;
  }

  /** Reads the card of a folder. */
  public static ProspectModelCard readCard(Path dir) {
    Path cardPath = dir.resolve(CARD_FILE);
    if (!Files.isRegularFile(cardPath)) {
      throw EncoursErrors.missingFile(
          "Prospect model card "
              + CARD_FILE
              + " (write the folder with 'encours train-prospects --out DIR')",
          cardPath);
    }
    try {
      ObjectMapper mapper = mapper();
      JsonNode tree = mapper.readTree(cardPath.toFile());
      int format = tree.path("formatVersion").asInt(-1);
      if (format == 1) {
        upgradeMetrics(tree.path("metrics"));
      } else if (format != FORMAT_VERSION) {
        throw EncoursErrors.badFile(
            "Prospect model card " + cardPath,
            "has format version "
                + tree.path("formatVersion")
                + ", this build reads versions 1 to "
                + FORMAT_VERSION,
            "Retrain with 'encours train-prospects'.");
      }
      return mapper.treeToValue(tree, ProspectModelCard.class);
    } catch (IOException e) {
      throw EncoursErrors.cannot(
          "read",
          "the prospect model card " + cardPath,
          e,
          "Retrain with 'encours train-prospects' or restore the folder.");
    }
  }

  /** Reads the Tribuo model of a folder, checking its SHA-256 against the card. */
  @SuppressWarnings("unchecked")
  public static Model<Label> readModel(Path dir, ProspectModelCard card) {
    Path modelPath = dir.resolve(card.modelFile());
    if (!Files.isRegularFile(modelPath)) {
      throw EncoursErrors.missingFile("Prospect model file", modelPath);
    }
    try {
      String sha = sha256(modelPath);
      if (!sha.equals(card.modelSha256())) {
        throw EncoursErrors.badFile(
            "Prospect model file " + modelPath,
            "does not match its card (SHA-256 "
                + sha
                + ", card says "
                + card.modelSha256()
                + "): the folder was mixed",
            "Copy the whole folder again.");
      }
      Model<?> model = Model.deserializeFromFile(modelPath);
      if (!model.validate(Label.class)) {
        throw EncoursErrors.badFile(
            "Prospect model file " + modelPath,
            "is not a classification model",
            "Retrain with 'encours train-prospects'.");
      }
      return (Model<Label>) model;
    } catch (IOException e) {
      throw EncoursErrors.cannot(
          "read",
          "the prospect model file " + modelPath,
          e,
          "Retrain with 'encours train-prospects' or restore the folder.");
    }
  }

  /**
   * Renames format 1's metric fields to the names every model card uses ({@link
   * org.encours.core.evaluation.EvaluationMetrics.Summary}): {@code examples} becomes {@code rows}
   * (and {@code positiveShare} = positives / rows is added), a bin's {@code count} becomes {@code
   * rows} and {@code observed} becomes {@code observedShare}.
   */
  static void upgradeMetrics(JsonNode metrics) {
    for (JsonNode scorer : metrics) {
      if (scorer instanceof ObjectNode m && m.has("examples")) {
        long rows = m.remove("examples").asLong();
        m.put("rows", rows);
        m.put("positiveShare", rows == 0 ? Double.NaN : m.path("positives").asDouble() / rows);
        for (JsonNode bin : m.path("calibration")) {
          if (bin instanceof ObjectNode b && b.has("count")) {
            b.set("rows", b.remove("count"));
            b.set("observedShare", b.remove("observed"));
          }
        }
      }
    }
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int r; (r = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, r);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
