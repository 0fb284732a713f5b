package io.tidemark.connect.smt.mask;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * What masking does to every record of one input schema, decided once: nothing, a compiled {@link ValueMask}, or a
 * failure (a rule that cannot apply to this schema, or a missing path under {@code on.missing=fail}). A failure is
 * remembered too, so a schema that cannot be masked is not re-examined for each of its records.
 */
final class MaskPlan {

    private final ValueMask mask;
    private final String failure;

    private MaskPlan(ValueMask mask, String failure) {
        this.mask = mask;
        this.failure = failure;
    }

    static MaskPlan unchanged() {
        return new MaskPlan(null, null);
    }

    static MaskPlan masking(ValueMask mask) {
        return new MaskPlan(mask, null);
    }

    /** @param failure the message of every record's DataException; it names rules, paths and schemas, never values */
    static MaskPlan failing(String failure) {
        return new MaskPlan(null, failure);
    }

    /** True when records of this schema pass as they are (no rule's path is in the schema). */
    boolean changesNothing() {
        return mask == null && failure == null;
    }

    Schema schema() {
        return mask.schema();
    }

    Object apply(Object value) {
        if (failure != null) {
            throw new DataException(failure);
        }
        return mask.apply(value);
    }
}
