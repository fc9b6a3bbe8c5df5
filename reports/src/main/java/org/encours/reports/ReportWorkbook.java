package org.encours.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.encours.reports.ReportData.ActionCount;
import org.encours.reports.ReportData.AgingBucket;
import org.encours.reports.ReportData.CalibrationBin;
import org.encours.reports.ReportData.CustomerAr;
import org.encours.reports.ReportData.Drift;
import org.encours.reports.ReportData.GradeCount;
import org.encours.reports.ReportData.KpiSnapshot;
import org.encours.reports.ReportData.LimitationClaim;
import org.encours.reports.ReportData.LimitationCount;
import org.encours.reports.ReportData.Part;
import org.encours.reports.ReportData.PlannedAction;
import org.encours.reports.ReportData.Source;
import org.encours.reports.ReportData.TopCustomer;
import org.encours.reports.ReportData.TrendPoint;

/**
 * The report as an XLSX workbook (Apache POI): one sheet per table of the page, numbers stored as
 * numbers with number formats (amounts with the currency, shares as percentages, dates as dates), a
 * frozen header row. A missing section is a sheet holding its "not available" line.
 */
public final class ReportWorkbook {
  private ReportWorkbook() {}

  /** The sheet names, in order. */
  static final List<String> SHEETS =
      List.of(
          "About",
          "Headline",
          "Aging",
          "Trend",
          "Top customers",
          "Concentration",
          "Grades",
          "Migration",
          "Dunning this week",
          "Formal notices",
          "Escalations",
          "Legal",
          "Limitation",
          "Model",
          "Calibration",
          "Drift");

