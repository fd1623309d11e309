package io.portalgo.examples.evaluation;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, drawn with XChart without a display ({@code java.awt.headless=true}) and
 * written with {@link ImageIO}, which stores no timestamp, so the same data gives the same bytes
 * on the same JDK and fonts. Per-algorithm figures are small charts laid out in a grid of three
 * columns.
 */
public final class Charts {
    private static final int CELL_WIDTH = 420;
    private static final int CELL_HEIGHT = 300;

    private Charts() {
    }

    /** Port against connection index, one small scatter per policy. */
    public static void portsByIndex(Map<String, int[]> portsByPolicy, Path file) throws IOException {
        List<XYChart> cells = new ArrayList<>();
        portsByPolicy.forEach((policy, ports) -> {
            XYChart chart = cell(policy, "connection", "port");
            double[] x = new double[ports.length];
            double[] y = new double[ports.length];
            for (int i = 0; i < ports.length; i++) {
                x[i] = i;
                y[i] = ports[i];
            }
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            chart.getStyler().setMarkerSize(2);
            chart.addSeries(policy, x, y);
            cells.add(chart);
        });
        writeGrid(cells, file);
    }

    /** Histogram of reuse distances, one per policy, over the same x range. */
    public static void reuseHistograms(Map<String, double[]> distancesByPolicy, double max, Path file) throws IOException {
        List<XYChart> cells = new ArrayList<>();
        distancesByPolicy.forEach((policy, distances) -> {
            XYChart chart = cell(policy, "connections to the destination before reuse", "reuses");
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            List<Double> values = new ArrayList<>();
            for (double distance : distances) {
                values.add(Math.min(distance, max));
            }
            if (values.isEmpty()) {
                values.add(0.0);
            }
            Histogram histogram = new Histogram(values, 40, 0, max);
            XYSeries series = chart.addSeries(policy, histogram.getxAxisData(), histogram.getyAxisData());
            series.setMarker(SeriesMarkers.NONE);
            cells.add(chart);
        });
        writeGrid(cells, file);
    }

    /** One line per series over a shared x axis: a sweep. */
    public static void sweep(String title, String xTitle, String yTitle, boolean logY, double[] x,
                             Map<String, double[]> seriesByName, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        seriesByName.forEach((name, y) -> chart.addSeries(name, x, y));
        write(BitmapEncoder.getBufferedImage(chart), file);
    }

    private static XYChart cell(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(CELL_WIDTH).height(CELL_HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setAntiAlias(false); // fewer rendering differences between machines
    }

    private static void writeGrid(List<XYChart> cells, Path file) throws IOException {
        int columns = Math.min(3, cells.size());
        int rows = (cells.size() + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = grid.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < cells.size(); i++) {
            graphics.drawImage(BitmapEncoder.getBufferedImage(cells.get(i)), (i % columns) * CELL_WIDTH,
                    (i / columns) * CELL_HEIGHT, null);
        }
        graphics.dispose();
        write(grid, file);
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
