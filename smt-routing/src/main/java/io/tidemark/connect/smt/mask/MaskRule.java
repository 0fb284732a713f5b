package io.tidemark.connect.smt.mask;

import java.util.List;

import io.tidemark.connect.smt.field.FieldPath;

/**
 * One named rule: which fields it masks and how.
 *
 * @param name the rule's name in the {@code rules} list, used in messages
 * @param paths the fields the rule masks
 * @param strategy how each value is masked
 * @param nonString what happens to fields that are not strings
 */
record MaskRule(String name, List<FieldPath> paths, MaskStrategy strategy, NonStringHandling nonString) {
}
