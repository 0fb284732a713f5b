package io.tidemark.connect.systemtest.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The secrets file the workers' {@code FileConfigProvider} reads, as users keep passwords out of
 * connector configs: a config value {@code ${file:<path>:<key>}} resolves to the key's value here.
 */
public final class SecretsFile {

    /** The path the config examples reference; the harness points it at this file. */
    public static final String EXAMPLE_PATH = "/etc/tidemark/secrets.properties";

    private final Path path;

    public SecretsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Adds or replaces a secret. The provider rereads the file whenever a config is resolved. */
    public synchronized void put(String key, String value) {
        Properties secrets = new Properties();
        try {
            Files.createDirectories(path.getParent());
            if (Files.exists(path)) {
                try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    secrets.load(in);
                }
            }
            secrets.setProperty(key, value);
            try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                secrets.store(out, "Secrets of the Tidemark test stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + path, e);
        }
    }

    /** The config-provider reference to {@code key}, e.g. {@code ${file:/.../secrets.properties:postgres.password}}. */
    public String reference(String key) {
        return "${file:" + path + ":" + key + "}";
    }
}
