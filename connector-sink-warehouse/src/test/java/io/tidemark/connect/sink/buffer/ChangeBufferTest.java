package io.tidemark.connect.sink.buffer;

import io.tidemark.connect.sink.convert.ConversionRules;
import io.tidemark.connect.sink.convert.PrimaryKeyMode;
import io.tidemark.connect.sink.convert.RecordConverter;
import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.TableNaming;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import io.tidemark.connect.sink.testing.ChangeEvents;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeBufferTest {

    private static final TableId CUSTOMERS = new TableId(null, "customers");

    private final RecordConverter converter = new RecordConverter(
            new ConversionRules(PrimaryKeyMode.RECORD_KEY, List.of(), null, WriteMode.MERGE, DeleteMode.SOFT, IdentifierCase.AS_IS,
                    MetadataColumns.spelled(IdentifierCase.AS_IS)),
            new TableNaming(TableNaming.TOPIC_LAST, null, IdentifierCase.AS_IS, new Identifiers("test", 63)), new Identifiers("test", 63));
    private final ChangeEvents events = new ChangeEvents();
    private final ChangeBuffer buffer = new ChangeBuffer(true);

    private void add(SinkRecord... records) {
        for (SinkRecord record : records) {
            buffer.add(converter.convert(record), 0);
        }
    }

    private RowChange only() {
        List<RowChange> changes = buffer.changes(CUSTOMERS);
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    @Test
    void keepsOnlyTheNewestVersionOfEachKey() {
        add(events.insert(1, "v10", 10), events.insert(2, "other", 11), events.change("u", 1, "v30", null, 1, 30),
                events.change("u", 1, "v20", null, 1, 20));

        assertThat(buffer.changes(CUSTOMERS)).extracting(change -> change.values()[1]).containsExactly("v30", "other");
        assertThat(buffer.records()).isEqualTo(4);
    }

    @Test
    void onEqualVersionsTheLaterOffsetWins() {
        add(events.change("u", 1, "first", null, 1, 10), events.change("u", 1, "second", null, 1, 10));

        assertThat(only().values()[1]).isEqualTo("second");
        assertThat(only().origin().offset()).isEqualTo(1);
    }

    @Test
    void anOlderChangeArrivingLaterGivesTheNewerOneTheValueItLeftUnchangedMarkedWithTheOlderVersion() {
        add(events.updateWithoutEmail(1, "newer", 100), events.change("r", 1, "older", "ada@example.com", 1, 50));

        RowChange combined = only();
        assertThat(combined.values()).containsExactly(1L, "newer", "ada@example.com", 1);
        assertThat(combined.version()).isEqualTo(100L);
        assertThat(combined.unchanged().isEmpty()).isTrue();
        assertThat(combined.versionOf(2)).as("email, from the older change").isEqualTo(50L);
        assertThat(combined.versionOf(1)).as("name, the newer change's own").isEqualTo(100L);
    }

    @Test
    void aDeleteAfterAnInsertInOneBatchWins() {
        add(events.insert(1, "Ada", 10), events.delete(1, 11));

        assertThat(only().deleted()).isTrue();
        assertThat(only().version()).isEqualTo(11L);
    }

    @Test
    void aDeleteCarriesTheLastKnownValuesForASoftDeletedRow() {
        add(events.insert(1, "Ada", 10), events.delete(1, 11));

        assertThat(only().values()).containsExactly(1L, "Ada", "ada@example.com", 1);
        assertThat(only().unchanged().isEmpty()).isTrue();
    }

    @Test
    void anInsertAfterADeleteWinsAndTakesNothingFromBeforeTheDelete() {
        add(events.insert(1, "Ada", 10), events.delete(1, 11), events.updateWithoutEmail(1, "Ada again", 12));

        assertThat(only().deleted()).isFalse();
        assertThat(only().values()[1]).isEqualTo("Ada again");
        assertThat(only().unchanged().get(2)).as("email is still not known").isTrue();
    }

    @Test
    void aTombstoneTakesTheVersionOfTheDeleteBeforeIt() {
        add(events.delete(1, 11), events.tombstone(1));

        assertThat(only().deleted()).isTrue();
        assertThat(only().version()).isEqualTo(11L);
    }

    @Test
    void anUnchangedColumnTakesTheValueOfTheChangeItReplaces() {
        add(events.change("u", 1, "Ada", "ada@first.example", 1, 10), events.updateWithoutEmail(1, "Ada L.", 11));

        assertThat(only().values()).containsExactly(1L, "Ada L.", "ada@first.example", 1);
        assertThat(only().unchanged().isEmpty()).isTrue();
    }

    @Test
    void olderChangesArrivingLaterAreDropped() {
        add(events.change("u", 1, "new", null, 1, 50), events.delete(1, 40), events.insert(1, "old", 30));

        assertThat(only().values()[1]).isEqualTo("new");
        assertThat(only().deleted()).isFalse();
    }

    @Test
    void appendModeKeepsEveryChangeInArrivalOrder() {
        ChangeBuffer append = new ChangeBuffer(false);
        append.add(converter.convert(events.insert(1, "a", 10)), 0);
        append.add(converter.convert(events.change("u", 1, "b", null, 1, 9)), 0);

        assertThat(append.changes(CUSTOMERS)).extracting(change -> change.values()[1]).containsExactly("a", "b");
    }

    @Test
    void releasesTheMemoryOfSupersededChangesAndCountsAllRecords() {
        add(events.insert(1, "Ada", 10));
        long one = buffer.bytes();
        add(events.change("u", 1, "Ada", "ada@example.com", 1, 11));

        assertThat(buffer.bytes()).isEqualTo(one);
        assertThat(buffer.records()).isEqualTo(2);
        buffer.remove(CUSTOMERS);
        assertThat(buffer.bytes()).isZero();
        assertThat(buffer.records()).isZero();
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void flushesOnCountBytesAndAge() {
        add(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11));

        assertThat(new FlushPolicy(2, Long.MAX_VALUE, Long.MAX_VALUE).reason(buffer, 0)).isEqualTo("buffer.count.records");
        assertThat(new FlushPolicy(100, buffer.bytes(), Long.MAX_VALUE).reason(buffer, 0)).isEqualTo("buffer.size.bytes");
        assertThat(new FlushPolicy(100, Long.MAX_VALUE, 1000).reason(buffer, 999)).isNull();
        assertThat(new FlushPolicy(100, Long.MAX_VALUE, 1000).reason(buffer, 1000)).isEqualTo("buffer.flush.time.ms");
        assertThat(new FlushPolicy(1, 1, 0).reason(new ChangeBuffer(true), 0)).as("an empty buffer never flushes").isNull();
    }
}
