package io.tidemark.connect.sink.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the sink marks, in a row, the columns whose value it never received: the metadata column
 * {@code __unknown_columns}, each name in double quotes followed by a comma ({@code "notes",}), null when none.
 * {@link #in} answers null for a table without it (a sink without the marker): an unknown column then reads as
 * null, and the check can only expect null there.
 */
record UnknownColumns(String column) {

    static final String COLUMN = "__unknown_columns";
    /** The offset of the records that left the row's columns unknown; null when none is. */
    static final String SINCE_OFFSET = "__unknown_since_offset";
    private static final Pattern NAME = Pattern.compile("\"((?:[^\"]|\"\")*)\",");

    static UnknownColumns in(List<String> columns) {
        return columns.contains(COLUMN) ? new UnknownColumns(COLUMN) : null;
    }

    static boolean isPosition(String sinceOffset) {
        return sinceOffset != null && !"null".equals(sinceOffset);
    }

    Set<String> parse(String value) {
        Set<String> names = new HashSet<>();
        if (value == null || "null".equals(value)) {
            return names;
        }
        Matcher matcher = NAME.matcher(value);
        while (matcher.find()) {
            names.add(matcher.group(1).replace("\"\"", "\""));
        }
        return names;
    }
}
