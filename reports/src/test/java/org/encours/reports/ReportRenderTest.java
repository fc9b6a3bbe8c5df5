package org.encours.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The three forms rendered from hand-built contents, without Spark. */
class ReportRenderTest {

  @Test
  void thePageIsWellFormedSelfContainedXhtmlWithEveryChartInline() throws Exception {
    String html = ReportHtml.render(ReportFixtures.full());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.newDocumentBuilder()
        .parse(
            new ByteArrayInputStream(
                html.getBytes(StandardCharsets.UTF_8))); // throws if not well formed
    assertThat(html)
        .doesNotContain(
            "<script",
            "<link",
            "<img",
            "src=",
            "href=\"http",
            "@import",
            "url(http",
            "url('http",
            "@font-face");
    assertThat(html.replaceAll("url\\(#[A-Za-z0-9_-]+\\)", ""))
        .as("only references inside the page")
        .doesNotContain("url(");
    for (String chart :
        List.of("aging", "ar-by-age", "dso", "add", "cei", "grades", "calibration")) {
      assertThat(html).contains("<figure class=\"chart\" id=\"chart-" + chart + "\"><svg");
    }
    assertThat(html)
        .contains(
            "As of <b data-key=\"as-of\">2026-10-31</b>",
            "v0002",
            "receivables_kpis",
            "customers 1, invoices 1");
    assertThat(cell(html, "aging.credits.amount")).isEqualTo("EUR\u00a0-1,222.00");
    assertThat(html).contains("class=\"num neg\" data-key=\"aging.credits.amount\"");
  }

  @Test
  void theHeadlineListsTheCaveatsOfItsMonthsAndTheTrendNamesTheMonthsWithInsufficientHistory() {
    ReportData full = ReportFixtures.full();
    ReportData.KpiSnapshot now = full.headline().value().current();
    ReportData.KpiSnapshot flagged =
        new ReportData.KpiSnapshot(
            now.monthEnd(),
            now.ar(),
            now.overdueAr(),
            now.dsoCountBack(),
            now.dsoStandard(),
            now.bestPossibleDso(),
            now.add(),
            104.2,
            now.grossAr(),
            3,
            1,
            true,
            List.of(
                "CEI above 100 %: credit balances (-9000.00) exceed the overdue AR (5000.00) at month end"));
    List<ReportData.TrendPoint> trend = new java.util.ArrayList<>(full.trend().value());
    ReportData.TrendPoint first = trend.get(0);
    trend.set(
        0,
        new ReportData.TrendPoint(
            first.monthEnd(),
            first.currentAr(),
            first.overdueAr(),
            first.overdue60Ar(),
            first.dsoCountBack(),
            first.dsoStandard(),
            first.bestPossibleDso(),
            first.add(),
            first.cei(),
            false));
    String html =
        ReportHtml.render(
            new ReportData(
                full.asOf(),
                full.kpiMonthEnd(),
                full.currency(),
                full.modelVersion(),
                full.sources(),
                ReportData.Part.of(
                    new ReportData.Headline(flagged, full.headline().value().previous())),
                full.aging(),
                ReportData.Part.of(trend),
                full.topCustomers(),
                full.concentration(),
                full.grades(),
                full.migration(),
                full.dunning(),
                full.legal(),
                full.modelHealth()));
    assertThat(html)
        .contains(
            "<li>"
                + now.monthEnd()
                + ": CEI above 100 %: credit balances (-9000.00) exceed the overdue AR (5000.00) at"
                + " month end</li>")
        .contains(
            "Insufficient history: the DSO and CEI windows of "
                + first.monthEnd()
                + " reach before the data's first month")
        .contains("DSO, standard 3 months (days)")
        .contains("CEI of the month");
    assertThat(ReportHtml.render(full)).doesNotContain("class=\"caveats\"", "Insufficient history");
  }

