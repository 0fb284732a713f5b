package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.atLeast;
import static io.tidemark.connect.source.testing.Records.header;
import static io.tidemark.connect.source.testing.Records.onTopic;
import static io.tidemark.connect.source.testing.Records.op;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * An UPDATE that leaves large (TOAST, stored out of line) values untouched: with REPLICA IDENTITY
 * DEFAULT PostgreSQL does not send them, and the sink must keep what it has; with FULL it sends them.
 */
class UnchangedToastTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Random hex does not compress well, so 12 800 characters end up out of line. */
    private static final String LARGE_TEXT = "(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 400))";
    private static final String COLUMNS = "(id INT PRIMARY KEY, title TEXT, body TEXT, payload BYTEA, doc JSONB, "
            + "tags TEXT[], readings INT[])";
    private static final String ROW = "(1, 'draft', " + LARGE_TEXT + ", decode(" + LARGE_TEXT + ", 'hex'), "
            + "jsonb_build_object('text', " + LARGE_TEXT + "), ARRAY[" + LARGE_TEXT + "], "
            + "(SELECT array_agg((random() * 1000000000)::int) FROM generate_series(1, 3000)))";
    private static final List<String> LARGE_COLUMNS = List.of("body", "payload", "doc", "tags", "readings");

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void replicaIdentityDefaultGivesNullAndNamesTheColumnsTheDatabaseDidNotSend() throws Exception {
        server.execute("CREATE TABLE public.docs " + COLUMNS, "INSERT INTO public.docs VALUES " + ROW);
        assertOutOfLine("docs");

        SourceRecord update = updateTitle("docs", "toast_default");

        Struct value = value(update);
        assertThat(value.getString("title")).isEqualTo("final");
        for (String column : LARGE_COLUMNS) {
            assertThat(value.get(column)).as(column).isNull();
        }
        assertThat(header(update, "tidemark.unchanged")).isEqualTo(LARGE_COLUMNS);
        assertThat(update.headers().lastWithName("tidemark.unchanged").schema().valueSchema().type())
                .isEqualTo(org.apache.kafka.connect.data.Schema.Type.STRING);
    }

    @Test
    void replicaIdentityFullCarriesTheUnchangedValues() throws Exception {
        server.execute("CREATE TABLE public.docs_full " + COLUMNS, "ALTER TABLE public.docs_full REPLICA IDENTITY FULL",
                "INSERT INTO public.docs_full VALUES " + ROW);
        assertOutOfLine("docs_full");
        String body = (String) server.query("SELECT body FROM public.docs_full").get(0).get("body");

        SourceRecord update = updateTitle("docs_full", "toast_full");

        Struct value = value(update);
        assertThat(value.getString("title")).isEqualTo("final");
        assertThat(value.getString("body")).isEqualTo(body);
        assertThat(value.getBytes("payload")).hasSize(6400);
        assertThat(value.getString("readings")).startsWith("{").endsWith("}");
        assertThat(value.getString("readings").split(",")).hasSize(3000);
        assertThat(update.headers().lastWithName("tidemark.unchanged")).isNull();
    }

    @Test
    void aPrimaryKeyChangeUnderReplicaIdentityDefaultGivesTheNewRowNullNotThePlaceholder() throws Exception {
        server.execute("CREATE TABLE public.docs_rekey " + COLUMNS, "INSERT INTO public.docs_rekey VALUES " + ROW);
        assertOutOfLine("docs_rekey");

        SourceRecord create = changeKey("docs_rekey", "toast_rekey");

        Struct value = value(create);
        for (String column : LARGE_COLUMNS) {
            assertThat(value.get(column)).as(column).isNull();
        }
        assertThat(value.getString("title")).isEqualTo("draft");
        assertThat(header(create, "tidemark.unchanged")).isEqualTo(LARGE_COLUMNS);
    }

    @Test
    void aPrimaryKeyChangeUnderReplicaIdentityFullCarriesTheValues() throws Exception {
        server.execute("CREATE TABLE public.docs_rekey_full " + COLUMNS,
                "ALTER TABLE public.docs_rekey_full REPLICA IDENTITY FULL", "INSERT INTO public.docs_rekey_full VALUES " + ROW);
        assertOutOfLine("docs_rekey_full");
        String body = (String) server.query("SELECT body FROM public.docs_rekey_full").get(0).get("body");

        SourceRecord create = changeKey("docs_rekey_full", "toast_rekey_full");

        assertThat(value(create).getString("body")).isEqualTo(body);
        assertThat(create.headers().lastWithName("tidemark.unchanged")).isNull();
    }

    /** Snapshot the row, change its key from 1 to 2, and return the create of key 2. */
    private static SourceRecord changeKey(String table, String scenario) throws Exception {
        return afterSnapshot(table, scenario, "SET id = 2", "r", "d", "tombstone", "c");
    }

    /** Snapshot the row, update only the title, and return the update record. */
    private static SourceRecord updateTitle(String table, String scenario) throws Exception {
        return afterSnapshot(table, scenario, "SET title = 'final'", "r", "u");
    }

    /** Snapshot the row, run {@code UPDATE <table> <set> WHERE id = 1}, check the records' ops, return the last. */
    private static SourceRecord afterSnapshot(String table, String scenario, String set, String... ops) throws Exception {
        Map<String, String> config = SourceConfigs.capturing(server, scenario, "public\\." + table);
        String topic = scenario + ".public." + table;
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(atLeast(1, topic), TIMEOUT, "the snapshot");
            server.execute("UPDATE public." + table + " " + set + " WHERE id = 1");
            List<SourceRecord> records = onTopic(runner.pollUntil(atLeast(ops.length, topic), TIMEOUT, set), topic);
            assertThat(records).extracting(record -> op(record)).containsExactly(ops);
            assertThat(value(records.get(0)).getString("body")).hasSize(12_800);
            return records.get(ops.length - 1);
        }
    }

    /** The test means nothing unless PostgreSQL really stored the values out of line. */
    private static void assertOutOfLine(String table) {
        String toastTable = (String) server.query("SELECT reltoastrelid::regclass::text AS t FROM pg_class "
                + "WHERE oid = 'public." + table + "'::regclass").get(0).get("t");
        Number chunks = (Number) server.query("SELECT count(DISTINCT chunk_id) AS n FROM " + toastTable).get(0).get("n");
        assertThat(chunks.intValue()).as("values stored out of line").isEqualTo(LARGE_COLUMNS.size());
    }
}
