package io.tidemark.connect.systemtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A result as a PNG bar chart: per contender the median over rounds, and beside it each round's figure, so a
 * reader sees the spread. Latency results show p50 and p99 side by side instead.
 */
public final class BenchChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 480;

    private BenchChart() {
    }

    public static Path write(BenchResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
            .title(result.title()).xAxisTitle("").yAxisTitle(result.unit()).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setXAxisLabelRotation(10);
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(15f));
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setLabelsFont(styler.getLegendFont().deriveFont(10f));
        double largest = result.samples().stream().mapToDouble(Sample::value).filter(value -> !Double.isNaN(value)).max().orElse(0);
        chart.getStyler().setDecimalPattern(largest >= 100 ? "#,##0" : "#,##0.0");
        chart.getStyler().setLocale(Locale.ROOT);

        List<String> contenders = result.contenders();
        boolean latency = result.samples().stream().anyMatch(Sample::hasLatency);
        if (latency) {
            chart.addSeries("p50 ms", contenders, medians(result, contenders, true));
            chart.addSeries("p99 ms", contenders, medians(result, contenders, false));
            chart.setYAxisTitle("latency ms (median of rounds)");
        } else {
            chart.addSeries("median", contenders, medianValues(result, contenders));
            for (int round = 1; round <= result.rounds(); round++) {
                List<Double> values = new ArrayList<>();
                for (String contender : contenders) {
                    int r = round;
                    values.add(result.samplesOf(contender).stream().filter(sample -> sample.round() == r)
                        .mapToDouble(Sample::value).findFirst().orElse(0));
                }
                chart.addSeries("round " + round, contenders, values);
            }
        }
        Path file = dir.resolve(result.id() + ".png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private static List<Double> medianValues(BenchResult result, List<String> contenders) {
        return contenders.stream().map(result::median).toList();
    }

    private static List<Double> medians(BenchResult result, List<String> contenders, boolean p50) {
        return contenders.stream().map(contender -> BenchResult.median(result.samplesOf(contender).stream()
            .mapToDouble(sample -> p50 ? sample.p50Ms() : sample.p99Ms()).toArray())).toList();
    }
}
