package io.tidemark.connect.sink.model;

import java.util.List;
import java.util.Set;

/**
 * A generated test case: rows that exist before the source captures the table (their changes before then are
 * not in the topic, as for a table added to the capture later), the source's steps, what the worker does while
 * delivering them, the sink's buffer.count.records and its flush.pipeline.depth (0: put() writes; 1-2: a writer
 * thread does, while put() buffers on). After the delivery steps the worker drains the topic.
 */
public record History(Set<Integer> preexisting, List<SourceStep> steps, List<DeliveryStep> delivery, int bufferCountRecords,
                      int pipelineDepth) {

    /** A history written by put() itself (the regression histories found before the writer thread existed). */
    public History(Set<Integer> preexisting, List<SourceStep> steps, List<DeliveryStep> delivery, int bufferCountRecords) {
        this(preexisting, steps, delivery, bufferCountRecords, 0);
    }
}
