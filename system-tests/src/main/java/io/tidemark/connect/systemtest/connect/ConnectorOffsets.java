package io.tidemark.connect.systemtest.connect;

import java.util.List;
import java.util.Map;

/**
 * A connector's offsets (KIP-875), as {@code GET /connectors/{name}/offsets} returns them and
 * {@code PATCH} takes them. For a sink connector a partition is {@code {kafka_topic, kafka_partition}}
 * and an offset {@code {kafka_offset}}; a source connector defines its own keys.
 */
public record ConnectorOffsets(List<Offset> offsets) {

    public record Offset(Map<String, Object> partition, Map<String, Object> offset) {
    }
}
