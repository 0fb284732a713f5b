package io.tidemark.connect.sink.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One fakesnow server for a test class: {@code @RegisterExtension static final FakesnowExtension
 * FAKESNOW = new FakesnowExtension();}. Where fakesnow is not installed the class is skipped with a
 * message saying how to install it, unless {@value FakesnowServer#REQUIRE_VARIABLE}=true (CI), where it fails.
 */
public final class FakesnowExtension implements BeforeAllCallback, AfterAllCallback {

    private FakesnowServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> executable = FakesnowServer.executable();
        if (executable.isEmpty()) {
            if (FakesnowServer.required()) {
                throw new AssertionError("fakesnow is required (" + FakesnowServer.REQUIRE_VARIABLE + "=true) but not installed. "
                        + FakesnowServer.HOW_TO_ENABLE);
            }
            Assumptions.abort("fakesnow is not installed, so the Snowflake tests are skipped. " + FakesnowServer.HOW_TO_ENABLE);
        }
        Path logs = Path.of("target", "fakesnow-logs");
        Files.createDirectories(logs);
        server = FakesnowServer.start(executable.get(), logs.resolve(context.getRequiredTestClass().getSimpleName() + ".log"));
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
