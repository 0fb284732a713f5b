package io.tidemark.connect.sink.model;

import java.util.List;
import java.util.Set;

/**
 * A generated test case: rows that exist before the source captures the table (their changes before then are
 * not in the topic, as for a table added to the capture later), the source's steps, what the worker does while
 * delivering them, and the sink's buffer.count.records. After the delivery steps the worker drains the topic.
 */
public record History(Set<Integer> preexisting, List<SourceStep> steps, List<DeliveryStep> delivery, int bufferCountRecords) {
}
