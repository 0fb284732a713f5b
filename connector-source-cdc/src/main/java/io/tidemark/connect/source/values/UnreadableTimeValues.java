package io.tidemark.connect.source.values;

import java.time.format.DateTimeParseException;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Debezium's pgoutput decoding parses a streamed timetz itself, before any converter, with a pattern that
 * takes offsets of hours and minutes only; a value PostgreSQL accepts with an offset of seconds
 * ({@code 12:00:00+14:59:59}) stops the task with no more than the parse error. This says what happened and
 * what the user can do. The value is left out of the message, like every row value.
 */
public final class UnreadableTimeValues {

    private UnreadableTimeValues() {
    }

    /** {@code failure} explained if a time value Debezium could not parse caused it; otherwise {@code failure}. */
    public static ConnectException explain(ConnectException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DateTimeParseException) {
                return new ConnectException("Debezium could not read a time value of a streamed change ("
                        + eventPosition(failure) + "): a timetz whose offset has seconds (such as +14:59:59), which "
                        + "PostgreSQL accepts and Debezium's pgoutput decoding cannot parse. Leave the column out "
                        + "with debezium.column.exclude.list, or hold such times as timestamptz, and restart the "
                        + "task: the change is read again, since its offset was not committed.", failure);
            }
        }
        return failure;
    }

    /** Debezium's "Error while processing event at offset {...}": the position, without row values. */
    private static String eventPosition(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.startsWith("Error while processing event at offset")) {
                return message.substring("Error while processing ".length());
            }
        }
        return "position unknown";
    }
}
