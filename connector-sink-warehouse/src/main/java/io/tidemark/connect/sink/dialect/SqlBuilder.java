package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.TableId;

import java.util.function.BiConsumer;

/**
 * Builds SQL text from constant fragments and quoted names. It has no way to add a value: data always
 * travels as bind parameters or through the bulk-load path.
 */
public final class SqlBuilder {

    private final Identifiers identifiers;
    private final StringBuilder text = new StringBuilder(256);

    public SqlBuilder(Identifiers identifiers) {
        this.identifiers = identifiers;
    }

    /** Appends constant SQL written in our code (keywords, operators, punctuation). */
    public SqlBuilder sql(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Appends a quoted column name. */
    public SqlBuilder name(String name) {
        text.append(identifiers.quote(name));
        return this;
    }

    /** Appends alias."name", e.g. s."id". */
    public SqlBuilder qualified(String alias, String name) {
        text.append(alias).append('.').append(identifiers.quote(name));
        return this;
    }

    /**
     * Appends a string literal of {@code before}, the quoted name, then {@code after}: a column name as text, for
     * the unknown-columns list the MERGE maintains. The name is one the statement holds as an identifier anyway;
     * {@code before} and {@code after} are constant punctuation written in our code. Values never go this way.
     */
    public SqlBuilder nameAsText(String before, String name, String after) {
        text.append(identifiers.textLiteral(before + identifiers.quote(name) + after));
        return this;
    }

    /** Appends a quoted (schema.)table name. */
    public SqlBuilder table(TableId table) {
        text.append(identifiers.quote(table));
        return this;
    }

    /** Appends each item with {@code separator} between them. */
    public <T> SqlBuilder each(Iterable<T> items, String separator, BiConsumer<SqlBuilder, T> item) {
        boolean first = true;
        for (T each : items) {
            if (!first) {
                text.append(separator);
            }
            first = false;
            item.accept(this, each);
        }
        return this;
    }

    /** Appends quoted names separated by ", ". */
    public SqlBuilder names(Iterable<String> names) {
        return each(names, ", ", SqlBuilder::name);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