  @Test
  void everyMissingTableGivesAVisibleLineNamingTheCommandInAllThreeForms() throws Exception {
    ReportData empty = ReportFixtures.empty();
    String html = ReportHtml.render(empty);
    assertThat(html)
        .contains(
            "<p class=\"missing\">not available: table receivables_kpis is absent; run encours analytics --monthly</p>",
            "run encours score --as-of 2026-10-31",
            "run encours recommend --as-of 2026-10-31",
            "run encours train");
    assertThat(html).doesNotContain("<figure");
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    ReportPdf.write(html, pdf);
    try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains("run encours recommend --as-of 2026-10-31");
    }
    try (XSSFWorkbook wb = workbook(empty)) {
      assertThat(wb.getSheet("Top customers").getRow(0).getCell(0).getStringCellValue())
          .contains("run encours score --as-of 2026-10-31");
    }
  }

  /**
   * Pages turned into images (PDFBox's renderer, 50 dpi): none blank, charts in colour, text where
   * expected.
   */
  @Test
  void thePdfIsA4PortraitAndEveryPageHasContent() throws Exception {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    ReportPdf.write(ReportHtml.render(ReportFixtures.full()), pdf);
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    java.nio.file.Files.write(
        java.nio.file.Path.of("target/report-fixture.pdf"), pdf.toByteArray()); // to look at
    try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
      assertThat(doc.getNumberOfPages()).isBetween(3, 12);
      PDFRenderer renderer = new PDFRenderer(doc);
      long colouredPixels = 0;
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        assertThat(doc.getPage(i).getMediaBox().getWidth())
            .isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
        assertThat(doc.getPage(i).getMediaBox().getHeight())
            .isCloseTo(841.9f, org.assertj.core.data.Offset.offset(1f));
        BufferedImage page = renderer.renderImageWithDPI(i, 50, ImageType.RGB);
        PixelCount c = PixelCount.of(page);
        assertThat(c.inkShare())
            .as("share of non-white pixels on page %d", i + 1)
            .isGreaterThan(0.01);
        colouredPixels += c.coloured();
      }
      assertThat(colouredPixels).as("pixels in colour (charts) over all pages").isGreaterThan(2000);
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains(
              "Receivables risk report",
              "2026-10-31",
              "14,168,771.98",
              "Aging as of 2026-10-31",
              "Twelve-month trend",
              "Customers at risk",
              "Dunning plan",
              "Legal exposure",
              "Model health",
              "Data versions",
              "page 1 of " + doc.getNumberOfPages());
      // the top-20 table may run over a page break: its header row is repeated wherever it
      // continues
      PDFTextStripper perPage = new PDFTextStripper();
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        perPage.setStartPage(i);
        perPage.setEndPage(i);
        String page = perPage.getText(doc);
        if (page.contains("TOP-")) {
          assertThat(page.replaceAll("\\s+", " "))
              .as("page %d holds top customers", i)
              .contains("recommended action");
        }
      }
    }
  }

  @Test
  void theWorkbookHasOneSheetPerTableWithNumbersStoredAsNumbers() throws Exception {
    try (XSSFWorkbook wb = workbook(ReportFixtures.full())) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertThat(names).containsExactlyElementsOf(ReportWorkbook.SHEETS);
      Cell ar = wb.getSheet("Headline").getRow(1).getCell(1);
      assertThat(ar.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(ar.getNumericCellValue()).isEqualTo(14168771.98);
      assertThat(ar.getCellStyle().getDataFormatString()).contains("#,##0.00", "EUR");
      Sheet aging = wb.getSheet("Aging");
      Cell credits = aging.getRow(7).getCell(2);
      assertThat(credits.getNumericCellValue()).isEqualTo(-1222.00);
      assertThat(aging.getRow(1).getCell(3).getCellStyle().getDataFormatString()).contains("%");
      assertThat(wb.getSheet("Trend").getRow(1).getCell(0).getCellStyle().getDataFormatString())
          .isEqualTo("yyyy-mm-dd");
      assertThat(wb.getSheet("Top customers").getLastRowNum()).isEqualTo(20);
      assertThat(wb.getSheet("Migration").getRow(1).getCell(1).getNumericCellValue())
          .isEqualTo(200);
    }
  }

  static XSSFWorkbook workbook(ReportData d) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportWorkbook.write(d, out);
    return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
  }

  /** The text of the element carrying {@code data-key="KEY"}. */
  static String cell(String html, String key) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "data-key=\""
                    + java.util.regex.Pattern.quote(ReportHtml.Page.esc(key))
                    + "\"[^>]*>([^<]*)<")
            .matcher(html);
    assertThat(m.find()).as("an element with data-key=%s", key).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  /** Non-white and coloured (saturated) pixels of a rendered page. */
  record PixelCount(long total, long ink, long coloured) {
    static PixelCount of(BufferedImage img) {
      long ink = 0;
      long coloured = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int rgb = img.getRGB(x, y);
          int r = (rgb >> 16) & 0xff;
          int g = (rgb >> 8) & 0xff;
          int b = rgb & 0xff;
          if (r < 240 || g < 240 || b < 240) {
            ink++;
          }
          if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
            coloured++;
          }
        }
      }
      return new PixelCount((long) img.getWidth() * img.getHeight(), ink, coloured);
    }

    double inkShare() {
      return ink / (double) total;
    }
  }
}
