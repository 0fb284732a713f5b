package io.tidemark.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker with {@code plugin.discovery=service_load} finds only the plugins declared in
 * {@code META-INF/services} (KIP-898). In our jars, every declared class must exist and implement its
 * interface, and every public concrete plugin class must be declared. Classes are loaded from the
 * zip's lib/ against the Connect API the worker provides, as the worker would.
 */
class PluginServiceFilesIT {

    private static final Map<Class<?>, String> PLUGIN_INTERFACES = Map.of(
        SourceConnector.class, "source connector",
        SinkConnector.class, "sink connector",
        Transformation.class, "transformation",
        Predicate.class, "predicate",
        Converter.class, "converter",
        HeaderConverter.class, "header converter");

    /** Where Tidemark's plugin classes live; the worker must list no other plugin from our folder. */
    private static final String TIDEMARK_PACKAGE = "io.tidemark.connect.";

    private static List<Path> ourJars;
    private static List<Path> allJars;
    private static URLClassLoader bundleLoader;

    @BeforeAll
    static void unpackLib() throws IOException {
        Path zip = Path.of(System.getProperty("tidemark.zip"));
        String lib = System.getProperty("tidemark.component") + "/lib/";
        Path dir = Path.of(System.getProperty("tidemark.zip.check.dir")).resolve("lib");
        Files.createDirectories(dir);
        List<URL> urls = new ArrayList<>();
        List<Path> ours = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().filter(e -> e.getName().startsWith(lib) && e.getName().endsWith(".jar")).toList()) {
                Path jar = dir.resolve(entry.getName().substring(lib.length()));
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                }
                urls.add(jar.toUri().toURL());
                all.add(jar);
                if (jar.getFileName().toString().startsWith("tidemark-")) {
                    ours.add(jar);
                }
            }
        }
        assertThat(ours).as("our plugin jars in lib/").hasSize(3);
        ourJars = ours;
        allJars = List.copyOf(all);
        bundleLoader = new URLClassLoader(urls.toArray(URL[]::new), PluginServiceFilesIT.class.getClassLoader());
    }

    @Test
    void everyDeclaredClassExistsAndImplementsItsInterface() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path jar : ourJars) {
            for (Class<?> pluginInterface : PLUGIN_INTERFACES.keySet()) {
                for (String className : declared(jar, pluginInterface)) {
                    String where = jar.getFileName() + " META-INF/services/" + pluginInterface.getName() + ": " + className;
                    Class<?> plugin = load(className, problems, where);
                    if (plugin == null) {
                        continue;
                    }
                    if (!pluginInterface.isAssignableFrom(plugin)) {
                        problems.add(where + " does not implement " + pluginInterface.getName());
                    } else if (!isInstantiablePlugin(plugin)) {
                        problems.add(where + " is not a public concrete class with a public no-argument constructor");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPublicConcretePluginClassIsDeclared() throws IOException {
        List<String> undeclared = new ArrayList<>();
        for (Path jar : ourJars) {
            for (String className : classNames(jar)) {
                Class<?> candidate = load(className, undeclared, jar.getFileName() + ": " + className);
                if (candidate == null || !isInstantiablePlugin(candidate)) {
                    continue;
                }
                for (Class<?> pluginInterface : PLUGIN_INTERFACES.keySet()) {
                    if (pluginInterface.isAssignableFrom(candidate) && !declared(jar, pluginInterface).contains(className)) {
                        undeclared.add(className + " is a " + PLUGIN_INTERFACES.get(pluginInterface) + " missing from "
                            + jar.getFileName() + " META-INF/services/" + pluginInterface.getName());
                    }
                }
            }
        }
        assertThat(undeclared).isEmpty();
    }

    /**
     * Bundled libraries carry service files of their own (Debezium's connector, transformations and
     * converters). A worker would list those as plugins of our bundle, so packaging strips them; the
     * classes stay in lib/ for our source to use.
     */
    @Test
    void noJarInLibDeclaresAPluginThatIsNotTidemarks() throws IOException {
        List<String> foreign = new ArrayList<>();
        for (Path jar : allJars) {
            for (Class<?> pluginInterface : PLUGIN_INTERFACES.keySet()) {
                for (String className : declared(jar, pluginInterface)) {
                    if (!className.startsWith(TIDEMARK_PACKAGE)) {
                        foreign.add(jar.getFileName() + " META-INF/services/" + pluginInterface.getName() + ": " + className);
                    }
                }
            }
        }
        assertThat(foreign).as("plugins declared in lib/ that are not Tidemark's").isEmpty();
    }

    private static boolean isInstantiablePlugin(Class<?> type) {
        int modifiers = type.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || type.isInterface()
            || (type.isMemberClass() && !Modifier.isStatic(modifiers))) {
            return false;
        }
        try {
            return Modifier.isPublic(type.getDeclaredConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Class<?> load(String className, List<String> problems, String where) {
        try {
            return Class.forName(className, false, bundleLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(where + " cannot be loaded from lib/: " + e);
            return null;
        }
    }

    private static Set<String> declared(Path jar, Class<?> pluginInterface) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry services = file.getEntry("META-INF/services/" + pluginInterface.getName());
            if (services == null) {
                return names;
            }
            try (InputStream in = file.getInputStream(services)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.replaceAll("#.*", "").trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static List<String> classNames(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName)
                .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class")
                    && !name.endsWith("package-info.class"))
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .sorted().toList();
        }
    }
}
