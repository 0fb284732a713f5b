package io.tidemark.connect.smt.mask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tidemark.connect.smt.OptionException;

import io.tidemark.connect.smt.field.FieldPath;

/**
 * Every rule's paths merged into one tree of field names, so that a single walk over a schema (or a schemaless
 * record) reaches each field any rule names. Leaves carry the rule that masks them. Immutable once built.
 */
final class PathTree {

    private final Map<String, PathTree> children;
    private final MaskRule rule;
    private final FieldPath path;

    private PathTree(Map<String, PathTree> children, MaskRule rule, FieldPath path) {
        this.children = children;
        this.rule = rule;
        this.path = path;
    }

    /**
     * @param rulesOption the {@code rules} option's full name; a conflict is reported under the fields of the rule
     *                    that comes second
     * @throws OptionException when two rules name the same field, or one path leads into another's field
     */
    static PathTree of(List<MaskRule> rules, String rulesOption) {
        Builder root = new Builder(rulesOption);
        for (MaskRule rule : rules) {
            for (FieldPath path : rule.paths()) {
                root.add(rule, path);
            }
        }
        return root.build();
    }

    boolean isLeaf() {
        return rule != null;
    }

    /** The rule masking this field; only for leaves. */
    MaskRule rule() {
        return rule;
    }

    /** The configured path that ends here; only for leaves. */
    FieldPath path() {
        return path;
    }

    /** The next names along the paths, in configuration order. */
    Map<String, PathTree> children() {
        return children;
    }

    /** "rule 'x' path 'a.b'" for each leaf at or below this node, for messages about paths a record lacks. */
    List<String> describeLeaves() {
        List<String> out = new ArrayList<>();
        if (isLeaf()) {
            out.add("rule '" + rule.name() + "' path '" + path + "'");
        }
        for (PathTree child : children.values()) {
            out.addAll(child.describeLeaves());
        }
        return out;
    }

    private static final class Builder {
        private final Map<String, Builder> children = new LinkedHashMap<>();
        private final String rulesOption;
        private MaskRule rule;
        private FieldPath path;

        Builder(String rulesOption) {
            this.rulesOption = rulesOption;
        }

        private String fieldsOption(MaskRule newRule) {
            return rulesOption + "." + newRule.name() + "." + MaskRuleConfig.FIELDS;
        }

        void add(MaskRule newRule, FieldPath newPath) {
            Builder node = this;
            for (int i = 0; i < newPath.length(); i++) {
                if (node.rule != null) {
                    throw node.conflict(newRule, newPath, fieldsOption(newRule));
                }
                node = node.children.computeIfAbsent(newPath.name(i), name -> new Builder(rulesOption));
            }
            if (node.rule != null) {
                throw new OptionException(fieldsOption(newRule), "field '" + newPath + "' is named by rule '"
                        + node.rule.name() + "' and rule '" + newRule.name() + "'; a field can have one rule (" + fieldsOption(newRule) + ")");
            }
            if (!node.children.isEmpty()) {
                throw new OptionException(fieldsOption(newRule), "rule '" + newRule.name() + "' masks '"
                        + newPath + "' whole while another path goes into it; name only the fields to mask ("
                        + fieldsOption(newRule) + ")");
            }
            node.rule = newRule;
            node.path = newPath;
        }

        private OptionException conflict(MaskRule newRule, FieldPath newPath, String option) {
            return new OptionException(option, option + ": rule '" + newRule.name() + "' path '" + newPath
                    + "' goes into '" + path + "', which rule '" + rule.name() + "' masks whole; name only "
                    + "the fields to mask");
        }

        PathTree build() {
            Map<String, PathTree> built = new LinkedHashMap<>();
            children.forEach((name, child) -> built.put(name, child.build()));
            return new PathTree(Collections.unmodifiableMap(built), rule, path);
        }
    }
}
