package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.connect.ConnectorPlugin;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.StackOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local stack (PostgreSQL 17, a KRaft broker, one Connect worker with our zip in its plugin.path) with the
 * peers' plugin directories in the plugin.path as well, each as its own plugin as their documentation
 * installs them.
 */
final class BenchStack {

    static final String DEBEZIUM_JDBC_SINK = "io.debezium.connector.jdbc.JdbcSinkConnector";
    static final String DEBEZIUM_POSTGRES = "io.debezium.connector.postgresql.PostgresConnector";
    static final String DEBEZIUM_MYSQL = "io.debezium.connector.mysql.MySqlConnector";

    private BenchStack() {
    }

    /** Starts the stack; {@code workerOverrides} are worker properties on top of the stack's (environment only). */
    static LocalStack start(BenchContext context, Map<String, String> workerOverrides) {
        if (!Files.isDirectory(context.peerPlugins())) {
            throw new IllegalStateException("The peers' plugins are not unpacked in " + context.peerPlugins()
                + ": run the benchmarks through the bench profile (mvn -Pbench ... package)");
        }
        context.log().println("Starting the local stack (PostgreSQL, broker, worker; plugin.path: our zip, "
            + context.peerPlugins() + ")...");
        LocalStack stack = LocalStack.start(StackOptions.defaults().withWorkerOverrides(workerOverrides)
            .withExtraPluginPath(List.of(context.peerPlugins())));
        context.log().print(stack.report());
        return stack;
    }

    /** The version the worker reports for a plugin class; fails naming what it offers when absent. */
    static String pluginVersion(LocalStack stack, String className) {
        List<ConnectorPlugin> plugins = stack.connect().connectorPlugins(true);
        return plugins.stream().filter(plugin -> plugin.className().equals(className)).map(ConnectorPlugin::version)
            .findFirst().orElseThrow(() -> new IllegalStateException("The worker does not offer " + className + "; it offers "
                + plugins.stream().map(ConnectorPlugin::className).collect(Collectors.toCollection(java.util.TreeSet::new))));
    }
}
