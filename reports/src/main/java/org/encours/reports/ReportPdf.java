package org.encours.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The PDF: the report's own XHTML page laid out by openhtmltopdf (CSS paged media: A4 portrait,
 * repeated table headers, page numbers) with the inline SVG charts drawn by Batik, so the PDF and
 * the page cannot disagree. DejaVu Sans is embedded when the system has it (Debian's
 * fonts-dejavu-core), else the PDF standard Helvetica is used.
 */
public final class ReportPdf {
  static final List<String> FONT_DIRS =
      List.of(
          "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF");

  private ReportPdf() {}

  public static void write(String xhtml, OutputStream out) {
    // its INFO lines (timings, "Prepare to fly") would drown the progress lines on stderr
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      for (String dir : FONT_DIRS) {
        File regular = new File(dir, "DejaVuSans.ttf");
        File bold = new File(dir, "DejaVuSans-Bold.ttf");
        if (regular.isFile()) {
          builder.useFont(regular, "DejaVu Sans");
          if (bold.isFile()) {
            builder.useFont(bold, "DejaVu Sans", 700, PdfRendererBuilder.FontStyle.NORMAL, true);
          }
          break;
        }
      }
      builder.withHtmlContent(xhtml, null);
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the PDF report: " + e.getMessage(), e);
    }
  }
}
