package io.tidemark.connect.systemtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a result into README.md between its marker pair, and its chart into docs/performance/:
 *
 * <pre>
 * &lt;!-- generated:performance:sink-e2e --&gt;
 * (the latest table and chart of that benchmark)
 * &lt;!-- /generated --&gt;
 * </pre>
 *
 * A benchmark whose marker pair is missing fails here rather than leaving the README silently stale.
 */
public final class ReadmePerformance {

    private ReadmePerformance() {
    }

    public static void update(Path projectRoot, BenchResult result, String markdown, Path chart) throws IOException {
        Path readme = projectRoot.resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Pattern section = Pattern.compile("(<!-- generated:performance:" + Pattern.quote(result.id()) + " -->\\n)(.*?)(<!-- /generated -->)",
            Pattern.DOTALL);
        Matcher matcher = section.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("README.md has no marker pair <!-- generated:performance:" + result.id()
                + " --> ... <!-- /generated --> in its Performance section");
        }
        Path images = projectRoot.resolve("docs").resolve("performance");
        Files.createDirectories(images);
        Path image = images.resolve(chart.getFileName());
        Files.copy(chart, image, StandardCopyOption.REPLACE_EXISTING);
        String content = markdown + "\n![" + result.title() + "](docs/performance/" + image.getFileName() + ")\n\n";
        String updated = text.substring(0, matcher.start(2)) + content + text.substring(matcher.end(2));
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
    }
}
