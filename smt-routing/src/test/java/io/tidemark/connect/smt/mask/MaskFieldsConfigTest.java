package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskStrategiesTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.Props;

class MaskFieldsConfigTest {

    @Test
    void needsAtLeastOneRule() {
        assertRefused("list at least one rule", "rules", "");
        assertRefused("Missing required configuration \"transforms.<alias>.rules\"");
    }

    @Test
    void aRuleNeedsFieldsAndAKnownStrategy() {
        assertRefused("rules.a.fields", "rules", "a", "rules.a.strategy", "redact");
        assertRefused("rules.a.strategy", "rules", "a", "rules.a.fields", "email");
        assertRefused("rules.a.strategy: must be one of hmac, hash, partial, redact, regex", "rules", "a",
                "rules.a.fields", "email", "rules.a.strategy", "scramble");
    }

    @Test
    void refusesAnInvalidPatternOrReplacement() {
        assertRefused("not a valid regular expression", "rules", "a", "rules.a.fields", "note",
                "rules.a.strategy", "regex", "rules.a.pattern", "(\\d+");
        assertRefused("needs a pattern", "rules", "a", "rules.a.fields", "note", "rules.a.strategy", "regex");
        assertRefused("refers to group 2 but the pattern has 1", "rules", "a", "rules.a.fields", "note",
                "rules.a.strategy", "regex", "rules.a.pattern", "(\\d+)", "rules.a.replacement", "$2");
        assertRefused("does not name", "rules", "a", "rules.a.fields", "note",
                "rules.a.strategy", "regex", "rules.a.pattern", "(\\d+)", "rules.a.replacement", "${n}");
        assertRefused("literal dollar", "rules", "a", "rules.a.fields", "note",
                "rules.a.strategy", "regex", "rules.a.pattern", "(\\d+)", "rules.a.replacement", "USD$");
    }

    @Test
    void hmacNeedsASecretLongEnoughToResistGuessing() {
        assertRefused("set transforms.<alias>.hmac.secret", "rules", "a", "rules.a.fields", "email", "rules.a.strategy", "hmac");
        assertRefused("too short", "rules", "a", "rules.a.fields", "email", "rules.a.strategy", "hmac",
                "hmac.secret", "hunter2");
    }

    @Test
    void neverShowsTheSecretOrSaltInMessages() {
        String shortSecret = "hunter2-secret";
        ConfigException e = refused("rules", "a", "rules.a.fields", "email", "rules.a.strategy", "hmac",
                "hmac.secret", shortSecret);
        assertThat(e.getMessage()).doesNotContain(shortSecret);
        ConfigException salted = refused("rules", "a", "rules.a.fields", "email", "rules.a.strategy", "hash",
                "rules.a.salt", "pepper-salt", "rules.a.keep.last", "2");
        assertThat(salted.getMessage()).doesNotContain("pepper-salt");
    }

    @Test
    void refusesOptionsOfAnotherStrategyAndMisspeltOptions() {
        assertRefused("rules.a.keep.last does not apply to strategy hmac; it applies to partial", "rules", "a",
                "rules.a.fields", "email", "rules.a.strategy", "hmac", "hmac.secret", SECRET, "rules.a.keep.last", "4");
        assertRefused("rules.a.feilds is not a rule option", "rules", "a", "rules.a.fields", "email",
                "rules.a.strategy", "redact", "rules.a.feilds", "phone");
        assertRefused("set either transforms.<alias>.rules.a.replacement or transforms.<alias>.rules.a.nullify=true", "rules", "a", "rules.a.fields", "x",
                "rules.a.strategy", "redact", "rules.a.nullify", "true", "rules.a.replacement", "-");
    }

    @Test
    void refusesOptionsOfARuleThatIsNotListed() {
        assertRefused("rules.phone.fields configures rule 'phone', which is not listed", "rules", "email",
                "rules.email.fields", "email", "rules.email.strategy", "redact", "rules.phone.fields", "phone");
    }

    @Test
    void aFieldCanBelongToOneRuleOnly() {
        assertRefused("field 'after.email' is named by rule 'a' and rule 'b'", "rules", "a,b",
                "rules.a.fields", "after.email", "rules.a.strategy", "redact",
                "rules.b.fields", "after.email", "rules.b.strategy", "partial");
        assertRefused("goes into 'after'", "rules", "a,b", "rules.a.fields", "after", "rules.a.strategy", "redact",
                "rules.b.fields", "after.email", "rules.b.strategy", "partial");
        assertRefused("masks 'after' whole", "rules", "a,b", "rules.a.fields", "after.email",
                "rules.a.strategy", "redact", "rules.b.fields", "after", "rules.b.strategy", "partial");
    }

    @Test
    void refusesBadRuleNamesPathsAndMaskCharacters() {
        assertRefused("may only use letters", "rules", "e.mail", "rules.e.mail.fields", "x");
        assertRefused("listed twice", "rules", "a,a");
        assertRefused("empty field name", "rules", "a", "rules.a.fields", "after..email", "rules.a.strategy",
                "redact");
        assertRefused("exactly one character", "rules", "a", "rules.a.fields", "card", "rules.a.strategy",
                "partial", "rules.a.mask.char", "**");
        assertRefused("Value must be at least 0", "rules", "a", "rules.a.fields", "card", "rules.a.strategy",
                "partial", "rules.a.keep.last", "-1");
    }

    @Test
    void connectValidationReportsTopLevelMistakesAndHidesTheSecret() {
        Map<String, ConfigValue> values = MaskFields.CONFIG_DEF.validate(Props.of("rules", "", "on.missing", "skip",
                "hmac.secret", SECRET)).stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertThat(values.get("rules").errorMessages()).singleElement().asString().contains("at least one rule");
        assertThat(values.get("on.missing").errorMessages()).isNotEmpty();
        assertThat(String.valueOf(values.get("hmac.secret").value())).doesNotContain(SECRET);
    }

    private static void assertRefused(String message, String... props) {
        assertThat(refused(props)).hasMessageContaining(message);
    }

    private static ConfigException refused(String... props) {
        MaskFields<SourceRecord> mask = new MaskFields.Value<>();
        Map<String, String> config = Props.of(props);
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> mask.configure(config));
        assertThat(refused).as("configure() refuses %s", config.keySet()).isNotNull();
        return refused;
    }
}
