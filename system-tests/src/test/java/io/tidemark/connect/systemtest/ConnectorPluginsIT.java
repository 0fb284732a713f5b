package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.connect.ConnectorPlugin;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.stack.Bundle.DeclaredPlugin;
import io.tidemark.connect.systemtest.stack.BuildInfo;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker with the unzipped bundle in its plugin.path (and plugin.discovery=service_load, as the
 * worker example says) offers every plugin the bundle declares, each with its version, and no plugin
 * of the libraries inside it (Debezium's connector, transformations and converters).
 */
@ExtendWith(LocalStackExtension.class)
class ConnectorPluginsIT {

    /** The "type" the REST API reports for each plugin interface. */
    private static final Map<String, String> TYPE_OF_INTERFACE = Map.of(
        "org.apache.kafka.connect.source.SourceConnector", "source",
        "org.apache.kafka.connect.sink.SinkConnector", "sink",
        "org.apache.kafka.connect.transforms.Transformation", "transformation",
        "org.apache.kafka.connect.transforms.predicates.Predicate", "predicate",
        "org.apache.kafka.connect.storage.Converter", "converter",
        "org.apache.kafka.connect.storage.HeaderConverter", "header_converter");

    /**
     * The stack's plugin.path holds our bundle only, so every plugin the worker lists is either the
     * worker's own (Apache Kafka's) or Tidemark's.
     */
    @Test
    void workerListsNoPluginOfTheBundledLibraries(LocalStack stack) {
        List<String> foreign = stack.connect().connectorPlugins(false).stream()
            .filter(plugin -> !plugin.className().startsWith("org.apache.kafka.")
                && !plugin.className().startsWith("io.tidemark.connect."))
            .map(plugin -> plugin.className() + " (" + plugin.type() + ")")
            .sorted().toList();
        assertThat(foreign).as("plugins listed by GET /connector-plugins?connectorsOnly=false that are neither "
            + "the worker's nor Tidemark's").isEmpty();
    }

    @Test
    void workerListsEveryPluginTheBundleDeclaresWithItsVersion(LocalStack stack) {
        Set<DeclaredPlugin> declared = stack.bundle().declaredPlugins();
        assertThat(declared).as("plugins declared in META-INF/services of %s", stack.bundle().libDir()).isNotEmpty();
        Set<String> expected = new TreeSet<>();
        declared.forEach(plugin -> expected.add(plugin.className() + " " + TYPE_OF_INTERFACE.get(plugin.pluginInterface())));

        List<ConnectorPlugin> listed = stack.connect().connectorPlugins(false);
        Set<String> listedFromBundle = new TreeSet<>();
        listed.stream()
            .map(plugin -> plugin.className() + " " + plugin.type())
            .filter(expected::contains)
            .forEach(listedFromBundle::add);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(listedFromBundle);
        assertThat(missing)
            .as("declared plugins the worker does not list (they failed to load: see %s)", stack.worker().logFile())
            .isEmpty();

        String projectVersion = BuildInfo.load().projectVersion();
        Set<String> bundleClasses = new TreeSet<>();
        declared.forEach(plugin -> bundleClasses.add(plugin.className()));
        for (ConnectorPlugin plugin : listed) {
            if (!bundleClasses.contains(plugin.className())) {
                continue;
            }
            assertThat(plugin.version()).as("version of %s", plugin.className()).isNotBlank().isNotEqualTo("undefined");
            if (plugin.className().startsWith("io.tidemark.")) {
                assertThat(plugin.version()).as("version of %s", plugin.className()).isEqualTo(projectVersion);
            }
        }
    }
}
