package io.tidemark.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/** Workers with plugin.discovery=service_load find plugins only through META-INF/services (KIP-898). */
class PluginDiscoveryTest {

    /** Kafka's own transforms are on the test class path too; only ours are under test. */
    private static final String OURS = "io.tidemark.";

    @Test
    void everyTransformIsDeclaredForServiceLoading() {
        assertThat(ServiceLoader.load(Transformation.class).stream().map(p -> p.type().getName())
                .filter(name -> name.startsWith(OURS)).collect(Collectors.toList())).containsExactlyInAnyOrder(
                        "io.tidemark.connect.smt.route.TopicRouter",
                        "io.tidemark.connect.smt.mask.MaskFields$Key",
                        "io.tidemark.connect.smt.mask.MaskFields$Value");
    }

    @Test
    void everyPredicateIsDeclaredForServiceLoading() {
        assertThat(ServiceLoader.load(Predicate.class).stream().map(p -> p.type().getName())
                .filter(name -> name.startsWith(OURS)).collect(Collectors.toList())).containsExactlyInAnyOrder(
                        "io.tidemark.connect.smt.predicate.FieldValueMatches",
                        "io.tidemark.connect.smt.predicate.FieldExists");
    }

    @Test
    void everyPluginReportsTheBuiltVersion() {
        ServiceLoader.load(Transformation.class).stream().filter(p -> p.type().getName().startsWith(OURS))
                .forEach(p -> assertThat(p.get().version()).isEqualTo(PluginVersion.get()));
        ServiceLoader.load(Predicate.class).stream().filter(p -> p.type().getName().startsWith(OURS))
                .forEach(p -> assertThat(p.get().version()).isEqualTo(PluginVersion.get()));
        assertThat(PluginVersion.get()).doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
