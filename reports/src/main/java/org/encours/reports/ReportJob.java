package org.encours.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.encours.core.EncoursErrors;
import org.encours.core.cli.Progress;

/**
 * Renders a loaded {@link ReportData} into {@code report-DATE.html}, {@code .pdf} and {@code .xlsx}
 * in a folder. Each file is written to a temporary name and renamed, so a failed run leaves no
 * half-written report.
 */
public final class ReportJob {
  /** What a run wrote. */
  public record Result(
      LocalDate asOf,
      Path html,
      Path pdf,
      Path xlsx,
      List<String> missing,
      String modelVersion,
      Duration elapsed) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "report as of %s: wrote %s, %s, %s (model %s; %s) in %.1f s",
          asOf,
          html,
          pdf.getFileName(),
          xlsx.getFileName(),
          modelVersion == null ? "none" : modelVersion,
          missing.isEmpty()
              ? "all sections available"
              : missing.size() + " section(s) not available: " + String.join(", ", missing),
          elapsed.toMillis() / 1000.0);
    }
  }

  private ReportJob() {}

  public static Result write(ReportData data, Path out, Progress progress) {
    long start = System.nanoTime();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw EncoursErrors.cannot(
          "create", "the output folder " + out, e, "Choose a writable folder with --out.");
    }
    String base = "report-" + data.asOf();
    progress.step("Rendering the HTML page");
    String html = ReportHtml.render(data);
    Path htmlFile =
        atomically(
            out.resolve(base + ".html"), o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
    progress.step("Rendering the PDF");
    Path pdfFile = atomically(out.resolve(base + ".pdf"), o -> ReportPdf.write(html, o));
    progress.step("Writing the workbook");
    Path xlsxFile = atomically(out.resolve(base + ".xlsx"), o -> ReportWorkbook.write(data, o));
    return new Result(
        data.asOf(),
        htmlFile,
        pdfFile,
        xlsxFile,
        missingSections(data),
        data.modelVersion(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  static List<String> missingSections(ReportData d) {
    List<String> missing = new ArrayList<>();
    if (!d.headline().available()) missing.add("headline");
    if (!d.aging().available()) missing.add("aging");
    if (!d.trend().available()) missing.add("trend");
    if (!d.topCustomers().available()) missing.add("top customers");
    if (!d.concentration().available()) missing.add("concentration");
    if (!d.grades().available()) missing.add("grades");
    if (!d.migration().available()) missing.add("migration");
    if (!d.dunning().available()) missing.add("dunning plan");
    if (!d.legal().available()) missing.add("legal exposure");
    if (!d.modelHealth().available()) missing.add("model health");
    return missing;
  }

  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static Path atomically(Path target, Writer writer) {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      try (OutputStream o = Files.newOutputStream(tmp)) {
        writer.write(o);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
