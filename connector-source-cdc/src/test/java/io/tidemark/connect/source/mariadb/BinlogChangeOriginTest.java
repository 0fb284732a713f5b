package io.tidemark.connect.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class BinlogChangeOriginTest {

    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA).build();

    private final BinlogChangeOrigin origin = new BinlogChangeOrigin();

    @Test
    void thePositionIsTheFileIndexAboveThePositionInTheFile() {
        assertThat(origin.position(source("mysql-bin.000042", 1234, 3), false)).isEqualTo((42L << 32) | 1234);
        assertThat(origin.schema(source("mysql-bin.000042", 1234, 0))).isEqualTo("shop");
        assertThat(origin.table(source("mysql-bin.000042", 1234, 0))).isEqualTo("orders");
    }

    @Test
    void aLaterFileIsAlwaysAhead() {
        long endOfBigFile = origin.position(source("mysql-bin.000007", 0xFFFF_FFFFL, 0), false);
        long startOfNext = origin.position(source("mysql-bin.000008", 4, 0), false);
        assertThat(startOfNext).isGreaterThan(endOfBigFile);
        assertThat(origin.position(source("mysql-bin.1000000", 4, 0), false))
                .as("past six digits").isGreaterThan(origin.position(source("mysql-bin.999999", 4, 0), false));
    }

    @Test
    void aSnapshotRowIsJustBelowTheBinlogPositionItWasReadAt() {
        long snapshot = origin.position(source("mysql-bin.000003", 900, 0), true);
        assertThat(snapshot).isEqualTo(((3L << 32) | 900) - 1);
        assertThat(origin.position(source("mysql-bin.000003", 900, 0), false)).isGreaterThan(snapshot);
    }

    @Test
    void aFileNameWithoutANumericIndexIsRefused() {
        assertThatThrownBy(() -> origin.position(source("binlog", 4, 0), false)).hasMessageContaining("numeric index");
    }

    @Test
    void theJdbcDriverTranslatesOnlyTheBinlogStatusStatement() {
        assertThat(MariaDbJdbcDriver.forMariaDb("SHOW BINARY LOG STATUS")).isEqualTo("SHOW MASTER STATUS");
        assertThat(MariaDbJdbcDriver.forMariaDb(" show binary log status ")).isEqualTo("SHOW MASTER STATUS");
        assertThat(MariaDbJdbcDriver.forMariaDb("SELECT 'SHOW BINARY LOG STATUS'"))
                .isEqualTo("SELECT 'SHOW BINARY LOG STATUS'");
    }

    private static Struct source(String file, long pos, int row) {
        return new Struct(SOURCE).put("db", "shop").put("table", "orders").put("file", file).put("pos", pos)
                .put("row", row);
    }
}
