package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.stack.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The one addition stock Debezium's MySQL connector 3.6 needs to run against MariaDB 11 at all: a JDBC driver
 * that sends {@code SHOW MASTER STATUS} where Debezium sends MySQL 8.4's {@code SHOW BINARY LOG STATUS} (see
 * {@code MariaDbJdbcDriver} in connector-source-cdc; MariaDbDifferentialTest configures stock Debezium the
 * same way). Its classes, and only those, are copied from our zip's source jar into a jar of their own in the
 * peer's plugin directory, where the peer's class loader finds them next to its own Connector/J; the peer
 * connector is then given {@code database.jdbc.driver} = {@value #DRIVER_CLASS}. Nothing else of ours is on
 * the peer's class path.
 */
final class PeerMariaDbDriver {

    static final String DRIVER_CLASS = "io.tidemark.connect.source.mariadb.MariaDbJdbcDriver";
    static final String PEER_DIRECTORY = "debezium-connector-mysql";
    private static final String CLASS_PREFIX = DRIVER_CLASS.replace('.', '/');
    private static final String JAR_NAME = "tidemark-mariadb-jdbc-driver.jar";

    private PeerMariaDbDriver() {
    }

    /** Writes the driver's jar into {@code peerPlugins}/{@value #PEER_DIRECTORY}; returns its path. */
    static Path install(Path peerPlugins) throws IOException {
        Path peer = peerPlugins.resolve(PEER_DIRECTORY);
        if (!Files.isDirectory(peer)) {
            throw new IllegalStateException("Debezium's MySQL connector is not unpacked in " + peer
                + ": run the benchmarks through the bench profile (mvn -Pbench ... package)");
        }
        Path target = peer.resolve(JAR_NAME);
        Path zip = BuildInfo.load().bundleZip();
        int copied = 0;
        try (ZipFile bundle = new ZipFile(zip.toFile());
             OutputStream file = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(file)) {
            ZipEntry sourceJar = bundle.stream()
                .filter(entry -> entry.getName().matches(".*/lib/tidemark-connector-source-cdc-[^/]*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException(zip + " holds no tidemark-connector-source-cdc jar"));
            try (InputStream in = bundle.getInputStream(sourceJar); JarInputStream jar = new JarInputStream(in)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    String name = entry.getName();
                    if (name.equals(CLASS_PREFIX + ".class") || name.startsWith(CLASS_PREFIX + "$")) {
                        out.putNextEntry(new JarEntry(name));
                        jar.transferTo(out);
                        out.closeEntry();
                        copied++;
                    }
                }
            }
        }
        if (copied == 0) {
            throw new IllegalStateException(zip + " has no " + DRIVER_CLASS);
        }
        return target;
    }
}
