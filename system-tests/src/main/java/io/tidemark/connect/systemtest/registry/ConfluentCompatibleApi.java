package io.tidemark.connect.systemtest.registry;

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
import java.util.ArrayList;
import java.util.List;

/**
 * A schema registry's Confluent-compatible REST API (Apicurio's {@code /apis/ccompat/v7}), read as a
 * Confluent client reads it: subjects, their versions, schemas by the id in a record's payload, and
 * compatibility checks.
 */
public final class ConfluentCompatibleApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** A registered schema version: its subject, version number, id and Avro schema text. */
    public record SchemaVersion(String subject, int version, int id, String schema) {
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConfluentCompatibleApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        get("/subjects").forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        get("/subjects/" + encode(subject) + "/versions").forEach(version -> versions.add(version.asInt()));
        return versions;
    }

    public SchemaVersion version(String subject, int version) {
        JsonNode node = get("/subjects/" + encode(subject) + "/versions/" + version);
        return new SchemaVersion(node.path("subject").asText(subject), node.path("version").asInt(), node.path("id").asInt(),
            node.path("schema").asText());
    }

    /** The schema text the registry serves for {@code id} (the id Confluent's wire format carries). */
    public String schemaById(int id) {
        return get("/schemas/ids/" + id).path("schema").asText();
    }

    /** Whether {@code avroSchema} may become the next version of {@code subject} under its compatibility rule. */
    public boolean isCompatibleWithLatest(String subject, String avroSchema) {
        String body = JSON.createObjectNode().put("schema", avroSchema).toString();
        return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body)
            .path("is_compatible").asBoolean();
    }

    /**
     * Registers {@code avroSchema} under {@code subject} as a producer with auto-registration would.
     *
     * @throws RegistryException with the registry's status and message when it refuses (409: incompatible)
     */
    public int register(String subject, String avroSchema) {
        String body = JSON.createObjectNode().put("schema", avroSchema).toString();
        return send("POST", "/subjects/" + encode(subject) + "/versions", body).path("id").asInt();
    }

    private JsonNode get(String path) {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
            .header("Accept", CONTENT_TYPE);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new RegistryException(response.statusCode(), method + " " + path + ": HTTP " + response.statusCode()
                    + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + path, e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request the registry answered with an error status. */
    public static final class RegistryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RegistryException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
