package io.tidemark.connect.systemtest.docs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated parts of README.md, each between a marker pair naming a plugin class:
 *
 * <pre>
 * &lt;!-- generated:options:io.tidemark.connect.sink.WarehouseSinkConnector --&gt;
 * (tables generated from the class's ConfigDef)
 * &lt;!-- /generated --&gt;
 * </pre>
 */
public final class ReadmeSections {

    private static final Pattern SECTION = Pattern.compile(
        "(<!-- generated:options:([A-Za-z0-9_.$]+) -->\\n)(.*?)(<!-- /generated -->)", Pattern.DOTALL);

    private ReadmeSections() {
    }

    /** Class name to the current content between its markers, in README order. */
    public static Map<String, String> read(String readme) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher matcher = SECTION.matcher(readme);
        while (matcher.find()) {
            if (sections.put(matcher.group(2), matcher.group(3)) != null) {
                throw new IllegalStateException("README.md has two generated sections for " + matcher.group(2));
            }
        }
        return sections;
    }

    /** The README with each named section's content replaced; sections not in {@code contents} stay. */
    public static String replace(String readme, Map<String, String> contents) {
        Matcher matcher = SECTION.matcher(readme);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String content = contents.getOrDefault(matcher.group(2), matcher.group(3));
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(1) + content + matcher.group(4)));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
