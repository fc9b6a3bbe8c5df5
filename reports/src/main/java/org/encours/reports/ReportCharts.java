package org.encours.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.encours.reports.ReportData.AgingBucket;
import org.encours.reports.ReportData.CalibrationBin;
import org.encours.reports.ReportData.GradeCount;
import org.encours.reports.ReportData.TrendPoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn with JFreeChart into SVG (JFreeSVG): explicit sizes, 11-12 px text,
 * the same pictures in the page and in the PDF. Each method returns one {@code <svg>} element with
 * its own id prefix so several charts can share a page.
 */
final class ReportCharts {
  /** Chart width in CSS pixels: the text width of an A4 portrait page with 15 mm margins. */
  static final int WIDTH = 680;

  static final int HEIGHT = 230;
  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);
  private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 11);
  private static final Font TICK = new Font("SansSerif", Font.PLAIN, 10);
  private static final Color GRID = new Color(0xD8, 0xD8, 0xD8);
  static final Color[] SERIES = {
    new Color(0x1F, 0x5A, 0x96),
    new Color(0xE0, 0x7B, 0x10),
    new Color(0x3A, 0x9A, 0x4A),
    new Color(0x8E, 0x44, 0xAD)
  };

  /** not due, then 1-30 .. >120: green to dark red. */
  static final Color[] AGING = {
    new Color(0x4C, 0xA2, 0x5A),
    new Color(0xF2, 0xC1, 0x4E),
    new Color(0xF0, 0x8A, 0x3C),
    new Color(0xE0, 0x5A, 0x2B),
    new Color(0xC0, 0x39, 0x2B),
    new Color(0x7B, 0x1E, 0x1E),
    new Color(0x55, 0x55, 0x55)
  };

  private ReportCharts() {}

  /**
   * The aging at D as one horizontal bar stacked by bucket (credits and unallocated cash left out).
   */
  static String agingBar(List<AgingBucket> buckets, String currency) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (AgingBucket b : buckets) {
      if (b.openAmount() != null
          && b.openAmount().signum() > 0
          && !"credits".equals(b.bucket())
          && !"unallocated".equals(b.bucket())) {
        data.addValue(b.openAmount().doubleValue(), ReportHtml.label(b.bucket()), "open AR");
      }
    }
    CategoryPlot plot =
        new CategoryPlot(
            data,
            new CategoryAxis(null),
            amountAxis("Open amount (" + currency + ")"),
            new StackedBarRenderer());
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.getDomainAxis().setVisible(false);
    StackedBarRenderer r = (StackedBarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setMaximumBarWidth(0.6);
    for (int i = 0; i < data.getRowCount(); i++) {
      r.setSeriesPaint(i, AGING[Math.min(i, AGING.length - 1)]);
      r.setSeriesOutlinePaint(i, Color.WHITE);
    }
    r.setDrawBarOutline(true);
    return svg(
        chart("Open receivables by age bucket (days past due)", plot, true), WIDTH, 130, "aging");
  }

  /** AR at each month end stacked as not yet due, overdue up to 60 days, overdue over 60 days. */
  static String arByAge(List<TrendPoint> points, String currency) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (TrendPoint p : points) {
      String month = month(p);
      double over60 = value(p.overdue60Ar());
      data.addValue(value(p.currentAr()), "not yet due", month);
      data.addValue(Math.max(0, value(p.overdueAr()) - over60), "overdue 1-60 days", month);
      data.addValue(over60, "overdue over 60 days", month);
    }
    StackedBarRenderer r = new StackedBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, AGING[0]);
    r.setSeriesPaint(1, AGING[2]);
    r.setSeriesPaint(2, AGING[5]);
    CategoryPlot plot = new CategoryPlot(data, monthAxis(), amountAxis(currency), r);
    return svg(
        chart("Receivables by age at each month end", plot, true), WIDTH, HEIGHT, "ar-by-age");
  }

  /** One line chart over the trend months; {@code series} maps a legend label to a value getter. */
  static String trendLines(
      String id,
      String title,
      String unit,
      List<TrendPoint> points,
      Map<String, java.util.function.Function<TrendPoint, Double>> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (TrendPoint p : points) {
      for (Map.Entry<String, java.util.function.Function<TrendPoint, Double>> s :
          series.entrySet()) {
        Double v = s.getValue().apply(p);
        data.addValue(v, s.getKey(), month(p));
      }
    }
    LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
    for (int i = 0; i < series.size(); i++) {
      r.setSeriesPaint(i, SERIES[i % SERIES.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    NumberAxis y = new NumberAxis(unit);
    y.setAutoRangeIncludesZero(false);
    y.setNumberFormatOverride(
        new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    style(y);
    CategoryPlot plot = new CategoryPlot(data, monthAxis(), y, r);
    return svg(chart(title, plot, series.size() > 1), WIDTH, 200, id);
  }

  /** Customers per grade as of D, each bar labelled with its count. */
  static String grades(List<GradeCount> grades) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (GradeCount g : grades) {
      data.addValue(g.customers(), "customers", g.grade());
    }
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, SERIES[0]);
    r.setMaximumBarWidth(0.12);
    r.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator(
            "{2}", new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(LABEL);
    NumberAxis y = new NumberAxis("customers");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setUpperMargin(0.15);
    style(y);
    CategoryAxis x = new CategoryAxis("grade (A best, E worst)");
    style(x);
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    return svg(chart("Customers by grade", plot, false), WIDTH, 200, "grades");
  }

  /** Mean predicted probability against observed late share per bin, with the diagonal. */
  static String calibration(List<CalibrationBin> bins) {
    XYSeries observed = new XYSeries("observed late share");
    for (CalibrationBin b : bins) {
      if (b.rows() > 0) {
        observed.add(b.meanPredicted(), b.observedShare());
      }
    }
    XYSeries perfect = new XYSeries("perfect calibration");
    perfect.add(0.0, 0.0);
    perfect.add(1.0, 1.0);
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(observed);
    data.addSeries(perfect);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, SERIES[0]);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesPaint(1, Color.GRAY);
    r.setSeriesShapesVisible(1, false);
    r.setSeriesStroke(
        1,
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    NumberAxis x = new NumberAxis("mean predicted probability");
    NumberAxis y = new NumberAxis("observed late share");
    for (NumberAxis a : List.of(x, y)) {
      a.setRange(0, 1);
      style(a);
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    return svg(
        chart("Calibration on the out-of-time test period", plot, true), WIDTH, 260, "calibration");
  }

  // ---------------------------------------------------------------- common

  private static String month(TrendPoint p) {
    return p.monthEnd().toString().substring(0, 7);
  }

  private static double value(java.math.BigDecimal v) {
    return v == null ? 0 : v.doubleValue();
  }

  private static CategoryAxis monthAxis() {
    CategoryAxis x = new CategoryAxis(null);
    x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    x.setMaximumCategoryLabelLines(1);
    x.setLowerMargin(0.01);
    x.setUpperMargin(0.01);
    style(x);
    x.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 9));
    return x;
  }

  private static NumberAxis amountAxis(String label) {
    NumberAxis y = new NumberAxis(label);
    y.setNumberFormatOverride(new CompactAmountFormat());
    style(y);
    return y;
  }

  private static void style(org.jfree.chart.axis.Axis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
    a.setLabelPaint(Color.DARK_GRAY);
    a.setTickLabelPaint(Color.DARK_GRAY);
  }

  private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
    if (plot instanceof CategoryPlot c) {
      c.setBackgroundPaint(Color.WHITE);
      c.setRangeGridlinePaint(GRID);
      c.setOutlineVisible(false);
    }
    JFreeChart chart = new JFreeChart(null, TITLE, plot, legend);
    chart.setTitle(new TextTitle(title, TITLE));
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 4, 4, 8));
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setItemFont(LABEL);
      l.setPosition(RectangleEdge.BOTTOM);
      l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  private static String svg(JFreeChart chart, int width, int height, String id) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle(0, 0, width, height));
    // JFreeSVG writes width='680.0': the PDF renderer wants whole pixels, and a viewBox lets the
    // page scale the chart down
    String dims = "width='" + width + ".0' height='" + height + ".0'";
    return g.getSVGElement("chart-" + id + "-svg")
        .replace(
            dims,
            "width=\""
                + width
                + "\" height=\""
                + height
                + "\" viewBox=\"0 0 "
                + width
                + " "
                + height
                + "\" role=\"img\"");
  }

  /** Axis amounts as 1.2M, 350k, 0. */
  static final class CompactAmountFormat extends java.text.NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer out, java.text.FieldPosition pos) {
      double a = Math.abs(v);
      String s = a >= 1e6 ? trim(a / 1e6) + "M" : a >= 1e3 ? trim(a / 1e3) + "k" : trim(a);
      return out.append(v < 0 ? "-" : "").append(s);
    }

    private static String trim(double v) {
      return new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    @Override
    public StringBuffer format(long v, StringBuffer out, java.text.FieldPosition pos) {
      return format((double) v, out, pos);
    }

    @Override
    public Number parse(String s, java.text.ParsePosition p) {
      throw new UnsupportedOperationException();
    }
  }
}
