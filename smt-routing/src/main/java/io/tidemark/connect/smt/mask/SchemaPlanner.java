package io.tidemark.connect.smt.mask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the rules against one input schema into a {@link MaskPlan}: the output schema (the input schema itself
 * when no field changes type) and the {@link ValueMask} that builds masked copies. All checks that depend only on the
 * schema happen here, once per schema: missing paths, required fields a rule would null, paths ending at a Struct.
 */
final class SchemaPlanner {

    private static final Logger log = LoggerFactory.getLogger(SchemaPlanner.class);

    private final PathTree paths;
    private final MissingFieldPolicy onMissing;
    private final String transform;
    private final String part;

    /**
     * @param transform the transform's name for messages ({@code MaskFields$Value})
     * @param part "key" or "value"
     */
    SchemaPlanner(PathTree paths, MissingFieldPolicy onMissing, String transform, String part) {
        this.paths = paths;
        this.onMissing = onMissing;
        this.transform = transform;
        this.part = part;
    }

    MaskPlan plan(Schema schema) {
        String described = part + " schema " + describe(schema);
        if (schema.type() != Schema.Type.STRUCT) {
            return MaskPlan.failing(transform + " masks fields of Struct or Map records; the " + described
                    + " is of type " + schema.type());
        }
        Walk walk = new Walk();
        ValueMask mask = walk.mask(schema, paths);
        if (!walk.errors.isEmpty()) {
            return MaskPlan.failing(transform + " cannot mask records with " + described + ": "
                    + String.join("; ", walk.errors));
        }
        if (!walk.missing.isEmpty()) {
            String missing = String.join(", ", walk.missing);
            if (onMissing == MissingFieldPolicy.FAIL) {
                return MaskPlan.failing(transform + ": " + missing + " not in the " + described
                        + " (on.missing=fail)");
            }
            log.warn("{}: {} not in the {}; records of this schema have nothing to mask there (on.missing=ignore)",
                    transform, missing, described);
        }
        return mask == null ? MaskPlan.unchanged() : MaskPlan.masking(mask);
    }

    private static String describe(Schema schema) {
        return schema.name() == null ? "(unnamed)" : "'" + schema.name() + "'";
    }

    /** One walk of the path tree over a schema, collecting what it cannot mask. */
    private static final class Walk {
        final List<String> missing = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        /** The mask of a value of this schema for the paths below {@code node}, or null when there is none. */
        ValueMask mask(Schema schema, PathTree node) {
            if (node.isLeaf()) {
                return leaf(schema, node);
            }
            switch (schema.type()) {
                case STRUCT:
                    return struct(schema, node);
                case ARRAY:
                    // Arrays are transparent: the remaining path applies to every element.
                    ValueMask element = mask(schema.valueSchema(), node);
                    return element == null ? null : array(schema, element);
                case MAP:
                    return mapEntries(schema, node);
                default:
                    missing.addAll(node.describeLeaves());
                    return null;
            }
        }

        private ValueMask struct(Schema schema, PathTree node) {
            ValueMask[] masks = new ValueMask[schema.fields().size()];
            boolean masked = false;
            boolean retyped = false;
            for (Map.Entry<String, PathTree> child : node.children().entrySet()) {
                Field field = schema.field(child.getKey());
                if (field == null) {
                    missing.addAll(child.getValue().describeLeaves());
                    continue;
                }
                ValueMask mask = mask(field.schema(), child.getValue());
                if (mask != null) {
                    masks[field.index()] = mask;
                    masked = true;
                    retyped |= mask.schema() != field.schema();
                }
            }
            if (!masked) {
                return null;
            }
            return new ValueMask.StructMask(schema, retyped ? rebuiltStruct(schema, masks) : schema, masks);
        }

        private ValueMask mapEntries(Schema schema, PathTree node) {
            if (schema.keySchema().type() != Schema.Type.STRING) {
                errors.add(String.join(", ", node.describeLeaves()) + " go(es) into a map whose keys are not strings");
                return null;
            }
            Map<String, ValueMask> entries = new LinkedHashMap<>();
            for (Map.Entry<String, PathTree> child : node.children().entrySet()) {
                ValueMask mask = mask(schema.valueSchema(), child.getValue());
                if (mask == null) {
                    continue;
                }
                if (mask.schema() != schema.valueSchema()) {
                    // One entry cannot change type alone: a map has a single value schema.
                    errors.add(String.join(", ", child.getValue().describeLeaves()) + " would change the schema of "
                            + "every value of its map; mask string values there, or use non.string=nullify");
                    continue;
                }
                entries.put(child.getKey(), mask);
            }
            return entries.isEmpty() ? null : new ValueMask.MapEntriesMask(schema, entries);
        }

        private ValueMask leaf(Schema schema, PathTree node) {
            MaskRule rule = node.rule();
            String where = "rule '" + rule.name() + "' path '" + node.path() + "'";
            switch (schema.type()) {
                case STRING:
                    if (rule.strategy().yieldsNull() && !schema.isOptional()) {
                        errors.add(where + " names a required field, and the rule sets it to null");
                        return null;
                    }
                    return new ValueMask.StringMask(withoutDefault(schema), rule.strategy());
                case ARRAY:
                    ValueMask element = leaf(schema.valueSchema(), node);
                    return element == null ? null : array(schema, element);
                case STRUCT:
                case MAP:
                    errors.add(where + " names a " + schema.type() + "; name the fields inside it that need masking");
                    return null;
                default:
                    return nonString(schema, rule, where);
            }
        }

        private ValueMask nonString(Schema schema, MaskRule rule, String where) {
            boolean toNull = rule.nonString() == NonStringHandling.NULLIFY || rule.strategy().yieldsNull();
            if (toNull) {
                if (!schema.isOptional()) {
                    errors.add(where + " names a required " + schema.type() + " field, and the rule sets it to null "
                            + "(use non.string=convert, or a strategy that does not null)");
                    return null;
                }
                return new ValueMask.NullMask(schema);
            }
            // The text form of a decimal or timestamp is a plain string: the logical type's name and parameters
            // would describe it wrongly, so only optionality and doc carry over.
            SchemaBuilder text = SchemaBuilder.string();
            if (schema.isOptional()) {
                text.optional();
            }
            if (schema.doc() != null) {
                text.doc(schema.doc());
            }
            return new ValueMask.ConvertingMask(text.build(), rule.strategy());
        }

        private static ValueMask array(Schema schema, ValueMask element) {
            Schema output = element.schema() == schema.valueSchema() ? schema
                    : copyBasics(schema, SchemaBuilder.array(element.schema())).build();
            return new ValueMask.ArrayMask(output, element);
        }

        /** A masked field's schema must not carry its original default: it is data, and it would be unmasked. */
        private static Schema withoutDefault(Schema schema) {
            return schema.defaultValue() == null ? schema : copyBasics(schema, SchemaBuilder.string()).build();
        }

        private static Schema rebuiltStruct(Schema schema, ValueMask[] masks) {
            SchemaBuilder builder = copyBasics(schema, SchemaBuilder.struct());
            for (Field field : schema.fields()) {
                ValueMask mask = masks[field.index()];
                builder.field(field.name(), mask == null ? field.schema() : mask.schema());
            }
            return builder.build();
        }

        /** Name, version, doc, parameters and optionality; not the default, which would no longer fit. */
        private static SchemaBuilder copyBasics(Schema source, SchemaBuilder builder) {
            builder.name(source.name()).version(source.version()).doc(source.doc());
            if (source.parameters() != null) {
                builder.parameters(source.parameters());
            }
            return source.isOptional() ? builder.optional() : builder;
        }
    }
}
