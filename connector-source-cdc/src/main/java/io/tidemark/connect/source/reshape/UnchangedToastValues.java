package io.tidemark.connect.source.reshape;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Schema;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.connector.postgresql.UnchangedToastedPlaceholder;
import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;

/**
 * Recognises the placeholder Debezium writes into a column whose TOAST value an UPDATE did not
 * carry (REPLICA IDENTITY DEFAULT sends only changed out-of-line values).
 *
 * <p>Debezium writes the configured placeholder text in a form that depends on the column type: the
 * text itself, its bytes, a one-element list for text, bytea and uuid arrays, the bytes as numbers
 * for integer arrays, a one-entry map for hstore. The forms come from Debezium's own
 * {@link UnchangedToastedPlaceholder}, so they follow Debezium when it adds types.
 */
public final class UnchangedToastValues implements UnchangedValues {

    private final String text;
    private final byte[] bytes;
    private final List<List<?>> lists;
    private final Map<?, ?> map;

    /**
     * @param debeziumProperties the configuration the Debezium task runs with (it holds the
     *     placeholder text)
     */
    public UnchangedToastValues(Map<String, String> debeziumProperties) {
        UnchangedToastedPlaceholder placeholder = new UnchangedToastedPlaceholder(
                new PostgresConnectorConfig(Configuration.from(debeziumProperties)));
        text = placeholder.getToastPlaceholderString();
        bytes = placeholder.getToastPlaceholderBinary();
        lists = new ArrayList<>();
        for (Object marker : List.of(UnchangedToastedReplicationMessageColumn.UNCHANGED_TEXT_ARRAY_TOAST_VALUE,
                UnchangedToastedReplicationMessageColumn.UNCHANGED_BINARY_ARRAY_TOAST_VALUE,
                UnchangedToastedReplicationMessageColumn.UNCHANGED_INT_ARRAY_TOAST_VALUE,
                UnchangedToastedReplicationMessageColumn.UNCHANGED_BIGINT_ARRAY_TOAST_VALUE,
                UnchangedToastedReplicationMessageColumn.UNCHANGED_UUID_TOAST_VALUE)) {
            placeholder.getValue(marker).ifPresent(list -> lists.add((List<?>) list));
        }
        map = (Map<?, ?>) placeholder.getValue(UnchangedToastedReplicationMessageColumn.UNCHANGED_HSTORE_TOAST_VALUE)
                .orElse(Map.of());
    }

    /**
     * A test for "this value is the placeholder" suited to a field of the given schema, or null when
     * such a field cannot carry one (numbers, booleans, temporals, structs).
     */
    @Override
    public Predicate<Object> detectorFor(Schema fieldSchema) {
        switch (fieldSchema.type()) {
            case STRING:
                return text::equals;
            case BYTES:
                return value -> sameBytes(bytes, value);
            case ARRAY:
                return this::isPlaceholderList;
            case MAP:
                return map::equals;
            default:
                return null;
        }
    }

    private boolean isPlaceholderList(Object value) {
        if (!(value instanceof List) || ((List<?>) value).size() > bytes.length) {
            return false;
        }
        for (List<?> candidate : lists) {
            if (sameList(candidate, (List<?>) value)) {
                return true;
            }
        }
        return false;
    }

    /** Element by element, because byte arrays inside lists compare by identity in List.equals. */
    private static boolean sameList(List<?> expected, List<?> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            boolean same = e instanceof byte[] ? sameBytes((byte[]) e, a) : Objects.equals(e, a);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(byte[] expected, Object actual) {
        if (actual instanceof byte[]) {
            return Arrays.equals(expected, (byte[]) actual);
        }
        return actual instanceof ByteBuffer && ByteBuffer.wrap(expected).equals(actual);
    }
}
