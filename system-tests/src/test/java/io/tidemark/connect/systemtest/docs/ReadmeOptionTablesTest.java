package io.tidemark.connect.systemtest.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import io.tidemark.connect.systemtest.stack.ServiceFiles;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/**
 * README.md's option tables are generated from the ConfigDef of every io.tidemark plugin class declared
 * in our jars' META-INF/services files. This test fails when a table is stale, when a plugin has no
 * marker pair in the README, or when a marker names no plugin. Regenerate with:
 * {@code mvn -pl system-tests -am test -Dreadme.update=true}.
 */
class ReadmeOptionTablesTest {

    private static final String UPDATE_COMMAND = "mvn -pl system-tests -am test -Dreadme.update=true";

    @Test
    void readmeOptionTablesMatchThePluginConfigDefs() throws Exception {
        Path readmeFile = Path.of(System.getProperty("tidemark.readme"));
        String readme = Files.readString(readmeFile, StandardCharsets.UTF_8);
        Map<String, String> current = ReadmeSections.read(readme);

        Map<String, String> generated = new TreeMap<>();
        for (String className : ourPluginClasses()) {
            String table = OptionTable.markdown(configDef(className));
            generated.put(className, table.isEmpty() ? "This plugin has no options.\n\n" : table);
        }

        Set<String> withoutMarker = new TreeSet<>(generated.keySet());
        withoutMarker.removeAll(current.keySet());
        assertThat(withoutMarker)
            .as("plugins without a generated option table in README.md: add, in the plugin's README section, "
                + "the two lines <!-- generated:options:<class> --> and <!-- /generated -->, then run " + UPDATE_COMMAND)
            .isEmpty();
        Set<String> unknown = new TreeSet<>(current.keySet());
        unknown.removeAll(generated.keySet());
        assertThat(unknown).as("README.md markers naming no plugin class declared in our META-INF/services").isEmpty();

        Set<String> stale = new TreeSet<>();
        generated.forEach((className, table) -> {
            if (!table.equals(current.get(className))) {
                stale.add(className);
            }
        });
        if (Boolean.getBoolean("readme.update") && !stale.isEmpty()) {
            Files.writeString(readmeFile, ReadmeSections.replace(readme, generated), StandardCharsets.UTF_8);
            System.out.println("README.md: regenerated the option tables of " + stale);
            return;
        }
        assertThat(stale).as("README.md option tables older than the ConfigDefs: run " + UPDATE_COMMAND).isEmpty();
    }

    /** io.tidemark classes named in the service files on the test classpath (our three module jars). */
    private static Set<String> ourPluginClasses() throws IOException {
        Set<String> classes = new TreeSet<>();
        ClassLoader loader = ReadmeOptionTablesTest.class.getClassLoader();
        for (String pluginInterface : ServiceFiles.LISTED_PLUGIN_INTERFACES) {
            Enumeration<URL> files = loader.getResources(ServiceFiles.path(pluginInterface));
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    ServiceFiles.classNames(in).stream().filter(name -> name.startsWith("io.tidemark.")).forEach(classes::add);
                }
            }
        }
        return classes;
    }

    private static ConfigDef configDef(String className) throws ReflectiveOperationException {
        Object plugin = Class.forName(className).getDeclaredConstructor().newInstance();
        if (plugin instanceof Connector connector) {
            return connector.config();
        } else if (plugin instanceof Transformation<?> transformation) {
            return transformation.config();
        } else if (plugin instanceof Predicate<?> predicate) {
            return predicate.config();
        } else if (plugin instanceof Converter converter) {
            return converter.config();
        } else if (plugin instanceof HeaderConverter converter) {
            return converter.config();
        }
        throw new IllegalStateException(className + " is declared as a plugin but is none of the known plugin types");
    }
}
