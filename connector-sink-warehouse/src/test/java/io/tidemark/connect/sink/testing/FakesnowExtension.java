package io.tidemark.connect.sink.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One fakesnow server for a test class: {@code @RegisterExtension static final FakesnowExtension
 * FAKESNOW = new FakesnowExtension();}. Where fakesnow is not installed the class is skipped with a
 * message saying how to install it, unless {@value FakesnowServer#REQUIRE_VARIABLE}=true (CI), where it fails.
 */
public final class FakesnowExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final String MISSING = "fakesnow is not installed, so the Snowflake tests are skipped. " + FakesnowServer.HOW_TO_ENABLE;

    private FakesnowServer server;
    private boolean missing;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> executable = FakesnowServer.executable();
        if (executable.isEmpty()) {
            if (FakesnowServer.required()) {
                throw new AssertionError("fakesnow is required (" + FakesnowServer.REQUIRE_VARIABLE + "=true) but not installed. "
                        + FakesnowServer.HOW_TO_ENABLE);
            }
            // Each test is then reported as skipped, with this reason (Surefire does not count a class skipped as a whole).
            missing = true;
            System.err.println(context.getRequiredTestClass().getSimpleName() + ": " + MISSING);
            return;
        }
        Path logs = Path.of("target", "fakesnow-logs");
        Files.createDirectories(logs);
        server = FakesnowServer.start(executable.get(), logs.resolve(context.getRequiredTestClass().getSimpleName() + ".log"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeFalse(missing, MISSING);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public FakesnowServer server() {
        return server;
    }
}
