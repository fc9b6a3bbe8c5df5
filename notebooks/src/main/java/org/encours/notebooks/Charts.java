package org.encours.notebooks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts as images (the Java kernel shows a {@link BufferedImage} as a PNG, in Jupyter and in the
 * executed notebook file). Small on purpose (720 x 320) so that committed notebooks stay small.
 */
public final class Charts {
  public static final int WIDTH = 720;
  public static final int HEIGHT = 320;
  private static final Color[] PALETTE = {
    new Color(0x1f4e79),
    new Color(0xc0504d),
    new Color(0x9bbb59),
    new Color(0xf79646),
    new Color(0x8064a2),
    new Color(0x4bacc6),
    new Color(0x7f7f7f)
  };

  private Charts() {}

  /** One line per series over month ends (or any dates); series keep their insertion order. */
  public static BufferedImage lines(
      String title,
      String valueLabel,
      Map<String, ? extends Map<LocalDate, ? extends Number>> series) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    series.forEach(
        (name, points) -> {
          TimeSeries s = new TimeSeries(name);
          points.forEach(
              (d, v) -> {
                if (v != null && !Double.isNaN(v.doubleValue())) {
                  s.addOrUpdate(new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear()), v);
                }
              });
          data.addSeries(s);
        });
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(title, null, valueLabel, data, true, false, false);
    XYPlot plot = chart.getXYPlot();
    ((DateAxis) plot.getDomainAxis())
        .setDateFormatOverride(new java.text.SimpleDateFormat("yyyy-MM"));
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int i = 0; i < series.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    return image(chart);
  }

  /**
   * Bars per category, one bar colour per series ({@code stacked}: stacked, else side by side).
   * {@code values.get(series).get(category)}; missing values are 0.
   */
  public static BufferedImage bars(
      String title,
      String valueLabel,
      List<String> categories,
      Map<String, ? extends Map<String, ? extends Number>> values,
      boolean stacked) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach(
        (s, byCategory) -> {
          for (String c : categories) {
            Number v = byCategory.get(c);
            data.addValue(v == null ? 0 : v, s, c);
          }
        });
    JFreeChart chart =
        stacked
            ? ChartFactory.createStackedBarChart(
                title,
                null,
                valueLabel,
                data,
                PlotOrientation.VERTICAL,
                values.size() > 1,
                false,
                false)
            : ChartFactory.createBarChart(
                title,
                null,
                valueLabel,
                data,
                PlotOrientation.VERTICAL,
                values.size() > 1,
                false,
                false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    for (int i = 0; i < values.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    if (categories.size() > 8) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    return image(chart);
  }

  /**
   * A reliability diagram: mean predicted probability (x) against the observed share (y) per bin,
   * with the diagonal of perfect calibration.
   */
  public static BufferedImage calibration(String title, List<double[]> predictedObserved) {
    XYSeries points = new XYSeries("bins (mean predicted, observed share)");
    for (double[] p : predictedObserved) {
      points.add(p[0], p[1]);
    }
    XYSeries diagonal = new XYSeries("perfect calibration");
    diagonal.add(0.0, 0.0);
    diagonal.add(1.0, 1.0);
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(points);
    data.addSeries(diagonal);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "predicted probability",
            "observed share",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, PALETTE[0]);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesPaint(1, Color.GRAY);
    r.setSeriesShapesVisible(1, false);
    r.setSeriesStroke(
        1,
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    plot.setRenderer(r);
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1);
    return image(chart, 480, 400);
  }

  private static BufferedImage image(JFreeChart chart) {
    return image(chart, WIDTH, HEIGHT);
  }

  private static BufferedImage image(JFreeChart chart, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    }
    if (chart.getPlot() instanceof XYPlot p) {
      p.setDomainGridlinePaint(new Color(0xdddddd));
      p.setRangeGridlinePaint(new Color(0xdddddd));
    } else if (chart.getPlot() instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(new Color(0xdddddd));
    }
    return chart.createBufferedImage(width, height);
  }
}