  public static void write(ReportData d, OutputStream out) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Styles s = new Styles(wb);
      about(wb, s, d);
      headline(wb, s, d);
      aging(wb, s, d);
      trend(wb, s, d);
      top(wb, s, d);
      concentration(wb, s, d);
      grades(wb, s, d);
      migration(wb, s, d);
      dunning(wb, s, d);
      legal(wb, s, d);
      model(wb, s, d);
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the XLSX report: " + e.getMessage(), e);
    }
  }

  private static void about(XSSFWorkbook wb, Styles s, ReportData d) {
    Table t = new Table(wb.createSheet("About"), s, "item", "value", "detail");
    t.row().text("report").text("Receivables risk report").text(null);
    t.row().text("as of").date(d.asOf()).text(null);
    t.row().text("headline month end").date(d.kpiMonthEnd()).text(null);
    t.row()
        .text("model version")
        .text(d.modelVersion() == null ? "none (no scores read)" : d.modelVersion())
        .text(null);
    t.row().text("currency").text(d.currency()).text(null);
    for (Source src : d.sources()) {
      t.row()
          .text("table " + src.table())
          .count(src.version())
          .text(
              src.inputVersions().isEmpty()
                  ? null
                  : "computed from " + ReportHtml.versions(src.inputVersions()));
    }
    t.finish(0);
  }

  private static void headline(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Headline");
    if (missing(sh, s, d.headline())) {
      return;
    }
    KpiSnapshot now = d.headline().value().current();
    KpiSnapshot before = d.headline().value().previous();
    Table t =
        new Table(
            sh,
            s,
            "indicator",
            "at " + now.monthEnd(),
            before == null ? "previous month end" : "at " + before.monthEnd(),
            "change");
    t.row()
        .text("AR (net of credits)")
        .money(now.ar())
        .money(before == null ? null : before.ar())
        .money(
            before == null || now.ar() == null || before.ar() == null
                ? null
                : now.ar().subtract(before.ar()));
    kpi(
        t,
        "Overdue share of AR",
        now.overdueShare(),
        before == null ? null : before.overdueShare(),
        s.percent);
    kpi(
        t,
        "DSO count-back (days)",
        now.dsoCountBack(),
        before == null ? null : before.dsoCountBack(),
        s.days);
    kpi(
        t,
        "DSO standard 3 months (days)",
        now.dsoStandard(),
        before == null ? null : before.dsoStandard(),
        s.days);
    kpi(
        t,
        "Best possible DSO (days)",
        now.bestPossibleDso(),
        before == null ? null : before.bestPossibleDso(),
        s.days);
    kpi(t, "ADD (days)", now.add(), before == null ? null : before.add(), s.days);
    kpi(t, "CEI (%)", now.cei(), before == null ? null : before.cei(), s.days);
    t.finish(1);
  }

  private static void kpi(Table t, String label, Double now, Double before, CellStyle style) {
    t.row()
        .text(label)
        .number(now, style)
        .number(before, style)
        .number(now == null || before == null ? null : now - before, style);
  }

  private static void aging(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Aging");
    if (missing(sh, s, d.aging())) {
      return;
    }
    Table t = new Table(sh, s, "bucket", "open items", "open amount", "share of AR");
    for (AgingBucket b : d.aging().value()) {
      t.row()
          .text(b.bucket())
          .count(b.openCount())
          .money(b.openAmount())
          .number(b.share(), s.percent);
    }
    t.finish(1);
  }

  private static void trend(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Trend");
    if (missing(sh, s, d.trend())) {
      return;
    }
    Table t =
        new Table(
            sh,
            s,
            "month end",
            "not yet due AR",
            "overdue AR",
            "overdue over 60 days",
            "DSO count-back",
            "DSO standard",
            "best possible DSO",
            "ADD",
            "CEI (%)");
    for (TrendPoint p : d.trend().value()) {
      t.row()
          .date(p.monthEnd())
          .money(p.currentAr())
          .money(p.overdueAr())
          .money(p.overdue60Ar())
          .number(p.dsoCountBack(), s.days)
          .number(p.dsoStandard(), s.days)
          .number(p.bestPossibleDso(), s.days)
          .number(p.add(), s.days)
          .number(p.cei(), s.days);
    }
    t.finish(1);
  }

  private static void top(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Top customers");
    if (missing(sh, s, d.topCustomers())) {
      return;
    }
    Table t =
        new Table(
            sh,
            s,
            "rank",
            "customer",
            "grade",
            "probability of paying late",
            "points",
            "exposure",
            "expected loss",
            "reasons",
            "recommended action");
    for (TopCustomer c : d.topCustomers().value()) {
      t.row()
          .count(c.rank())
          .text(c.customerId())
          .text(c.grade())
          .number(c.probability(), s.percent)
          .number(c.points() == null ? null : c.points().doubleValue(), s.count)
          .money(c.exposure())
          .money(c.expectedLoss())
          .text(String.join("; ", c.reasons()))
          .text(c.action());
    }
    t.finish(2);
  }

  private static void concentration(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Concentration");
    if (missing(sh, s, d.concentration())) {
      return;
    }
    var c = d.concentration().value();
    Table t = new Table(sh, s, "customer", "AR", "share of AR");
    for (CustomerAr a : c.top10()) {
      t.row()
          .text(a.customerId())
          .money(a.ar())
          .number(
              c.totalAr().signum() == 0 ? null : a.ar().doubleValue() / c.totalAr().doubleValue(),
              s.percent);
    }
    t.row().text("top 10").money(c.top10Ar()).number(c.share(), s.percent);
    t.row().text("portfolio AR").money(c.totalAr()).number(null, s.percent);
    t.finish(1);
  }

  private static void grades(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Grades");
    if (missing(sh, s, d.grades())) {
      return;
    }
    Table t = new Table(sh, s, "grade", "customers", "exposure", "expected loss");
    for (GradeCount g : d.grades().value()) {
      t.row().text(g.grade()).count(g.customers()).money(g.exposure()).money(g.expectedLoss());
    }
    t.finish(1);
  }

  private static void migration(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet sh = wb.createSheet("Migration");
    if (missing(sh, s, d.migration())) {
      return;
    }
    var m = d.migration().value();
    List<String> to = new ArrayList<>(m.grades());
    to.add("gone");
    List<String> from = new ArrayList<>(m.grades());
    from.add("new");
    List<String> headers = new ArrayList<>();
    headers.add("from " + m.from() + " \\ to " + d.asOf());
    headers.addAll(to);
    Table t = new Table(sh, s, headers.toArray(new String[0]));
    for (String f : from) {
      Table r = t.row().text(f);
      for (String g : to) {
        r.count(m.count(f, g));
      }
    }
    t.finish(1);
  }

  private static void dunning(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet week = wb.createSheet("Dunning this week");
    Sheet notices = wb.createSheet("Formal notices");
    Sheet escalations = wb.createSheet("Escalations");
    if (missing(week, s, d.dunning())
        | missing(notices, s, d.dunning())
        | missing(escalations, s, d.dunning())) {
      return;
    }
    var u = d.dunning().value();
    Table t = new Table(week, s, "stage", "invoices", "customers", "outstanding", "amount due");
    for (ActionCount a : u.dueThisWeek()) {
      t.row()
          .text(a.action())
          .count(a.invoices())
          .count(a.customers())
          .money(a.outstanding())
          .money(a.amountDue());
    }
    t.finish(1);
    planned(notices, s, u.formalNotices());
    planned(escalations, s, u.escalations());
  }

  private static void planned(Sheet sh, Styles s, List<PlannedAction> list) {
    Table t =
        new Table(sh, s, "date", "action", "invoice", "customer", "outstanding", "amount due");
    for (PlannedAction a : list) {
      t.row()
          .date(a.date())
          .text(a.action())
          .text(a.invoiceId())
          .text(a.customerId())
          .money(a.outstanding())
          .money(a.amountDue());
    }
    t.finish(1);
  }

  private static void legal(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet legal = wb.createSheet("Legal");
    Sheet limitation = wb.createSheet("Limitation");
    if (missing(legal, s, d.legal()) | missing(limitation, s, d.legal())) {
      return;
    }
    var l = d.legal().value();
    Table t = new Table(legal, s, "accrued as of " + d.asOf(), "amount");
    t.row()
        .text("late-payment penalties (" + l.invoicesWithPenalties() + " invoices)")
        .money(l.penalties());
    t.row().text("fixed recovery indemnities").money(l.indemnities());
    t.row().text("amount due on late invoices").money(l.amountDue());
    t.finish(1);
    Table c =
        new Table(limitation, s, "limitation date", "status", "invoice", "customer", "outstanding");
    for (LimitationCount n : l.limitation()) {
      c.row()
          .text(null)
          .text(n.status() + " (total)")
          .count(n.invoices())
          .text(null)
          .money(n.outstanding());
    }
    for (LimitationClaim n : l.claims()) {
      c.row()
          .date(n.limitationDate())
          .text(n.status())
          .text(n.invoiceId())
          .text(n.customerId())
          .money(n.outstanding());
    }
    c.finish(1);
  }

  private static void model(XSSFWorkbook wb, Styles s, ReportData d) {
    Sheet model = wb.createSheet("Model");
    Sheet calibration = wb.createSheet("Calibration");
    Sheet drift = wb.createSheet("Drift");
    if (missing(model, s, d.modelHealth())
        | missing(calibration, s, d.modelHealth())
        | missing(drift, s, d.modelHealth())) {
      return;
    }
    var m = d.modelHealth().value();
    Table t = new Table(model, s, "model " + m.modelVersion(), "value");
    t.row().text("trained").text(m.createdAt());
    t.row().text("training cutoff").text(m.cutoff());
    t.row().text("target").text(m.target());
    t.row().text("chosen").text(m.chosen());
    t.row().text("out-of-time ROC AUC").number(m.rocAuc(), s.ratio);
    t.row().text("out-of-time PR AUC").number(m.prAuc(), s.ratio);
    t.row().text("Brier score").number(m.brier(), s.ratio);
    t.row().text("expected calibration error").number(m.ece(), s.ratio);
    t.row()
        .text("test invoices")
        .number(m.testRows() == null ? null : m.testRows().doubleValue(), s.count);
    t.finish(1);
    Table c =
        new Table(
            calibration, s, "bin from", "bin to", "rows", "mean predicted", "observed late share");
    for (CalibrationBin b : m.calibration()) {
      c.row()
          .number(b.lower(), s.ratio)
          .number(b.upper(), s.ratio)
          .count(b.rows())
          .number(b.meanPredicted(), s.ratio)
          .number(b.observedShare(), s.ratio);
    }
    c.finish(1);
    Table x = new Table(drift, s, "variable", "PSI", "status");
    for (Drift v : m.drift()) {
      x.row().text(v.variable()).number(v.psi(), s.ratio).text(v.status());
    }
    x.finish(1);
  }

  private static boolean missing(Sheet sh, Styles s, Part<?> part) {
    if (part.available()) {
      return false;
    }
    Cell c = sh.createRow(0).createCell(0);
    c.setCellValue(part.missing());
    c.setCellStyle(s.missing);
    sh.setColumnWidth(0, 120 * 256);
    return true;
  }

  /** Cell styles, created once per workbook. */
  static final class Styles {
    final CellStyle header;
    final CellStyle text;
    final CellStyle money;
    final CellStyle count;
    final CellStyle days;
    final CellStyle percent;
    final CellStyle ratio;
    final CellStyle date;
    final CellStyle missing;

    Styles(XSSFWorkbook wb) {
      var format = wb.createDataFormat();
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      header.setWrapText(true);
      text = wb.createCellStyle();
      money = numeric(wb, format.getFormat(Figures.EXCEL_MONEY));
      count = numeric(wb, format.getFormat(Figures.EXCEL_COUNT));
      days = numeric(wb, format.getFormat(Figures.EXCEL_DAYS));
      percent = numeric(wb, format.getFormat(Figures.EXCEL_PERCENT));
      ratio = numeric(wb, format.getFormat(Figures.EXCEL_RATIO));
      date = numeric(wb, format.getFormat(Figures.EXCEL_DATE));
      missing = wb.createCellStyle();
      Font italic = wb.createFont();
      italic.setItalic(true);
      missing.setFont(italic);
    }

    private static CellStyle numeric(XSSFWorkbook wb, short format) {
      CellStyle s = wb.createCellStyle();
      s.setDataFormat(format);
      s.setAlignment(HorizontalAlignment.RIGHT);
      return s;
    }
  }

  /** Writes a header row then rows left to right; sizes the columns at the end. */
  static final class Table {
    private final Sheet sheet;
    private final Styles s;
    private final int columns;
    private Row row;
    private int next;

    Table(Sheet sheet, Styles s, String... headers) {
      this.sheet = sheet;
      this.s = s;
      this.columns = headers.length;
      Row h = sheet.createRow(0);
      for (int i = 0; i < headers.length; i++) {
        Cell c = h.createCell(i);
        c.setCellValue(headers[i]);
        c.setCellStyle(s.header);
      }
    }

    Table row() {
      row = sheet.createRow(sheet.getLastRowNum() + 1);
      next = 0;
      return this;
    }

    private Cell cell(CellStyle style) {
      Cell c = row.createCell(next++);
      c.setCellStyle(style);
      return c;
    }

    Table text(String v) {
      Cell c = cell(s.text);
      if (v != null) {
        c.setCellValue(v);
      }
      return this;
    }

    Table money(BigDecimal v) {
      Cell c = cell(s.money);
      if (v != null) {
        c.setCellValue(v.doubleValue());
      }
      return this;
    }

    Table count(long v) {
      cell(s.count).setCellValue(v);
      return this;
    }

    Table number(Double v, CellStyle style) {
      Cell c = cell(style);
      if (v != null && !v.isNaN()) {
        c.setCellValue(v);
      }
      return this;
    }

    Table date(LocalDate v) {
      Cell c = cell(s.date);
      if (v != null) {
        c.setCellValue(v);
      }
      return this;
    }

    /**
     * Freezes the header (and {@code frozenColumns} columns) and sizes the columns to their
     * content.
     */
    void finish(int frozenColumns) {
      sheet.createFreezePane(frozenColumns, 1);
      for (int i = 0; i < columns; i++) {
        int width = 10;
        for (Row r : sheet) {
          Cell c = r.getCell(i);
          if (c == null) {
            continue;
          }
          int len =
              switch (c.getCellType()) {
                case STRING -> c.getStringCellValue().length();
                case NUMERIC -> 16;
                default -> 4;
              };
          width = Math.max(width, r.getRowNum() == 0 ? Math.min(len, 24) + 2 : len + 2);
        }
        sheet.setColumnWidth(i, Math.min(width, 80) * 256);
      }
    }
  }
}
