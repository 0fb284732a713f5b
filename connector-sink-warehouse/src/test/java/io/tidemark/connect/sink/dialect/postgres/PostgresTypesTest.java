package io.tidemark.connect.sink.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.sink.table.ColumnType;
import org.junit.jupiter.api.Test;

class PostgresTypesTest {

    @Test
    void bitStringTypesWithADeclaredLengthOfDigitsBecomeThatColumnType() {
        assertThat(PostgresTypes.name(ColumnType.textOf("bit(4)"))).isEqualTo("bit(4)");
        assertThat(PostgresTypes.name(ColumnType.textOf("bit varying(8)"))).isEqualTo("bit varying(8)");
        assertThat(PostgresTypes.name(ColumnType.textOf("bit varying"))).isEqualTo("bit varying");
        assertThat(PostgresTypes.name(ColumnType.textOf("pg_lsn"))).isEqualTo("pg_lsn");
    }

    @Test
    void anyOtherSourceTypeTextIsATextColumnSoItNeverReachesTheDdl() {
        for (String sourceType : new String[] {"bit(4); DROP TABLE t", "bit()", "bit(0)", "bit(-1)", "bit", "BIT(4)",
                "bit(123456789)", "bit varying(8) ", "varbit", "bit(4)\n"}) {
            assertThat(PostgresTypes.name(ColumnType.textOf(sourceType))).as(sourceType).isEqualTo("text");
        }
    }

    @Test
    void anExistingBitColumnReadsBackAsTheTypeItWasCreatedFor() {
        assertThat(PostgresTypes.read("bit", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, 4)).isEqualTo(ColumnType.textOf("bit(4)"));
        assertThat(PostgresTypes.read("bit varying", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, 8))
                .isEqualTo(ColumnType.textOf("bit varying(8)"));
        assertThat(PostgresTypes.read("bit varying", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, ColumnType.UNBOUNDED))
                .isEqualTo(ColumnType.textOf("bit varying"));
        assertThat(PostgresTypes.read("pg_lsn", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, ColumnType.UNBOUNDED))
                .isEqualTo(ColumnType.textOf("pg_lsn"));
    }

    @Test
    void typesTheSourceMarksBecomeThoseColumnTypes() {
        for (String sourceType : new String[] {"point", "inet", "cidr", "macaddr", "macaddr8", "int4range", "int8range",
                "numrange", "tsrange", "tstzrange", "daterange", "xml", "tsvector", "character(3)", "bpchar", "integer[]",
                "double precision[]", "timestamp with time zone[]", "bpchar[]", "jsonb[]"}) {
            assertThat(PostgresTypes.name(ColumnType.textOf(sourceType))).as(sourceType).isEqualTo(sourceType);
        }
        assertThat(PostgresTypes.name(ColumnType.decimal(ColumnType.UNBOUNDED, 2).withSourceType("money"))).isEqualTo("money");
        assertThat(PostgresTypes.name(ColumnType.JSON.withSourceType("json"))).isEqualTo("json");
        assertThat(PostgresTypes.name(ColumnType.JSON)).isEqualTo("jsonb");
        for (String sourceType : new String[] {"character(0)", "character(3) ", "character", "citext", "hstore", "mood[]",
                "integer[][]", "integer []", "[]", "integer[]; DROP TABLE t"}) {
            assertThat(PostgresTypes.name(ColumnType.textOf(sourceType))).as(sourceType).isEqualTo("text");
        }
    }

    @Test
    void existingCharacterMoneyAndJsonColumnsReadBackAsTheTypesTheyWereCreatedFor() {
        assertThat(PostgresTypes.read("character", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, 3))
                .isEqualTo(ColumnType.textOf("character(3)"));
        assertThat(PostgresTypes.read("character", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, ColumnType.UNBOUNDED))
                .isEqualTo(ColumnType.textOf("bpchar"));
        assertThat(PostgresTypes.read("money", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, ColumnType.UNBOUNDED).sourceType())
                .isEqualTo("money");
        assertThat(PostgresTypes.read("json", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, ColumnType.UNBOUNDED))
                .isEqualTo(ColumnType.JSON.withSourceType("json"));
        assertThat(PostgresTypes.read("inet", ColumnType.UNBOUNDED, ColumnType.UNBOUNDED, ColumnType.UNBOUNDED))
                .isEqualTo(ColumnType.textOf("inet"));
    }
}
