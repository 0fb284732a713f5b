package io.tidemark.connect.systemtest.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Confluent Hub zip, unzipped into a worker's {@code plugin.path} exactly as a user installs it
 * ({@code <plugin.path>/<owner>-<name>-<version>/lib, etc, doc, manifest.json}): Connect does not
 * read zips.
 */
public final class Bundle {

    private final Path pluginPath;
    private final Path componentDir;

    private Bundle(Path pluginPath, Path componentDir) {
        this.pluginPath = pluginPath;
        this.componentDir = componentDir;
    }

    /** Unzips {@code zip} into {@code pluginPath}, which must not hold another copy yet. */
    public static Bundle unzip(Path zip, Path pluginPath) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The plugin bundle " + zip + " does not exist: build it first "
                + "(mvn package, or run the system tests with mvn verify from the project root)");
        }
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Files.createDirectories(pluginPath);
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = pluginPath.resolve(entry.getName()).normalize();
                if (!target.startsWith(pluginPath)) {
                    throw new IllegalStateException("Zip entry escapes the plugin path: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unzip " + zip + " into " + pluginPath, e);
        }
        try (Stream<Path> children = Files.list(pluginPath)) {
            List<Path> components = children.filter(Files::isDirectory).toList();
            if (components.size() != 1) {
                throw new IllegalStateException("Expected one component folder in " + pluginPath + ", found " + components);
            }
            return new Bundle(pluginPath, components.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker's {@code plugin.path}. */
    public Path pluginPath() {
        return pluginPath;
    }

    /** {@code <plugin.path>/<owner>-<name>-<version>}. */
    public Path componentDir() {
        return componentDir;
    }

    public Path libDir() {
        return componentDir.resolve("lib");
    }

    /** The config examples as users get them. */
    public Path etcDir() {
        return componentDir.resolve("etc");
    }

    public List<Path> jars() {
        try (Stream<Path> files = Files.list(libDir())) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + libDir(), e);
        }
    }

    /** A plugin class named in the service file of one plugin interface. */
    public record DeclaredPlugin(String className, String pluginInterface) {
    }

    /**
     * Every plugin class declared in the {@code META-INF/services} files of the bundled jars (KIP-898),
     * for the interfaces a worker lists (a class may implement several). With
     * {@code plugin.discovery=service_load} these are exactly the plugins a worker can find in the bundle.
     */
    public Set<DeclaredPlugin> declaredPlugins() {
        Set<DeclaredPlugin> plugins = new TreeSet<>(
            Comparator.comparing(DeclaredPlugin::className).thenComparing(DeclaredPlugin::pluginInterface));
        for (Path jar : jars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (String pluginInterface : ServiceFiles.LISTED_PLUGIN_INTERFACES) {
                    ZipEntry services = file.getEntry(ServiceFiles.path(pluginInterface));
                    if (services != null) {
                        try (InputStream in = file.getInputStream(services)) {
                            for (String className : ServiceFiles.classNames(in)) {
                                plugins.add(new DeclaredPlugin(className, pluginInterface));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + jar, e);
            }
        }
        return plugins;
    }

    @Override
    public String toString() {
        return "bundle " + componentDir;
    }
}
