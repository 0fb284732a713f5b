package io.tidemark.connect.source.mariadb;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import io.tidemark.connect.source.reshape.ChangeOrigin;

/**
 * MariaDB/MySQL changes: the database and table from Debezium's source block, and a
 * {@code __position} made of the binlog coordinates.
 *
 * <p>The encoding: {@code (index of the binlog file) << 32 | (position in the file)}. The file index is
 * the number the server puts after the last dot of a binlog file's name (mysql-bin.000042 is 42); the
 * server raises it at every rotation ({@code FLUSH BINARY LOGS}, max_binlog_size, a restart) and never
 * reuses it, so positions grow across files. Binlog positions are 32-bit, so the parts never overlap.
 *
 * <p>The position in the file is the one Debezium reports for the change: on MariaDB (whose servers
 * write 0 as the position of the events inside a transaction unless binlog_legacy_event_pos is on, which
 * the connector refuses) that is where the change's transaction begins, so every change of one
 * transaction has the same {@code __position}, and positions grow strictly from one transaction to the
 * next. Within a transaction the topic order decides; the warehouse sink applies a change whose position
 * is not older than the stored one, so the last change of a row in the topic wins, as it should. The row's
 * index within its event is deliberately not added: a transaction's second event would then get lower
 * positions than its first event's later rows.
 *
 * <p>A snapshot row takes the binlog position at which the snapshot was read, minus one: Debezium reads
 * the snapshot in a consistent transaction started at that position, so every change streamed after it
 * lies at or after that position and wins over the row downstream, and every change before it is
 * already in the row.
 *
 * <p>Limits: {@code RESET MASTER} (which restarts the numbering at 1) and a switch to another server
 * (whose files are numbered independently) break the ordering; after either, re-snapshot into an empty
 * target.
 */
public final class BinlogChangeOrigin implements ChangeOrigin {

    private static final long MAX_IN_FILE = 0xFFFF_FFFFL;

    @Override
    public String schema(Struct source) {
        return source.getString("db");
    }

    @Override
    public String table(Struct source) {
        return source.getString("table");
    }

    @Override
    public long position(Struct source, boolean snapshotRead) {
        String file = source.getString("file");
        Long pos = source.getInt64("pos");
        if (file == null || pos == null) {
            throw new ConnectException("Debezium sent a change of " + schema(source) + "." + table(source)
                    + " without binlog coordinates; it cannot be given a __position");
        }
        return snapshotRead ? encode(file, pos) - 1 : encode(file, pos);
    }

    /** The position of byte {@code inFile} of binlog file {@code file}. */
    static long encode(String file, long inFile) {
        if (inFile < 0 || inFile > MAX_IN_FILE) {
            throw new ConnectException("Binlog position " + inFile + " in " + file + " is outside 0.." + MAX_IN_FILE);
        }
        return fileIndex(file) << 32 | inFile;
    }

    static long fileIndex(String file) {
        int dot = file.lastIndexOf('.');
        String digits = file.substring(dot + 1);
        if (dot < 0 || digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            throw new ConnectException("Binlog file name '" + file + "' does not end in a numeric index");
        }
        long index = Long.parseLong(digits);
        if (index > Integer.MAX_VALUE) {
            throw new ConnectException("Binlog file index " + index + " of " + file + " is too large for a __position");
        }
        return index;
    }
}
