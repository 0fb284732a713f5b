package io.tidemark.connect.systemtest.connect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /connectors/{name}/status}. States: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING. */
public record ConnectorStatus(String name, State connector, List<TaskState> tasks, String type) {

    public record State(String state, @JsonProperty("worker_id") String workerId, String trace) {
    }

    public record TaskState(int id, String state, @JsonProperty("worker_id") String workerId, String trace) {
    }

    /** The connector and exactly {@code taskCount} tasks are RUNNING. */
    public boolean isRunning(int taskCount) {
        return "RUNNING".equals(connector.state()) && tasks.size() == taskCount
            && tasks.stream().allMatch(task -> "RUNNING".equals(task.state()));
    }

    /** The connector and at least one task are RUNNING, and no task is in another state. */
    public boolean isRunning() {
        return isRunning(Math.max(1, tasks.size()));
    }

    public boolean hasFailure() {
        return "FAILED".equals(connector.state()) || tasks.stream().anyMatch(task -> "FAILED".equals(task.state()));
    }

    /** The stack traces of failed parts, for assertion messages. */
    public String failureTraces() {
        StringBuilder traces = new StringBuilder();
        if (connector.trace() != null) {
            traces.append("connector: ").append(connector.trace()).append('\n');
        }
        for (TaskState task : tasks) {
            if (task.trace() != null) {
                traces.append("task ").append(task.id()).append(": ").append(task.trace()).append('\n');
            }
        }
        return traces.toString();
    }
}
