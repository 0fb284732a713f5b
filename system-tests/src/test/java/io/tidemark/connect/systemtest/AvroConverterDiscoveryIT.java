package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.connect.systemtest.connect.ConnectorPlugin;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a worker with {@code plugin.discovery=service_load} (the worker examples' setting) finds Apicurio's
 * AvroConverter: its jars declare no plugin in META-INF/services, so a plugin folder of those jars alone is
 * invisible to the worker, which then refuses to start with the converter in its config; the same folder with
 * one more jar holding {@code META-INF/services/org.apache.kafka.connect.storage.Converter} (what
 * system-tests/schema-registry builds, and what the README tells users to add) is found.
 */
@ExtendWith(LocalStackExtension.class)
class AvroConverterDiscoveryIT {

    private static final String AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";
    private static final String SERVICE_FILE = "META-INF/services/org.apache.kafka.connect.storage.Converter";

    @Test
    void theConverterFolderWithItsServiceManifestIsFoundByAServiceLoadWorker(LocalStack stack) throws Exception {
        List<ConnectorPlugin> plugins = stack.avroWorker().rest().connectorPlugins(false);
        assertThat(plugins).as("plugins of the Avro worker (plugin.discovery=service_load)")
            .anyMatch(plugin -> plugin.className().equals(AVRO_CONVERTER) && plugin.type().equals("converter"));
        assertThat(Files.readString(stack.avroWorker().logFile(), StandardCharsets.UTF_8))
            .as("the Avro worker's log").doesNotContain("ClassNotFoundException");
    }

    @Test
    void withoutTheManifestAServiceLoadWorkerDoesNotFindTheConverterAndRefusesToStart(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("avro_no_manifest");
        Path folder = stack.dir().resolve(names.prefix()).resolve("apicurio-avro-converter");
        Files.createDirectories(folder);
        try (Stream<Path> jars = Files.list(stack.avroConverterPlugin())) {
            for (Path jar : jars.toList()) {
                if (!declaresTheConverter(jar)) {
                    Files.copy(jar, folder.resolve(jar.getFileName()));
                }
            }
        }
        try (Stream<Path> copied = Files.list(folder)) {
            assertThat(copied.count()).as("the converter's own jars, copied").isGreaterThan(5);
        }

        String worker = "worker-" + (stack.workers().size() + 1);
        assertThatThrownBy(() -> stack.startAvroWorkerInNewGroup(names.connector("connect"), Map.of(), folder))
            .as("a worker whose converter only a class scan would find").isInstanceOf(AssertionError.class);
        Path log = stack.dir().resolve(worker).resolve(worker + ".log");
        assertThat(log).exists();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("the refused worker's log %s", log)
            .contains("Invalid value " + AVRO_CONVERTER + " for configuration key.converter: Class " + AVRO_CONVERTER
                + " could not be found");
    }

    private static boolean declaresTheConverter(Path jar) throws Exception {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry(SERVICE_FILE) != null;
        }
    }
}
