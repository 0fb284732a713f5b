package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.table.SpecialValue;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.SqlBuilder;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.table.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Loads staging rows with COPY ... FROM STDIN (text format) through PgJDBC's CopyManager, the fastest way
 * into PostgreSQL. Rows are encoded into a reusable buffer and sent in chunks, so memory stays flat.
 */
final class PostgresCopyLoader {

    private static final int CHUNK = 1 << 16;
    private static final byte[] NULL = {'\\', 'N'};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Identifiers identifiers;
    private byte[] buffer = new byte[CHUNK * 2];
    private int length;

    PostgresCopyLoader(Identifiers identifiers) {
        this.identifiers = identifiers;
    }

    void load(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        String copy = new SqlBuilder(identifiers).sql("COPY ").table(staging.name()).sql(" (")
                .names(staging.columns().stream().map(Column::name).toList()).sql(") FROM STDIN").toString();
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        put((byte) '\t');
                    }
                    encode(row[i]);
                }
                put((byte) '\n');
                if (length >= CHUNK) {
                    copyIn.writeToCopy(buffer, 0, length);
                    length = 0;
                }
            }
            if (length > 0) {
                copyIn.writeToCopy(buffer, 0, length);
                length = 0;
            }
            copyIn.endCopy();
        } finally {
            length = 0;
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    /** One value in COPY's text format; the canonical Java types come from the converter. */
    private void encode(Object value) {
        if (value == null) {
            put(NULL);
        } else if (value instanceof String text) {
            putEscaped(text);
        } else if (value instanceof Boolean flag) {
            put((byte) (flag ? 't' : 'f'));
        } else if (value instanceof BigDecimal decimal) {
            putAscii(decimal.toPlainString());
        } else if (value instanceof byte[] bytes) {
            putBytea(bytes);
        } else if (value instanceof LocalDate date) {
            putAscii(PostgresTemporalText.date(date));
        } else if (value instanceof LocalDateTime timestamp) {
            putAscii(PostgresTemporalText.timestamp(timestamp));
        } else if (value instanceof OffsetDateTime timestamp) {
            putAscii(PostgresTemporalText.timestamptz(timestamp));
        } else if (value instanceof SpecialValue special) {
            // NaN, Infinity, infinity, 24:00:00: PostgreSQL's own spelling, which it reads back.
            putAscii(special.text());
        } else {
            // Numbers (Double NaN and Infinity too), LocalTime and UUIDs print in forms PostgreSQL parses.
            putEscaped(value.toString());
        }
    }

    private void putEscaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\':
                    put((byte) '\\');
                    put((byte) '\\');
                    break;
                case '\n':
                    put((byte) '\\');
                    put((byte) 'n');
                    break;
                case '\r':
                    put((byte) '\\');
                    put((byte) 'r');
                    break;
                case '\t':
                    put((byte) '\\');
                    put((byte) 't');
                    break;
                default:
                    if (c < 0x80) {
                        put((byte) c);
                    } else {
                        putUtf8(text, i);
                        i += Character.isHighSurrogate(c) && i + 1 < text.length() ? 1 : 0;
                    }
            }
        }
    }

    private void putUtf8(String text, int index) {
        int end = Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length() ? index + 2 : index + 1;
        put(text.substring(index, end).getBytes(StandardCharsets.UTF_8));
    }

    /** bytea hex input, \x0a0b..., with the backslash escaped for the text format. */
    private void putBytea(byte[] bytes) {
        put((byte) '\\');
        put((byte) '\\');
        put((byte) 'x');
        for (byte b : bytes) {
            put((byte) HEX[(b >> 4) & 0xf]);
            put((byte) HEX[b & 0xf]);
        }
    }

    private void putAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    private void put(byte b) {
        if (length == buffer.length) {
            grow(1);
        }
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        if (length + bytes.length > buffer.length) {
            grow(bytes.length);
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void grow(int needed) {
        byte[] bigger = new byte[Math.max(buffer.length * 2, length + needed)];
        System.arraycopy(buffer, 0, bigger, 0, length);
        buffer = bigger;
    }
}
