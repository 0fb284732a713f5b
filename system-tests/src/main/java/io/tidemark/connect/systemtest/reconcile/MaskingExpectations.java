package io.tidemark.connect.systemtest.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which warehouse columns hold masked values, and what they must hold, read from a source connector
 * configuration the way a reviewer reads it: the {@code MaskFields$Value} transforms, their rules, and
 * the {@code FieldValueMatches} predicate on the {@code tidemark.table} header that selects their
 * tables. The values are then computed by {@link ColumnMask}, not by the transform.
 *
 * <p>Only what the config examples use is understood (top-level fields, {@code hmac} with hex
 * encoding, {@code partial}); anything else fails loudly rather than being compared wrongly.
 */
public final class MaskingExpectations {

    private static final String MASK_VALUE = "io.tidemark.connect.smt.mask.MaskFields$Value";
    private static final String FIELD_VALUE_MATCHES = "io.tidemark.connect.smt.predicate.FieldValueMatches";
    private static final String TABLE_HEADER_FIELD = "header.tidemark.table";

    private record Masking(Pattern tables, boolean negate, Map<String, ColumnMask> columns) {
    }

    private final List<Masking> maskings;

    private MaskingExpectations(List<Masking> maskings) {
        this.maskings = List.copyOf(maskings);
    }

    /** No column is masked. */
    public static MaskingExpectations none() {
        return new MaskingExpectations(List.of());
    }

    /**
     * The masking of a source connector config.
     *
     * @param hmacSecret the secret the config's {@code hmac.secret} resolves to
     */
    public static MaskingExpectations fromConnectorConfig(Map<String, String> config, String hmacSecret) {
        List<Masking> maskings = new ArrayList<>();
        for (String transform : list(config.get("transforms"))) {
            String prefix = "transforms." + transform + ".";
            if (MASK_VALUE.equals(config.get(prefix + "type"))) {
                maskings.add(new Masking(tablePattern(config, config.get(prefix + "predicate")),
                    Boolean.parseBoolean(config.getOrDefault(prefix + "negate", "false")),
                    columns(config, prefix, hmacSecret)));
            }
        }
        return new MaskingExpectations(maskings);
    }

    /** Column name to expected mask for the rows of {@code table}. */
    public Map<String, ColumnMask> forTable(String table) {
        Map<String, ColumnMask> columns = new LinkedHashMap<>();
        for (Masking masking : maskings) {
            if (masking.tables().matcher(table).matches() != masking.negate()) {
                columns.putAll(masking.columns());
            }
        }
        return columns;
    }

    private static Pattern tablePattern(Map<String, String> config, String predicate) {
        if (predicate == null) {
            return Pattern.compile(".*");
        }
        String prefix = "predicates." + predicate + ".";
        if (!FIELD_VALUE_MATCHES.equals(config.get(prefix + "type"))
            || !TABLE_HEADER_FIELD.equals(config.get(prefix + "field"))) {
            throw new UnsupportedOperationException("Predicate " + predicate + " does not select tables by the "
                + TABLE_HEADER_FIELD + " header; the reconciliation cannot tell which tables it masks");
        }
        String equals = config.get(prefix + "equals");
        return equals != null ? Pattern.compile(Pattern.quote(equals)) : Pattern.compile(config.get(prefix + "pattern"));
    }

    private static Map<String, ColumnMask> columns(Map<String, String> config, String transformPrefix, String secret) {
        Map<String, ColumnMask> columns = new LinkedHashMap<>();
        for (String rule : list(config.get(transformPrefix + "rules"))) {
            String prefix = transformPrefix + "rules." + rule + ".";
            ColumnMask mask = mask(config, prefix, secret);
            for (String field : list(config.get(prefix + "fields"))) {
                if (field.contains(".") || field.contains("`")) {
                    throw new UnsupportedOperationException("Rule " + rule + " masks the nested field " + field
                        + "; the reconciliation compares flat rows only");
                }
                columns.put(field, mask);
            }
        }
        return columns;
    }

    private static ColumnMask mask(Map<String, String> config, String prefix, String secret) {
        String strategy = config.get(prefix + "strategy");
        switch (strategy) {
            case "hmac" -> {
                String encoding = config.getOrDefault(prefix + "encoding", "hex");
                if (!encoding.equals("hex")) {
                    throw new UnsupportedOperationException(prefix + "encoding=" + encoding + " is not computed here");
                }
                return ColumnMask.hmacHex(secret, config.getOrDefault(prefix + "prefix", ""));
            }
            case "partial" -> {
                String maskChar = config.getOrDefault(prefix + "mask.char", "*");
                return ColumnMask.partial(Integer.parseInt(config.getOrDefault(prefix + "keep.first", "0")),
                    Integer.parseInt(config.getOrDefault(prefix + "keep.last", "4")), maskChar.charAt(0));
            }
            default -> throw new UnsupportedOperationException(prefix + "strategy=" + strategy
                + " is not computed by the reconciliation yet");
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s*,\\s*"));
    }
}
