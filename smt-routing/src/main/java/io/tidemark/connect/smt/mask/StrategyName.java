package io.tidemark.connect.smt.mask;

import java.util.List;

/** The strategies a rule can use, with the rule options each one reads beyond the common ones. */
enum StrategyName {
    HMAC(List.of(MaskRuleConfig.ENCODING, MaskRuleConfig.PREFIX)),
    HASH(List.of(MaskRuleConfig.ENCODING, MaskRuleConfig.PREFIX, MaskRuleConfig.SALT)),
    PARTIAL(List.of(MaskRuleConfig.KEEP_FIRST, MaskRuleConfig.KEEP_LAST, MaskRuleConfig.MASK_CHAR)),
    REDACT(List.of(MaskRuleConfig.REPLACEMENT, MaskRuleConfig.NULLIFY)),
    REGEX(List.of(MaskRuleConfig.PATTERN, MaskRuleConfig.REPLACEMENT));

    private final List<String> options;

    StrategyName(List<String> options) {
        this.options = options;
    }

    List<String> options() {
        return options;
    }
}
