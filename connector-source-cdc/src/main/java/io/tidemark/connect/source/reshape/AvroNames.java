package io.tidemark.connect.source.reshape;

/**
 * Turns database names into legal Avro names, so the records convert with the AvroConverter most
 * production workers run. Avro requires every dot-separated part of a full name to match
 * {@code [A-Za-z_][A-Za-z0-9_]*}; Debezium's own adjustment checks the full name as one string and
 * lets parts such as {@code 2024_orders} through.
 */
final class AvroNames {

    private AvroNames() {
    }

    /**
     * The full schema name {@code <prefix>.<schema>.<table>.<suffix>}: the prefix keeps its dots
     * (it is the user's namespace), a dot inside a schema or table name becomes an underscore.
     */
    static String schemaName(String topicPrefix, String schema, String table, String suffix) {
        StringBuilder name = new StringBuilder();
        for (String part : topicPrefix.split("\\.", -1)) {
            name.append(part(part)).append('.');
        }
        return name.append(part(schema)).append('.').append(part(table)).append('.').append(part(suffix))
                .toString();
    }

    /** One legal Avro name part: other characters become '_', a leading digit gets a '_' in front. */
    static String part(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "_";
        }
        StringBuilder legal = new StringBuilder(raw.length() + 1);
        if (raw.charAt(0) >= '0' && raw.charAt(0) <= '9') {
            legal.append('_');
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            legal.append(letter || c == '_' || (c >= '0' && c <= '9') ? c : '_');
        }
        return legal.toString();
    }
}
