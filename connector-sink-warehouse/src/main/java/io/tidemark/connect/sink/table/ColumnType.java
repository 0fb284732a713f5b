package io.tidemark.connect.sink.table;

import java.util.Objects;

/**
 * The warehouse-neutral type of a column, derived from a record's Connect schema. Dialects map it to
 * their own type names; comparing two of them decides whether an existing column can take new data.
 *
 * @param kind       the kind of value
 * @param precision  total digits of a DECIMAL, or {@link #UNBOUNDED}
 * @param scale      digits after the point of a DECIMAL, or {@link #UNBOUNDED} (variable scale)
 * @param sourceType the PostgreSQL type the value came from where a PostgreSQL warehouse should store it as
 *                   that type: for a STRING holding a type's text form (box, interval, character(3), ...), a
 *                   DECIMAL from money, a JSON from json (not jsonb); null otherwise
 */
public record ColumnType(Kind kind, int precision, int scale, String sourceType) {

    public static final int UNBOUNDED = -1;

    /** What a column holds. */
    public enum Kind {
        BOOLEAN, INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, DECIMAL, STRING, BYTES,
        DATE, TIME, TIMESTAMP, TIMESTAMPTZ, JSON, UUID,
        /** A schemaless record's field: the existing table column decides the type. */
        SCHEMALESS
    }

    public static final ColumnType BOOLEAN = of(Kind.BOOLEAN);
    public static final ColumnType INT8 = of(Kind.INT8);
    public static final ColumnType INT16 = of(Kind.INT16);
    public static final ColumnType INT32 = of(Kind.INT32);
    public static final ColumnType INT64 = of(Kind.INT64);
    public static final ColumnType FLOAT32 = of(Kind.FLOAT32);
    public static final ColumnType FLOAT64 = of(Kind.FLOAT64);
    public static final ColumnType STRING = of(Kind.STRING);
    public static final ColumnType BYTES = of(Kind.BYTES);
    public static final ColumnType DATE = of(Kind.DATE);
    public static final ColumnType TIME = of(Kind.TIME);
    public static final ColumnType TIMESTAMP = of(Kind.TIMESTAMP);
    public static final ColumnType TIMESTAMPTZ = of(Kind.TIMESTAMPTZ);
    public static final ColumnType JSON = of(Kind.JSON);
    public static final ColumnType UUID = of(Kind.UUID);
    public static final ColumnType SCHEMALESS = of(Kind.SCHEMALESS);

    public ColumnType {
        Objects.requireNonNull(kind, "kind");
    }

    public ColumnType(Kind kind, int precision, int scale) {
        this(kind, precision, scale, null);
    }

    /** Text holding a value of the named source type (PostgreSQL's text form of it). */
    public static ColumnType textOf(String sourceType) {
        return new ColumnType(Kind.STRING, UNBOUNDED, UNBOUNDED, sourceType);
    }

    private static ColumnType of(Kind kind) {
        return new ColumnType(kind, UNBOUNDED, UNBOUNDED);
    }

    /** A DECIMAL; either bound may be {@link #UNBOUNDED}. */
    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** This type, stored by a PostgreSQL warehouse as the named source type (money, json). */
    public ColumnType withSourceType(String type) {
        return new ColumnType(kind, precision, scale, type);
    }

    /**
     * Whether a column of this (existing) type can store every value of {@code incoming} without
     * loss: the same kind, or a widening (INT32 into INT64, FLOAT32 into FLOAT64, an integer into a
     * DECIMAL wide enough, any text-like value into STRING). Anything else is an incompatible change.
     */
    public boolean canStore(ColumnType incoming) {
        if (incoming.kind == Kind.SCHEMALESS) {
            return true;
        }
        if (kind == incoming.kind) {
            return kind != Kind.DECIMAL || decimalFits(incoming);
        }
        int mine = integerRank(kind);
        int theirs = integerRank(incoming.kind);
        if (mine > 0 && theirs > 0) {
            return mine >= theirs;
        }
        if (kind == Kind.DECIMAL && theirs > 0) {
            return precision == UNBOUNDED || precision - Math.max(scale, 0) >= integerDigits(incoming.kind);
        }
        if (kind == Kind.FLOAT64) {
            return incoming.kind == Kind.FLOAT32 || theirs > 0 && theirs <= integerRank(Kind.INT32);
        }
        return kind == Kind.STRING && (incoming.kind == Kind.JSON || incoming.kind == Kind.UUID);
    }

    private boolean decimalFits(ColumnType incoming) {
        if (precision == UNBOUNDED) {
            return true;
        }
        if (incoming.precision == UNBOUNDED || incoming.scale == UNBOUNDED) {
            return false;
        }
        return scale >= incoming.scale && precision - scale >= incoming.precision - incoming.scale;
    }

    private static int integerRank(Kind kind) {
        switch (kind) {
            case INT8:
                return 1;
            case INT16:
                return 2;
            case INT32:
                return 3;
            case INT64:
                return 4;
            default:
                return 0;
        }
    }

    private static int integerDigits(Kind kind) {
        switch (kind) {
            case INT8:
                return 3;
            case INT16:
                return 5;
            case INT32:
                return 10;
            default:
                return 19;
        }
    }

    /** A readable form for messages: DECIMAL(10,2), INT64, ... */
    @Override
    public String toString() {
        if (sourceType != null) {
            return kind.name() + "(" + sourceType + ")";
        }
        if (kind != Kind.DECIMAL) {
            return kind.name();
        }
        if (precision == UNBOUNDED) {
            return scale == UNBOUNDED ? "DECIMAL" : "DECIMAL(*," + scale + ")";
        }
        return "DECIMAL(" + precision + "," + scale + ")";
    }
}
