package io.tidemark.connect.sink.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the warehouse must hold after a history, computed from the source table and the topic alone (the reference
 * model; the sink's code plays no part in it).
 *
 * <p>Merge mode: a key whose source row exists and that has a record after its last delete is a live row with the
 * source row's values. A column is known when some record after the key's last delete carried its value (the next
 * change carrying a value fills the column, whatever its position, unless a newer one set it already); the value
 * is then the source's, because a later change of the column would have carried it. Otherwise it is unknown: the
 * sink never received it. Values from before a delete never count (a row re-created by a key change carries no
 * large values). {@code __version} is the highest position of the row's records (since its last delete with hard
 * deletes). With soft deletes a key whose last record deletes it is a row with {@code __deleted} true at the
 * delete's position; with hard deletes it is absent. Keys without records are absent.
 *
 * <p>Append mode: every record that is not a tombstone is one row, identified by its original partition and offset.
 */
final class ExpectedWarehouse {

    static final String UNKNOWN = "<unknown>";

    private ExpectedWarehouse() {
    }

    /** One rendered row: id, then data columns (values or UNKNOWN), then metadata. */
    static List<String> merge(ChangeLog log, boolean softDeletes, boolean tierColumn) {
        List<String> rows = new ArrayList<>();
        for (int key : log.keys().stream().sorted().toList()) {
            List<ChangeLog.Entry> entries = log.ofKey(key);
            if (entries.isEmpty()) {
                continue;
            }
            int lastDelete = -1;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).kind() == ChangeLog.Kind.DELETE) {
                    lastDelete = i;
                }
            }
            List<ChangeLog.Entry> incarnation = entries.subList(lastDelete + 1, entries.size());
            ChangeLog.Row source = log.source().get(key);
            long allMax = entries.stream().mapToLong(ChangeLog.Entry::position).max().orElseThrow();
            if (source != null && !incarnation.isEmpty()) {
                long version = softDeletes ? allMax : incarnation.stream().mapToLong(ChangeLog.Entry::position).max().orElseThrow();
                StringBuilder row = new StringBuilder("id=" + key);
                row.append(" name=").append(value(incarnation, "name", source.name()));
                row.append(" notes=").append(value(incarnation, ChangeLog.NOTES, source.notes()));
                if (tierColumn) {
                    // A row the sink received no tier for holds null there, known or not (the column was added after it).
                    String tier = value(incarnation, ChangeLog.TIER, source.tier());
                    row.append(" tier=").append(UNKNOWN.equals(tier) ? "null" : tier);
                }
                row.append(" __version=").append(version);
                if (softDeletes) {
                    row.append(" __deleted=false");
                }
                rows.add(row.toString());
            } else if (softDeletes && source == null) {
                rows.add("id=" + key + " __version=" + allMax + " __deleted=true");
            }
        }
        return rows;
    }

    private static String value(List<ChangeLog.Entry> incarnation, String column, String sourceValue) {
        boolean carried = incarnation.stream().anyMatch(entry -> entry.carried().contains(column));
        return carried ? String.valueOf(sourceValue) : UNKNOWN;
    }

    /** Append mode: "p<partition>:<offset>" of every record that is a row, in order. */
    static List<String> appended(ChangeLog log) {
        List<String> rows = new ArrayList<>();
        for (int p = 0; p < ChangeLog.PARTITIONS; p++) {
            for (ChangeLog.Entry entry : log.partition(p)) {
                if (entry.kind() != ChangeLog.Kind.TOMBSTONE && entry.kind() != ChangeLog.Kind.POISON) {
                    rows.add("p" + p + ":" + entry.offset());
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    /**
     * Order safety while the worker runs: the keys whose row must be live now. A key is, when its newest change
     * below the highest committed offset is live (position X) and no delete at X or later was delivered: only
     * such a delete may remove the row or mark it deleted (hard deletes may bring back an older row during a
     * replay, but never remove a newer one).
     */
    static Set<Integer> mustBeLive(ChangeLog log, SimulatedConnect connect) {
        Set<Integer> live = new java.util.TreeSet<>();
        for (int key : log.keys()) {
            int p = ChangeLog.partitionOf(key);
            List<ChangeLog.Entry> entries = log.ofKey(key);
            OptionalLong newestLive = entries.stream().filter(entry -> entry.live() && entry.offset() < connect.highestCommitted(p))
                    .mapToLong(ChangeLog.Entry::position).max();
            OptionalLong newestDelete = entries.stream()
                    .filter(entry -> entry.kind() == ChangeLog.Kind.DELETE && entry.offset() < connect.highestDelivered(p))
                    .mapToLong(ChangeLog.Entry::position).max();
            if (newestLive.isPresent() && (newestDelete.isEmpty() || newestDelete.getAsLong() < newestLive.getAsLong())) {
                live.add(key);
            }
        }
        return live;
    }
}
