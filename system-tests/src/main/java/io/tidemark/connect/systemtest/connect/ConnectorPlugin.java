package io.tidemark.connect.systemtest.connect;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /connector-plugins}: type is source, sink, transformation, predicate, converter... */
public record ConnectorPlugin(@JsonProperty("class") String className, String type, String version) {
}
