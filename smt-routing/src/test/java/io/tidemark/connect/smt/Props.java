package io.tidemark.connect.smt;

import java.util.HashMap;
import java.util.Map;

/** Connector-style properties for tests, written as alternating keys and values. */
public final class Props {

    private Props() {
    }

    public static Map<String, String> of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }
}
