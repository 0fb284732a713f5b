package io.tidemark.connect.systemtest.connect;

import java.util.List;
import java.util.Map;

/** The answer to creating or updating a connector. */
public record ConnectorInfo(String name, Map<String, String> config, List<TaskId> tasks, String type) {

    public record TaskId(String connector, int task) {
    }
}
