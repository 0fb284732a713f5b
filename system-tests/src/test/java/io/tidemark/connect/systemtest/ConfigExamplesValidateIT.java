package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.config.StackEnvironment;
import io.tidemark.connect.systemtest.connect.ConfigValidation;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.demo.ShopSchema;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.snowflake.FakesnowWorker;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every connector example users get in the bundle's etc/ is accepted by a real worker's
 * {@code PUT /connector-plugins/{class}/config/validate} with zero errors, once its environment keys
 * point at the stack's servers, and the database holds the demo shop the examples are written for.
 * A config example the worker rejects is a bug. The Snowflake example is validated against the stack's
 * fakesnow by a worker that can read fakesnow's answers ({@link FakesnowWorker} says why that needs a
 * worker of its own); without fakesnow installed that one is skipped, saying how to install it. An example
 * whose converters are Apicurio's AvroConverter is validated by the stack's Avro worker (its plugin folder
 * installed, the stack's schema registry behind it), or, for Snowflake, by such a worker that can also read
 * fakesnow's answers.
 */
@ExtendWith(LocalStackExtension.class)
class ConfigExamplesValidateIT {

    @TestFactory
    Stream<DynamicTest> everyConnectorExampleValidatesWithoutErrors(LocalStack stack) {
        List<ConnectorConfigExample> examples = stack.configExamples().connectors();
        assertThat(examples)
            .as("connector config examples (config-examples/*.json) in the bundle's %s: none yet, so nothing "
                + "shows that the examples users copy work", stack.configExamples().dir())
            .isNotEmpty();
        ShopSchema.apply(stack.postgres(), PostgresServer.DATABASE);
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.file(), () -> {
            if (StackEnvironment.capturesMariaDb(example)) {
                // The tables the example captures, as a prepared server has them.
                stack.mariadb().execute("CREATE DATABASE IF NOT EXISTS shop",
                    "CREATE TABLE IF NOT EXISTS shop.customers (id INT PRIMARY KEY, name VARCHAR(100))",
                    "CREATE TABLE IF NOT EXISTS shop.orders (id BIGINT PRIMARY KEY, customer_id INT)");
            }
            if (StackEnvironment.connectsToSnowflake(example)) {
                TestNames names = TestNames.of("validate_snowflake");
                try (FakesnowWorker snowflake = StackEnvironment.usesSchemaRegistry(example)
                    ? FakesnowWorker.startAvro(stack, names) : FakesnowWorker.start(stack, names)) {
                    assertValidates(stack, snowflake.rest(), example);
                }
            } else if (StackEnvironment.usesSchemaRegistry(example)) {
                assertValidates(stack, stack.avroWorker().rest(), example);
            } else {
                assertValidates(stack, stack.connect(), example);
            }
        }));
    }

    private static void assertValidates(LocalStack stack, ConnectRestClient worker, ConnectorConfigExample example) {
        ConnectorConfigExample pointed = stack.environment().apply(example);
        ConfigValidation validation = worker.validate(pointed.connectorClass(), pointed.configWithName());
        assertThat(validation.errors())
            .as("%s validated by %s (environment overrides: %s)", example.file(), pointed.connectorClass(),
                stack.environment().overridesFor(example).keySet())
            .isEmpty();
        assertThat(validation.errorCount()).as("%s error_count", example.file()).isZero();
    }
}
