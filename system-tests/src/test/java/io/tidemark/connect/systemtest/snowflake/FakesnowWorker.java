package io.tidemark.connect.systemtest.snowflake;

import io.tidemark.connect.fakesnow.FakesnowServer;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The stack's fakesnow and a Connect worker that can talk to it: a cluster of its own on the stack's
 * broker, with the bundle in its {@code plugin.path} and the stack's worker config like every worker, and
 * one JVM flag more.
 *
 * <p>Why only this worker carries {@value #ARROW_FLAG}: the sink asks Snowflake for JSON results
 * ({@code JDBC_QUERY_RESULT_FORMAT=JSON}), which Snowflake honours, so a user's worker needs no flag.
 * fakesnow answers every statement except DML in Arrow format whatever the session asks, and
 * snowflake-jdbc reads Arrow on Java 17 only with this flag; without it the connection check of
 * {@code validate()} and every flush against fakesnow fail in reading its answer. The other workers of the
 * stack stay flagless, as users start theirs, and the sink module's {@code SnowflakeWithoutJvmFlagsTest}
 * shows what runs without the flag.
 *
 * <p>Where fakesnow is not installed, {@link #start} skips the calling test, saying how to install it
 * (fails instead where {@value FakesnowServer#REQUIRE_VARIABLE}=true, as in CI).
 */
public final class FakesnowWorker implements AutoCloseable {

    public static final String ARROW_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private final FakesnowServer fakesnow;
    private final ConnectWorker worker;

    private FakesnowWorker(FakesnowServer fakesnow, ConnectWorker worker) {
        this.fakesnow = fakesnow;
        this.worker = worker;
    }

    /** Starts fakesnow if it is not running yet, and a worker in a new group named after {@code names}. */
    public static FakesnowWorker start(LocalStack stack, TestNames names) {
        FakesnowServer fakesnow = requireFakesnow(stack);
        ConnectWorker worker = stack.startWorkerInNewGroup(names.prefix() + "-connect", Map.of(), List.of(ARROW_FLAG));
        return new FakesnowWorker(fakesnow, worker);
    }

    /**
     * Like {@link #start}, the worker configured from the Avro worker example instead
     * ({@link LocalStack#startAvroWorkerInNewGroup}: Apicurio's AvroConverter against the stack's schema registry).
     */
    public static FakesnowWorker startAvro(LocalStack stack, TestNames names) {
        FakesnowServer fakesnow = requireFakesnow(stack);
        ConnectWorker worker = stack.startAvroWorkerInNewGroup(names.prefix() + "-connect", Map.of(),
            stack.avroConverterPlugin(), List.of(ARROW_FLAG));
        return new FakesnowWorker(fakesnow, worker);
    }

    private static FakesnowServer requireFakesnow(LocalStack stack) {
        Optional<FakesnowServer> fakesnow = stack.fakesnow();
        Assumptions.assumeTrue(fakesnow.isPresent(), FakesnowServer.NOT_INSTALLED);
        return fakesnow.get();
    }

    public FakesnowServer fakesnow() {
        return fakesnow;
    }

    /** The worker, e.g. for a {@code ShopPipeline} that is to run on its cluster. */
    public ConnectWorker worker() {
        return worker;
    }

    /** The REST API of this worker's cluster. */
    public ConnectRestClient rest() {
        return worker.rest();
    }

    /** Stops the worker; fakesnow runs on, for the stack's other tests. */
    @Override
    public void close() {
        worker.stop();
    }
}
