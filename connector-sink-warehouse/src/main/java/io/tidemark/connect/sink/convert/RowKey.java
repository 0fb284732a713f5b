package io.tidemark.connect.sink.convert;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The key values of a row, compared by value (byte arrays by content). */
public final class RowKey {

    private final Object[] values;
    private final int hash;

    public RowKey(Object[] values) {
        this.values = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            this.values[i] = comparable(values[i]);
        }
        this.hash = Arrays.hashCode(this.values);
    }

    /**
     * The same key must be equal whatever schema version carried it (INT32 yesterday, INT64 today), or
     * one batch could hold two rows for one key, which MERGE refuses.
     */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKey key && hash == key.hash && Arrays.equals(values, key.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
