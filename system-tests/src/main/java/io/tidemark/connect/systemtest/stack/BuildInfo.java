package io.tidemark.connect.systemtest.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the Maven build tells the harness: project version, where the zip is, where stacks live, and what
 * system-tests/schema-registry built (the registry's runner jar, the Avro converter's plugin folder).
 */
public record BuildInfo(String projectVersion, Path bundleZip, String bundleComponent, Path stackDir,
                        Path registryRunner, Path avroConverterPlugin) {

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/tidemark-system-tests.properties")) {
            if (in == null) {
                throw new IllegalStateException("tidemark-system-tests.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
            properties.getProperty("project.version"),
            Path.of(properties.getProperty("bundle.zip")).toAbsolutePath().normalize(),
            properties.getProperty("bundle.component"),
            Path.of(properties.getProperty("stack.dir")).toAbsolutePath().normalize(),
            Path.of(properties.getProperty("registry.runner")).toAbsolutePath().normalize(),
            Path.of(properties.getProperty("avro.converter.plugin")).toAbsolutePath().normalize());
    }
}
