package org.encours.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page as a person's browser shows it: opened from a file in headless Chromium, with no console
 * error, no failed load, and every chart drawn. Skipped, visibly, when no Chromium is installed
 * (Debian package {@code chromium}); the CI has it.
 */
class ReportChromiumTest {
  /**
   * Per chart: its box on screen, how many shapes and labels it draws, how many colours it uses.
   */
  static final String CHARTS =
      """
      JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(f => {
        const s = f.querySelector('svg');
        if (!s) return {id: f.id, svg: false};
        const box = s.getBoundingClientRect();
        const shapes = s.querySelectorAll('path, rect, line, polyline, polygon, circle, ellipse');
        const colours = new Set();
        shapes.forEach(e => { const c = getComputedStyle(e); if (c.fill && c.fill !== 'none') colours.add(c.fill);
                              if (c.stroke && c.stroke !== 'none') colours.add(c.stroke); });
        const labels = Array.from(s.querySelectorAll('text')).filter(t => t.textContent.trim().length > 0);
        return {id: f.id, svg: true, width: box.width, height: box.height, shapes: shapes.length,
                labels: labels.length, colours: colours.size};
      }))
      """;

  @Test
  void thePageOpensInChromiumWithoutConsoleErrorsAndEveryChartIsDrawn(@TempDir Path dir)
      throws Exception {
    Optional<Path> chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      System.err.println(
          "SKIPPED ReportChromiumTest: no chromium on the PATH (apt-get install chromium, or set CHROMIUM)");
    }
    Assumptions.assumeTrue(
        chromium.isPresent(),
        "no chromium on the PATH (apt-get install chromium, or set CHROMIUM): page not checked in a browser");
    Path full = dir.resolve("report-full.html");
    Files.writeString(full, ReportHtml.render(ReportFixtures.full()), StandardCharsets.UTF_8);
    Path empty = dir.resolve("report-empty.html");
    Files.writeString(empty, ReportHtml.render(ReportFixtures.empty()), StandardCharsets.UTF_8);

    try (HeadlessChromium browser = new HeadlessChromium(chromium.get())) {
      browser.open(full);
      JsonNode charts =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(browser.evaluate(CHARTS).asText());
      List<String> ids = new ArrayList<>();
      for (JsonNode c : charts) {
        String id = c.path("id").asText();
        ids.add(id);
        assertThat(c.path("svg").asBoolean()).as("%s holds an svg", id).isTrue();
        assertThat(c.path("width").asDouble()).as("%s width on screen", id).isGreaterThan(300);
        assertThat(c.path("height").asDouble()).as("%s height on screen", id).isGreaterThan(80);
        assertThat(c.path("shapes").asInt()).as("%s shapes drawn", id).isGreaterThan(8);
        assertThat(c.path("labels").asInt()).as("%s text labels", id).isGreaterThan(3);
        assertThat(c.path("colours").asInt())
            .as("%s colours (more than the grid and the frame)", id)
            .isGreaterThanOrEqualTo(3);
      }
      assertThat(ids)
          .containsExactly(
              "chart-aging",
              "chart-ar-by-age",
              "chart-dso",
              "chart-add",
              "chart-cei",
              "chart-grades",
              "chart-calibration");
      assertThat(browser.evaluate("document.querySelectorAll('table').length").asInt())
          .isGreaterThan(10);
      assertThat(browser.errors())
          .as("console errors and failed loads on the full report")
          .isEmpty();

      browser.open(empty);
      assertThat(browser.evaluate("document.querySelectorAll('p.missing').length").asInt())
          .isEqualTo(11); // 10 sections + data versions
      assertThat(browser.errors())
          .as("console errors and failed loads on the empty report")
          .isEmpty();
    }
  }

  @Test
  void theConsoleCheckDoesCatchErrors(@TempDir Path dir) throws Exception {
    Optional<Path> chromium = HeadlessChromium.find();
    Assumptions.assumeTrue(chromium.isPresent(), "no chromium on the PATH");
    Path bad = dir.resolve("bad.html");
    Files.writeString(
        bad,
        "<!DOCTYPE html><html><body><img src=\"missing.png\"/><script>console.error('boom')</script></body></html>");
    try (HeadlessChromium browser = new HeadlessChromium(chromium.get())) {
      browser.open(bad);
      assertThat(browser.errors())
          .anyMatch(e -> e.contains("boom"))
          .anyMatch(e -> e.contains("missing.png"));
    }
  }
}
