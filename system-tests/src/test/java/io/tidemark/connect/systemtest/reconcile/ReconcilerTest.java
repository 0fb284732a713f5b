package io.tidemark.connect.systemtest.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final List<String> KEY = List.of("id");
    private static final List<String> COLUMNS = List.of("id", "name", "email");

    @Test
    void equalTablesAreClean() {
        TableReport report = compare(rows(row("1", "Ada", "a@x"), row("2", "Alan", "b@x")),
            rows(row("1", "Ada", "a@x"), row("2", "Alan", "b@x")), Map.of());

        assertThat(report.isClean()).isTrue();
        assertThat(report.toString()).isEqualTo("customers: 2 rows in the source, 2 in the warehouse: equal");
    }

    @Test
    void namesMissingExtraAndStaleRowsByKeyAndStaleColumnsByName() {
        TableReport report = compare(
            rows(row("1", "Ada", "a@x"), row("2", "Alan", "b@x"), row("3", "Grace", "c@x")),
            rows(row("1", "Ada", "changed@x"), row("3", "Grace", "c@x"), row("4", "Ken", "d@x")), Map.of());

        assertThat(report.isClean()).isFalse();
        assertThat(report.missing()).containsExactly(RowKey.of("id", 2));
        assertThat(report.extra()).containsExactly(RowKey.of("id", 4));
        assertThat(report.stale()).isEqualTo(Map.of(RowKey.of("id", 1), List.of("email")));
        assertThat(report.toString()).isEqualTo("customers: 3 rows in the source, 3 in the warehouse: "
            + "1 missing [id=2], 1 extra [id=4], 1 stale [id=1: email]");
    }

    @Test
    void masksSourceValuesBeforeComparingAndNeverPrintsValues() {
        ColumnMask hmac = ColumnMask.hmacHex("key", "em_");
        String pseudonym = "em_f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        String email = "The quick brown fox jumps over the lazy dog";

        TableReport masked = compare(rows(row("1", "Ada", email)), rows(row("1", "Ada", pseudonym)), Map.of("email", hmac));
        TableReport leaked = compare(rows(row("1", "Ada", email)), rows(row("1", "Ada", email)), Map.of("email", hmac));

        assertThat(masked.isClean()).as("the HMAC of RFC 4231's well-known example").isTrue();
        assertThat(leaked.stale()).isEqualTo(Map.of(RowKey.of("id", 1), List.of("email")));
        assertThat(leaked.toString()).doesNotContain(email, pseudonym, "Ada");
    }

    @Test
    void nullStaysNullWhateverTheMask() {
        TableReport report = compare(rows(row("1", "Ada", null)), rows(row("1", "Ada", null)),
            Map.of("email", ColumnMask.hmacHex("key", "")));

        assertThat(report.isClean()).isTrue();
    }

    @Test
    void reportsColumnsTheWarehouseLacksOrHasInExcess() {
        TableRows source = new TableRows(KEY, COLUMNS, Map.of(RowKey.of("id", 1), row("1", "Ada", "a@x")), true);
        Map<String, String> warehouseRow = new TreeMap<>(Map.of("id", "1", "name", "Ada", "tier", "gold"));
        TableRows warehouse = new TableRows(KEY, List.of("id", "name", "tier"), Map.of(RowKey.of("id", 1), warehouseRow), true);

        TableReport report = Reconciler.compare("customers", source, warehouse, Map.of());

        assertThat(report.missingColumns()).containsExactly("email");
        assertThat(report.extraColumns()).containsExactly("tier");
        assertThat(report.stale()).isEmpty();
        assertThat(report.isClean()).isFalse();
    }

    @Test
    void aWarehouseTableThatNeverAppearedMissesEveryRow() {
        TableRows absent = new TableRows(KEY, List.of(), Map.of(), false);

        TableReport report = Reconciler.compare("customers", rows(row("1", "Ada", "a@x"), row("2", "Alan", "b@x")), absent,
            Map.of());

        assertThat(report.missing()).containsExactly(RowKey.of("id", 1), RowKey.of("id", 2));
        assertThat(report.missingColumns()).isEmpty();
    }

    @Test
    void partialMasksKeepTheEndsAndMaskShortValuesWhole() {
        assertThat(ColumnMask.partial(3, 2, '*').expected("+33612345678")).isEqualTo("+33*******78");
        assertThat(ColumnMask.partial(0, 4, '*').expected("4111111111111111")).isEqualTo("************1111");
        assertThat(ColumnMask.partial(3, 2, '#').expected("12345")).isEqualTo("#####");
    }

    @Test
    void readsTheMaskingOfTheRoutedMaskedExample() throws IOException {
        Path example = Path.of(System.getProperty("basedir", "."), "..", "config-examples",
            "source-postgres-cdc-routed-masked.json");
        JsonNode config = new ObjectMapper().readTree(example.toFile()).path("config");
        Map<String, String> flat = new HashMap<>();
        config.fields().forEachRemaining(field -> flat.put(field.getKey(), field.getValue().asText()));

        MaskingExpectations masking = MaskingExpectations.fromConnectorConfig(flat, "secret-of-at-least-16-bytes");

        assertThat(masking.forTable("customers")).containsOnlyKeys("email", "phone", "card_number");
        assertThat(masking.forTable("customers").get("phone").expected("+4915112345678")).isEqualTo("+49*********78");
        assertThat(masking.forTable("customers").get("email").expected("a@x")).startsWith("em_").hasSize(67);
        assertThat(masking.forTable("orders")).isEmpty();
    }

    private static TableReport compare(TableRows source, TableRows warehouse, Map<String, ColumnMask> masks) {
        return Reconciler.compare("customers", source, warehouse, masks);
    }

    @SafeVarargs
    private static TableRows rows(Map<String, String>... rows) {
        Map<RowKey, Map<String, String>> byKey = new LinkedHashMap<>();
        Arrays.stream(rows).forEach(row -> byKey.put(RowKey.of(KEY, row), row));
        return new TableRows(KEY, COLUMNS, byKey, true);
    }

    private static Map<String, String> row(String id, String name, String email) {
        Map<String, String> row = new TreeMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", email);
        return row;
    }
}
