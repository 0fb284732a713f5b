package io.tidemark.connect.systemtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.storage.Converter;

/**
 * A converter class loaded from a Connect plugin folder the way a worker isolates plugins: the folder's jars
 * first, Java's, Kafka's and SLF4J's classes from this JVM. The benchmark writes its input with the very
 * converter the workers read it with (Apicurio's AvroConverter, which is no dependency of this module), so the
 * bytes on the topic are what a producer running that converter writes.
 */
final class PluginConverter {

    private static final List<String> SHARED_PREFIXES = List.of("java.", "org.apache.kafka.", "org.slf4j.");

    private PluginConverter() {
    }

    /** An instance of {@code className} from the jars of {@code pluginFolder}, configured for keys or values. */
    static Converter load(Path pluginFolder, String className, Map<String, ?> config, boolean isKey) {
        try {
            ClassLoader loader = new PluginFirst(jars(pluginFolder), PluginConverter.class.getClassLoader());
            Converter converter = (Converter) Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
            withLoaderOf(converter, () -> converter.configure(config, isKey));
            return converter;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not load " + className + " from " + pluginFolder + ": " + e, e);
        }
    }

    /**
     * Runs {@code action} with the plugin's class loader as the thread's context class loader, as a worker calls its
     * plugins: Kafka's {@code ConfigDef} and the plugins themselves look classes up there.
     */
    static void withLoaderOf(Object plugin, Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.getClass().getClassLoader());
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            if (urls.isEmpty()) {
                throw new IllegalStateException("No jars in the plugin folder " + folder);
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the plugin folder " + folder, e);
        }
    }

    /** Child-first, as Connect's plugin class loaders are, but for the classes the plugin shares with the JVM. */
    private static final class PluginFirst extends URLClassLoader {

        PluginFirst(URL[] jars, ClassLoader parent) {
            super(jars, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (SHARED_PREFIXES.stream().anyMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInPlugin) {
                        return super.loadClass(name, resolve);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
