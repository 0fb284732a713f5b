package io.tidemark.connect.systemtest.types;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's VARCHAR spelling of a value turned into PostgreSQL's spelling of the same value, so the two
 * can be compared as text: it changes how a value is written, never which value it is.
 */
final class DuckDbSpelling {

    /** 4713-01-01 (BC) 00:00:00+00 is PostgreSQL's 4713-01-01 00:00:00+00 BC. */
    private static final Pattern BEFORE_CHRIST = Pattern.compile("^(\\S+) \\(BC\\)(.*)$");
    /**
     * An INTERVAL's parts: DuckDB's 2 months, 1 month, -1 day are PostgreSQL's 2 mons, 1 mon, -1 days
     * (PostgreSQL's unit is singular for 1 only).
     */
    private static final Pattern INTERVAL_PART = Pattern.compile("(?<![\\d:.])(-?\\d+) (year|month|day)s?\\b");

    private DuckDbSpelling() {
    }

    static String asPostgres(String text) {
        if (text == null) {
            return null;
        }
        switch (text) {
            case "nan":
                return "NaN";
            case "inf":
                return "Infinity";
            case "-inf":
                return "-Infinity";
            default:
                break;
        }
        Matcher bc = BEFORE_CHRIST.matcher(text);
        String spelled = bc.matches() ? bc.group(1) + bc.group(2) + " BC" : text;
        return INTERVAL_PART.matcher(spelled).replaceAll(part -> {
            String unit = "month".equals(part.group(2)) ? "mon" : part.group(2);
            return part.group(1) + " " + unit + ("1".equals(part.group(1)) ? "" : "s");
        });
    }

    /**
     * A DuckDB list, given as the JSON array of its elements as DuckDB's text, in PostgreSQL's array text:
     * {@code {1,NULL,3}}, elements quoted where PostgreSQL quotes them (empty, NULL, whitespace or one of
     * {@code {},"\}), each element spelled as PostgreSQL spells it (DuckDB's nan is NaN, true is t).
     */
    static String listAsPostgres(String json) {
        if (json == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            java.util.StringJoiner text = new java.util.StringJoiner(",", "{", "}");
            for (com.fasterxml.jackson.databind.JsonNode element : list) {
                text.add(element.isNull() ? "NULL" : arrayElement(element.asText()));
            }
            return text.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("DuckDB's to_json gave " + json, e);
        }
    }

    private static String arrayElement(String duckDb) {
        String value = switch (duckDb) {
            case "true" -> "t";
            case "false" -> "f";
            default -> asPostgres(duckDb);
        };
        boolean quoted = value.isEmpty() || "NULL".equalsIgnoreCase(value) || value.chars()
                .anyMatch(c -> c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c));
        return quoted ? "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : value;
    }
}
