package io.tidemark.connect.systemtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load average (1, 5 and 15 minutes) from /proc/loadavg. Benchmarks record it beside every
 * figure: on a shared 2-core machine a load above the core count means the figures are those of a busy machine.
 */
public record LoadAverage(double one, double five, double fifteen) {

    private static final LoadAverage UNKNOWN = new LoadAverage(Double.NaN, Double.NaN, Double.NaN);

    public static LoadAverage now() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return new LoadAverage(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", one, five, fifteen);
    }
}
