package io.tidemark.connect.systemtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the figures come from: cores, memory, CPU model, Java. Printed beside every result. */
public record Machine(int cores, long memoryBytes, String cpu, String java) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), totalMemory(), cpuModel(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static long totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, %s", cores, cpu, memoryBytes / (double) (1L << 30), java);
    }
}
