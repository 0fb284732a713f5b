package io.tidemark.connect.smt.mask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.tidemark.connect.smt.field.ScalarText;

/**
 * Masks schemaless records (Maps, as JsonConverter with schemas.enable=false gives them). Without a schema there is
 * nothing to plan once, so each record is walked along the rule paths; only the maps and lists on a masked path are
 * copied, the rest is shared with the input, which is never modified.
 */
final class SchemalessMasker {

    private final PathTree paths;
    private final MissingFieldPolicy onMissing;
    private final String transform;

    SchemalessMasker(PathTree paths, MissingFieldPolicy onMissing, String transform) {
        this.paths = paths;
        this.onMissing = onMissing;
        this.transform = transform;
    }

    /** The masked copy of a map, or the map itself when nothing in it is masked. */
    Object mask(Map<?, ?> value) {
        return walk(value, paths);
    }

    private Object walk(Object value, PathTree node) {
        if (node.isLeaf()) {
            return leaf(value, node);
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<Object, Object> copy = null;
            for (Map.Entry<String, PathTree> child : node.children().entrySet()) {
                String name = child.getKey();
                Object entry = map.get(name);
                if (entry == null) {
                    if (!map.containsKey(name)) {
                        missing(child.getValue());
                    }
                    continue;
                }
                Object masked = walk(entry, child.getValue());
                if (masked != entry) {
                    if (copy == null) {
                        copy = new LinkedHashMap<>(map);
                    }
                    copy.put(name, masked);
                }
            }
            return copy == null ? value : copy;
        }
        if (value instanceof List) {
            return eachElement((List<?>) value, node);
        }
        missing(node);
        return value;
    }

    private Object leaf(Object value, PathTree node) {
        MaskRule rule = node.rule();
        if (value instanceof String) {
            return rule.strategy().mask((String) value);
        }
        if (value instanceof List) {
            return eachElement((List<?>) value, node);
        }
        if (value instanceof Map || value instanceof Struct) {
            throw new DataException(transform + ": rule '" + rule.name() + "' path '" + node.path() + "' names a "
                    + "nested record, not a scalar; name the fields inside it that need masking");
        }
        if (rule.nonString() == NonStringHandling.NULLIFY) {
            return null;
        }
        return rule.strategy().mask(ScalarText.of(value));
    }

    private Object eachElement(List<?> list, PathTree node) {
        List<Object> copy = null;
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            Object masked = element == null ? null : walk(element, node);
            if (masked != element && copy == null) {
                copy = new ArrayList<>(list);
            }
            if (copy != null) {
                copy.set(i, masked);
            }
        }
        return copy == null ? list : copy;
    }

    private void missing(PathTree node) {
        if (onMissing == MissingFieldPolicy.FAIL) {
            throw new DataException(transform + ": " + String.join(", ", node.describeLeaves()) + " not in the "
                    + "record (on.missing=fail)");
        }
    }
}
