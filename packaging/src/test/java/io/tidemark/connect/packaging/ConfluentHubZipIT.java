package io.tidemark.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Confluent Hub zip as built by {@code mvn package}: layout, manifest.json, nothing in lib/ that
 * the worker provides, every plugin class declared for service loading, licences in doc/, and a size
 * that Confluent Cloud accepts for custom connectors.
 */
class ConfluentHubZipIT {

    private static final long MAX_ZIP_BYTES = 200L * 1024 * 1024;
    /** Jars the worker provides: a plugin-private copy clashes with the worker's or is dead weight. */
    private static final Pattern FORBIDDEN_JAR = Pattern.compile(
        "(kafka-clients|kafka_2[.]\\d+|connect-api|connect-runtime|connect-transforms|connect-json|slf4j-[a-z0-9-]+"
            + "|log4j(-[a-z0-9.-]+)?|logback-[a-z]+|reload4j|jackson-[a-z0-9-]+)-\\d.*[.]jar");
    /** The same, by content, for fat jars that embed them without relocating. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
        "org/apache/kafka/", "org/slf4j/", "com/fasterxml/jackson/", "org/apache/logging/log4j/", "org/apache/log4j/",
        "ch/qos/logback/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path zip;
    private static String component;
    private static String version;

    @BeforeAll
    static void locateZip() {
        zip = Path.of(System.getProperty("tidemark.zip"));
        component = System.getProperty("tidemark.component");
        version = System.getProperty("tidemark.version");
        assertThat(zip).as("the zip built by mvn package").isRegularFile();
    }

    @Test
    void zipStaysUnder200Megabytes() throws IOException {
        long size = Files.size(zip);
        System.out.printf("Confluent Hub zip %s: %.1f MB%n", zip.getFileName(), size / 1024.0 / 1024.0);
        assertThat(size).as("zip size in bytes (Confluent Cloud's limit for custom connectors is 200 MB)")
            .isLessThan(MAX_ZIP_BYTES);
    }

    @Test
    void everyEntryLivesUnderTheComponentFolder() throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            archive.stream().map(ZipEntry::getName)
                .forEach(name -> assertThat(name).as("zip entry").startsWith(component + "/"));
            for (String required : List.of("manifest.json", "lib/", "etc/connect-distributed.properties",
                    "doc/README.md", "doc/LICENSE", "doc/THIRD-PARTY.txt", "doc/licenses/")) {
                assertThat(archive.getEntry(component + "/" + required)).as("%s/%s", component, required).isNotNull();
            }
        }
    }

    @Test
    void manifestHasTheFieldsConfluentHubReads() throws IOException {
        JsonNode manifest = JSON.readTree(ZipContent.read(zip, component + "/manifest.json"));
        assertThat(manifest.path("name").asText()).isEqualTo(System.getProperty("tidemark.hub.name"));
        assertThat(manifest.path("version").asText()).isEqualTo(version);
        assertThat(component).isEqualTo(manifest.path("owner").path("username").asText() + "-"
            + manifest.path("name").asText() + "-" + version);
        assertThat(manifest.path("owner").path("username").asText()).isEqualTo(System.getProperty("tidemark.hub.owner"));
        assertThat(manifest.path("owner").path("name").asText()).isNotBlank();
        assertThat(manifest.path("owner").path("type").asText()).isIn("user", "organization");
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).hasSizeGreaterThan(40);
        assertThat(texts(manifest.path("component_types"))).isNotEmpty()
            .isSubsetOf("source", "sink", "transform", "converter");
        assertThat(manifest.path("license").isArray() && manifest.path("license").size() > 0).as("license[]").isTrue();
        for (JsonNode license : manifest.path("license")) {
            assertThat(license.path("name").asText()).as("license name").isNotBlank();
            assertThat(license.path("url").asText()).as("license url").startsWith("https://");
        }
        assertThat(manifest.path("support").path("summary").asText()).isNotBlank();
        assertThat(manifest.path("support").path("url").asText()).startsWith("https://");
        assertThat(manifest.path("documentation_url").asText()).startsWith("https://");
        assertThat(manifest.path("features").path("kafka_connect_api").asBoolean()).isTrue();
        assertThat(manifest.path("features").path("single_message_transforms").asBoolean()).isTrue();
        assertThat(texts(manifest.path("requirements"))).isNotEmpty();
        assertThat(manifest.path("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void libHoldsOurJarsAndNothingTheWorkerProvides() throws IOException {
        List<String> jars = ZipContent.libJars(zip, component);
        assertThat(jars).contains(
            "tidemark-connector-source-cdc-" + version + ".jar",
            "tidemark-connector-sink-warehouse-" + version + ".jar",
            "tidemark-smt-routing-" + version + ".jar");
        assertThat(jars).as("jars in lib/ the worker already provides")
            .filteredOn(jar -> FORBIDDEN_JAR.matcher(jar).matches()).isEmpty();
        List<String> embedded = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (String jar : jars) {
                try (InputStream in = archive.getInputStream(archive.getEntry(component + "/lib/" + jar));
                     ZipInputStream entries = new ZipInputStream(in)) {
                    for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                        String name = entry.getName();
                        if (name.endsWith(".class") && FORBIDDEN_PACKAGES.stream().anyMatch(name::startsWith)) {
                            embedded.add(jar + "!" + name);
                            break;
                        }
                    }
                }
            }
        }
        assertThat(embedded).as("jars embedding classes the worker provides (first class found)").isEmpty();
    }

    @Test
    void docListsAndCarriesTheLicencesOfBundledJarsOnly() throws IOException {
        List<String> jars = ZipContent.libJars(zip, component);
        String thirdParty = ZipContent.read(zip, component + "/doc/THIRD-PARTY.txt");
        assertThat(thirdParty).contains("debezium-connector-postgres", "debezium-connector-mysql", "mysql-connector-j",
                "postgresql", "snowflake-jdbc", "duckdb_jdbc")
            .doesNotContain("com.fasterxml.jackson", "org.slf4j", "org.apache.kafka", "org.apache.logging.log4j");
        Set<String> noticeFolders = ZipContent.folders(zip, component + "/doc/licenses/");
        assertThat(noticeFolders).as("doc/licenses/ (one folder per bundled jar with licence files)").isNotEmpty();
        for (String folder : noticeFolders) {
            // unpack-dependencies names each folder <artifactId>-<version>[-<classifier>]-jar
            String jar = folder.replaceAll("-jar$", ".jar");
            assertThat(jars).as("notices folder %s belongs to a jar in lib/", folder).contains(jar);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Small readers over the zip. */
    static final class ZipContent {
        private ZipContent() {
        }

        static String read(Path zip, String entryName) throws IOException {
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                ZipEntry entry = archive.getEntry(entryName);
                assertThat(entry).as(entryName).isNotNull();
                try (InputStream in = archive.getInputStream(entry)) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }

        static List<String> libJars(Path zip, String component) throws IOException {
            String lib = component + "/lib/";
            try (ZipFile archive = new ZipFile(zip.toFile()); Stream<? extends ZipEntry> entries = archive.stream()) {
                return entries.map(ZipEntry::getName)
                    .filter(name -> name.startsWith(lib) && name.endsWith(".jar"))
                    .map(name -> name.substring(lib.length()))
                    .sorted().toList();
            }
        }

        /** Direct sub-folders of {@code prefix}. */
        static Set<String> folders(Path zip, String prefix) throws IOException {
            Set<String> folders = new TreeSet<>();
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                archive.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith(prefix) && name.length() > prefix.length())
                    .map(name -> name.substring(prefix.length()))
                    .filter(rest -> rest.contains("/"))
                    .forEach(rest -> folders.add(rest.substring(0, rest.indexOf('/'))));
            }
            return folders;
        }
    }
}
