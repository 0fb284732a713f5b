package io.tidemark.connect.systemtest.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code META-INF/services} files (KIP-898): how a worker with plugin.discovery=service_load finds plugins. */
public final class ServiceFiles {

    /** The plugin interfaces a worker lists in {@code GET /connector-plugins?connectorsOnly=false}. */
    public static final List<String> LISTED_PLUGIN_INTERFACES = List.of(
        "org.apache.kafka.connect.source.SourceConnector",
        "org.apache.kafka.connect.sink.SinkConnector",
        "org.apache.kafka.connect.transforms.Transformation",
        "org.apache.kafka.connect.transforms.predicates.Predicate",
        "org.apache.kafka.connect.storage.Converter",
        "org.apache.kafka.connect.storage.HeaderConverter");

    private ServiceFiles() {
    }

    public static String path(String pluginInterface) {
        return "META-INF/services/" + pluginInterface;
    }

    /** The class names a service file lists, without comments and blank lines. */
    public static List<String> classNames(InputStream serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : new String(serviceFile.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
