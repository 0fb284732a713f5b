package io.tidemark.connect.systemtest.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A typed client for the Kafka Connect REST API of one worker. Every error status fails with a
 * {@link ConnectRestException} carrying the worker's error body. A 409 that only means "a rebalance
 * is in progress, retry" is retried for up to a minute, as Connect asks clients to.
 */
public final class ConnectRestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REBALANCE_RETRY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI baseUrl;
    private final HttpClient http;

    /** {@code baseUrl} like {@code http://127.0.0.1:8083}. */
    public ConnectRestClient(URI baseUrl) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    // ---- worker ----

    /** {@code GET /}: version, commit and Kafka cluster id of the worker. */
    public JsonNode workerInfo() {
        return send("GET", "/", null, JsonNode.class);
    }

    /** {@code GET /health} answered 200: the worker has started and joined its group. */
    public boolean isHealthy() {
        try {
            return request("GET", "/health", null).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** {@code GET /connector-plugins?connectorsOnly=...}. */
    public List<ConnectorPlugin> connectorPlugins(boolean connectorsOnly) {
        return send("GET", "/connector-plugins?connectorsOnly=" + connectorsOnly, null,
            new TypeReference<List<ConnectorPlugin>>() { });
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}. */
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        return send("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate", config,
            ConfigValidation.class);
    }

    // ---- connectors ----

    public List<String> connectors() {
        return send("GET", "/connectors", null, new TypeReference<List<String>>() { });
    }

    /** {@code POST /connectors}: fails (409) if a connector of that name exists. */
    public ConnectorInfo createConnector(String name, Map<String, String> config) {
        return send("POST", "/connectors", Map.of("name", name, "config", config), ConnectorInfo.class);
    }

    /**
     * {@code POST /connectors} with {@code initial_state} (KIP-980): {@code PAUSED} starts the tasks but lets them
     * process nothing until {@link #resume(String)}, {@code STOPPED} starts no task.
     */
    public ConnectorInfo createConnector(String name, Map<String, String> config, String initialState) {
        return send("POST", "/connectors", Map.of("name", name, "config", config, "initial_state", initialState),
            ConnectorInfo.class);
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector or replaces its whole config. */
    public ConnectorInfo putConnectorConfig(String name, Map<String, String> config) {
        return send("PUT", connectorPath(name) + "/config", config, ConnectorInfo.class);
    }

    public Map<String, String> connectorConfig(String name) {
        return send("GET", connectorPath(name) + "/config", null, new TypeReference<Map<String, String>>() { });
    }

    public void deleteConnector(String name) {
        send("DELETE", connectorPath(name), null, Void.class);
    }

    public ConnectorStatus status(String name) {
        return send("GET", connectorPath(name) + "/status", null, ConnectorStatus.class);
    }

    /** {@code GET /connectors/{name}/topics}: the topics the connector has used (KIP-558). */
    public List<String> topics(String name) {
        JsonNode answer = send("GET", connectorPath(name) + "/topics", null, JsonNode.class);
        return JSON.convertValue(answer.path(name).path("topics"), new TypeReference<List<String>>() { });
    }

    public void pause(String name) {
        send("PUT", connectorPath(name) + "/pause", null, Void.class);
    }

    public void resume(String name) {
        send("PUT", connectorPath(name) + "/resume", null, Void.class);
    }

    /** {@code PUT /connectors/{name}/stop} (KIP-875): tasks shut down, offsets may then be altered. */
    public void stop(String name) {
        send("PUT", connectorPath(name) + "/stop", null, Void.class);
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=...&onlyFailed=...} (KIP-745). */
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        send("POST", connectorPath(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
            null, Void.class);
    }

    public void restartTask(String name, int task) {
        send("POST", connectorPath(name) + "/tasks/" + task + "/restart", null, Void.class);
    }

    // ---- offsets (KIP-875) ----

    public ConnectorOffsets offsets(String name) {
        return send("GET", connectorPath(name) + "/offsets", null, ConnectorOffsets.class);
    }

    /** {@code PATCH /connectors/{name}/offsets}; the connector must be STOPPED. Returns the worker's message. */
    public String alterOffsets(String name, ConnectorOffsets offsets) {
        return send("PATCH", connectorPath(name) + "/offsets", offsets, JsonNode.class).path("message").asText();
    }

    /** {@code DELETE /connectors/{name}/offsets}; the connector must be STOPPED. Returns the worker's message. */
    public String resetOffsets(String name) {
        return send("DELETE", connectorPath(name) + "/offsets", null, JsonNode.class).path("message").asText();
    }

    // ---- plumbing ----

    private static String connectorPath(String name) {
        return "/connectors/" + encode(name);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T send(String method, String path, Object body, Class<T> type) {
        String answer = sendExpectingSuccess(method, path, body);
        if (type == Void.class || answer.isBlank()) {
            return null;
        }
        return parse(answer, method, path, JSON.getTypeFactory().constructType(type));
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) {
        String answer = sendExpectingSuccess(method, path, body);
        return parse(answer, method, path, JSON.getTypeFactory().constructType(type));
    }

    private static <T> T parse(String answer, String method, String path, com.fasterxml.jackson.databind.JavaType type) {
        try {
            return JSON.readValue(answer, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + path + " answered what is not " + type + ": " + answer, e);
        }
    }

    private String sendExpectingSuccess(String method, String path, Object body) {
        long deadline = System.nanoTime() + REBALANCE_RETRY.toNanos();
        while (true) {
            HttpResponse<String> response = request(method, path, body);
            int status = response.statusCode();
            if (status < 300) {
                return response.body();
            }
            if (!isRebalanceConflict(status, response.body()) || System.nanoTime() > deadline) {
                throw new ConnectRestException(method + " " + baseUrl + path, status, response.body());
            }
            sleepBeforeRetry(Duration.ofMillis(500));
        }
    }

    /**
     * Connect answers 409 while the group rebalances, and 500 "IO Error trying to forward REST request" when the
     * leader this worker knows has just left the group (a stopped or killed worker) and the next rebalance has not
     * named a new one, or 500 "Request cannot be completed because a rebalance is expected" just after a worker
     * left. None of these requests reached a leader, so the same request succeeds afterwards.
     */
    private static boolean isRebalanceConflict(int status, String body) {
        String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return status == 409 && (text.contains("rebalance") || text.contains("stale configuration"))
            || status == 500 && (text.contains("error trying to forward rest request") || text.contains("a rebalance is expected"));
    }

    private HttpResponse<String> request(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, publisher)
                .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private static void sleepBeforeRetry(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a Connect REST call", e);
        }
    }

    @Override
    public String toString() {
        return "Connect REST " + baseUrl;
    }
}
