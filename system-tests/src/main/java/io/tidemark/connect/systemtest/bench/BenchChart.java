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
 * A result as a PNG bar chart, one colour per contender (named in the legend): the median over rounds, then each
 * round's figure, so a reader sees the spread. Latency results show p50 and p99 instead.
 */
public final class BenchChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private BenchChart() {
    }

    public static Path write(BenchResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        boolean latency = result.samples().stream().anyMatch(Sample::hasLatency);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(result.title())
            .xAxisTitle("").yAxisTitle(latency ? "latency ms (median of rounds)" : result.unit()).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(15f));
        chart.getStyler().setAvailableSpaceFill(0.85);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(styler.getLegendFont().deriveFont(10f));
        double largest = result.samples().stream().mapToDouble(sample -> latency ? sample.p99Ms() : sample.value())
            .filter(value -> !Double.isNaN(value)).max().orElse(0);
        chart.getStyler().setDecimalPattern(largest >= 100 ? "#,##0" : "#,##0.0");
        chart.getStyler().setLocale(Locale.ROOT);

        List<String> groups = new ArrayList<>();
        if (latency) {
            groups.add("p50");
            groups.add("p99");
        } else {
            groups.add("median");
            for (int round = 1; round <= result.rounds(); round++) {
                groups.add("round " + round);
            }
        }
        for (String contender : result.contenders()) {
            List<Sample> samples = result.samplesOf(contender);
            List<Double> values = new ArrayList<>();
            if (latency) {
                values.add(BenchResult.median(samples.stream().mapToDouble(Sample::p50Ms).toArray()));
                values.add(BenchResult.median(samples.stream().mapToDouble(Sample::p99Ms).toArray()));
            } else {
                values.add(result.median(contender));
                for (int round = 1; round <= result.rounds(); round++) {
                    int r = round;
                    values.add(samples.stream().filter(sample -> sample.round() == r).mapToDouble(Sample::value).findFirst().orElse(0));
                }
            }
            chart.addSeries(contender, groups, values.stream().map(value -> Double.isNaN(value) ? 0 : value).toList());
        }
        Path file = dir.resolve(result.id() + ".png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
