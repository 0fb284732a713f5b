package io.tidemark.connect.sink.dialect.postgres;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Dates and timestamps as PostgreSQL reads them. java.time's ISO text does not do for every year PostgreSQL
 * holds: years after 9999 get a '+' ({@code +10000-01-01T00:00}, which PostgreSQL takes for a time zone
 * displacement) and years before 1 are numbered astronomically ({@code -4712} is 4713 BC).
 */
final class PostgresTemporalText {

    private PostgresTemporalText() {
    }

    static String date(LocalDate date) {
        return datePart(date) + era(date);
    }

    static String timestamp(LocalDateTime timestamp) {
        return datePart(timestamp.toLocalDate()) + ' ' + timestamp.toLocalTime() + era(timestamp.toLocalDate());
    }

    /** In UTC, so the text never depends on the session's time zone. */
    static String timestamptz(OffsetDateTime timestamp) {
        LocalDateTime utc = timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return datePart(utc.toLocalDate()) + ' ' + utc.toLocalTime() + "+00" + era(utc.toLocalDate());
    }

    private static String datePart(LocalDate date) {
        int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
        StringBuilder text = new StringBuilder(16);
        String digits = Integer.toString(year);
        for (int i = digits.length(); i < 4; i++) {
            text.append('0');
        }
        text.append(digits).append('-');
        if (date.getMonthValue() < 10) {
            text.append('0');
        }
        text.append(date.getMonthValue()).append('-');
        if (date.getDayOfMonth() < 10) {
            text.append('0');
        }
        return text.append(date.getDayOfMonth()).toString();
    }

    private static String era(LocalDate date) {
        return date.getYear() > 0 ? "" : " BC";
    }
}
