package io.tidemark.connect.smt;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Config options whose values are the constants of an enum, written in lower case ({@code on.missing=fail}) and
 * read case-insensitively, so the ConfigDef's validator and the typed config agree on one list of names.
 */
public final class EnumOption {

    private EnumOption() {
    }

    /** Accepts the constants' names in any case; the message lists them in lower case and declaration order. */
    public static <E extends Enum<E>> ConfigDef.Validator validator(Class<E> type) {
        List<String> names = Arrays.asList(names(type));
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !names.contains(((String) value).trim().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", names));
            }
        }, () -> String.join(", ", names));
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    public static <E extends Enum<E>> String name(E value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> String[] names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumOption::name).toArray(String[]::new);
    }
}
