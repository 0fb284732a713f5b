package io.tidemark.connect.sink.flush;

import io.tidemark.connect.sink.table.TableId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the task's table writers writes a table: the first tables seen get one writer each, in turn, and a table
 * keeps its writer for the task's life, so one connection (with its cache of the table's columns) writes it and
 * two writes of one table never run at once.
 */
final class TableSlots {

    private final List<TableFlusher> flushers;
    private final Map<TableId, Integer> slots = new HashMap<>();

    TableSlots(List<TableFlusher> flushers) {
        if (flushers.isEmpty()) {
            throw new IllegalArgumentException("At least one table writer");
        }
        this.flushers = List.copyOf(flushers);
    }

    int size() {
        return flushers.size();
    }

    int slot(TableId table) {
        return slots.computeIfAbsent(table, unseen -> slots.size() % flushers.size());
    }

    TableFlusher flusher(int slot) {
        return flushers.get(slot);
    }
}
