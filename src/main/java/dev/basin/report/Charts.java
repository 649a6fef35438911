package dev.basin.report;

import dev.basin.base.Plot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Renders {@link Plot}s to PNG with XChart (headless AWT), for embedding in the HTML report. */
public final class Charts {

  /** Width and height in pixels of every chart. */
  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;

  private Charts() {}

  /** The PNG bytes of a plot. */
  public static byte[] png(Plot p) {
    System.setProperty("java.awt.headless", "true");
    // the title is the figure caption in the HTML; inside the image it would be clipped when long
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
    Styler.ChartTheme theme = Styler.ChartTheme.XChart;
    chart.getStyler().setTheme(theme.newInstance(theme));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 228, 235));
    chart.getStyler().setPlotGridLinesStroke(new BasicStroke(0.6f));
    chart.getStyler().setPlotBorderVisible(false);
    chart.getStyler().setXAxisLogarithmic(p.logX());
    chart.getStyler().setYAxisLogarithmic(p.logY());
    chart.getStyler().setAntiAlias(true);
    for (Plot.Series s : p.series()) {
      XYSeries xs = s.lo() != null && s.hi() != null
          ? chart.addSeries(s.name(), s.x(), s.y(), halfWidths(s))
          : chart.addSeries(s.name(), s.x(), s.y());
      switch (s.style()) {
        case LINE -> xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        case SCATTER -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          xs.setMarker(SeriesMarkers.CIRCLE);
        }
        case REFERENCE -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          xs.setMarker(SeriesMarkers.NONE);
          xs.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
      }
    }
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new IllegalStateException("PNG encoding of plot " + p.id() + " failed", e);
    }
  }

  /** The plot as a data: URI for an img tag. */
  public static String dataUri(Plot p) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(p));
  }

  /** XChart draws symmetric error bars; asymmetric intervals use the larger half-width (stated in the legend). */
  private static double[] halfWidths(Plot.Series s) {
    double[] lo = s.lo();
    double[] hi = s.hi();
    double[] e = new double[s.x().length];
    if (lo == null || hi == null) {
      return e;
    }
    for (int i = 0; i < e.length; i++) {
      e[i] = Math.max(s.y()[i] - lo[i], hi[i] - s.y()[i]);
    }
    return e;
  }
}
