package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConfigValidation;
import io.tidemark.connect.systemtest.connect.ConnectRestException;
import io.tidemark.connect.systemtest.demo.ShopSchema;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Masking mistakes that Connect's own validation of a transformation cannot see (the rule options have
 * the user's names; the secret's length needs its resolved value) are refused by a real worker's
 * {@code config/validate} and {@code POST /connectors}, under the full option name, without the secret.
 */
@ExtendWith(LocalStackExtension.class)
class TransformValidationIT {

    private static final String EXAMPLE = "source-postgres-cdc-routed-masked.json";
    private static final String SHORT_SECRET_KEY = "mask.hmac.secret.short";
    private static final String SHORT_SECRET = "only-15-bytes!!";

    @Test
    void anUnknownStrategyAndAShortHmacSecretAreRefusedUnderTheirFullOptionNames(LocalStack stack) {
        ShopSchema.apply(stack.postgres(), PostgresServer.DATABASE);
        stack.secrets().put(SHORT_SECRET_KEY, SHORT_SECRET);
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(EXAMPLE));
        TestNames names = TestNames.of("validate_mask");
        // The two mistakes, on top of the example pointed at the stack (not overrides a user's pairing needs).
        Map<String, String> config = new LinkedHashMap<>(example.withName(names.connector("source")).configWithName());
        config.put("transforms.maskPii.rules.phone.strategy", "bogus");
        config.put("transforms.maskPii.hmac.secret", stack.secrets().reference(SHORT_SECRET_KEY));

        ConfigValidation validation = stack.connect().validate(example.connectorClass(), config);
        Map<String, List<String>> errors = validation.errors();
        assertThat(errors).as("config/validate errors").containsOnlyKeys("transforms.maskPii.rules.phone.strategy",
            "transforms.maskPii.hmac.secret");
        assertThat(errors.get("transforms.maskPii.rules.phone.strategy")).singleElement().asString()
            .contains("transforms.maskPii.rules.phone.strategy").contains("must be one of hmac, hash, partial, redact, regex");
        assertThat(errors.get("transforms.maskPii.hmac.secret")).singleElement().asString()
            .contains("transforms.maskPii.hmac.secret is too short").doesNotContain(SHORT_SECRET);
        assertThat(validation.errorCount()).isEqualTo(2);

        ConnectRestException refused = catchThrowableOfType(ConnectRestException.class,
            () -> stack.connect().createConnector(names.connector("source"), config));
        assertThat(refused).as("POST /connectors").isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("contains the following 2 error(s)")
            .contains("transforms.maskPii.rules.phone.strategy").contains("transforms.maskPii.hmac.secret")
            .doesNotContain(SHORT_SECRET);
        assertThat(stack.connect().connectors()).doesNotContain(names.connector("source"));
    }
}
