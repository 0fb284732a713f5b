package io.tidemark.connect.source.reshape;

/**
 * The {@code __position} of snapshot reads ({@code __op = r}).
 *
 * <p>A snapshot row cannot take the LSN at which the snapshot was read: a transaction still open
 * at that moment may have changed the row earlier in the WAL, and once it commits its change is
 * streamed after the snapshot row with a lower LSN, so a sink that refuses older positions would
 * keep the stale snapshot value. A snapshot row therefore takes a position no later than the first
 * WAL record of any transaction still open when it was read.
 */
@FunctionalInterface
public interface SnapshotPosition {

    /** A position no later than the start of any transaction open now; never decreases. */
    long current();
}
