package io.tidemark.connect.source.values;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.debezium.data.SpecialValueDecimal;
import io.debezium.data.VariableScaleDecimal;

/**
 * Numeric values as Debezium's precise decimal mode encodes them, except that NaN, Infinity and -Infinity,
 * which no Connect decimal can hold, become markers: values of the field's own Java type (so Debezium's
 * record building accepts them) that {@link #specialText(Object)} recognises. The reshaping replaces every
 * marker by null and names the value in the {@code tidemark.special} header; a marker never leaves the task.
 */
public final class NumericSpecialValues {

    private NumericSpecialValues() {
    }

    /** A special value of a numeric(p,s) column; a BigDecimal so Connect's Decimal schema takes it. */
    private static final class SpecialDecimal extends BigDecimal {
        private static final long serialVersionUID = 1L;
        private final String text;

        SpecialDecimal(String text, int scale) {
            super(BigInteger.ZERO, scale);
            this.text = text;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A special value of an unconstrained numeric column, under the field's VariableScaleDecimal schema. */
    private static final class SpecialStruct extends Struct {
        private final String text;

        SpecialStruct(Schema schema, String text) {
            super(schema);
            this.text = text;
            put(VariableScaleDecimal.SCALE_FIELD, 0);
            put(VariableScaleDecimal.VALUE_FIELD, new byte[0]);
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    static Object fixedScale(SpecialValueDecimal value, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal = value.getDecimalValue().orElse(null);
        if (decimal == null) {
            return new SpecialDecimal(postgresText(value), scale);
        }
        // PostgreSQL sends exactly the declared scale; setScale only makes a 1.5 read by a driver 1.50 again.
        return decimal.setScale(scale);
    }

    static Object variableScale(SchemaBuilder schema, SpecialValueDecimal value) {
        if (value == null) {
            return null;
        }
        Schema built = schema.build();
        BigDecimal decimal = value.getDecimalValue().orElse(null);
        if (decimal == null) {
            return new SpecialStruct(built, postgresText(value));
        }
        return VariableScaleDecimal.fromLogical(built, decimal);
    }

    /** PostgreSQL's spelling of a special value (Debezium's toString says NAN, POSITIVE_INFINITY, ...). */
    private static String postgresText(SpecialValueDecimal special) {
        if (special.equals(SpecialValueDecimal.POSITIVE_INF)) {
            return "Infinity";
        }
        if (special.equals(SpecialValueDecimal.NEGATIVE_INF)) {
            return "-Infinity";
        }
        return "NaN";
    }

    /** "NaN", "Infinity" or "-Infinity" for a marker, null for any other value. */
    public static String specialText(Object value) {
        if (value instanceof SpecialDecimal special) {
            return special.text;
        }
        if (value instanceof SpecialStruct special) {
            return special.text;
        }
        return null;
    }
}
