package io.tidemark.connect.sink.testing;

import io.tidemark.connect.fakesnow.FakesnowServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One fakesnow server for a test class: {@code @RegisterExtension static final FakesnowExtension
 * FAKESNOW = new FakesnowExtension();}. Where fakesnow is not installed the class is skipped with a
 * message saying how to install it, unless {@value FakesnowServer#REQUIRE_VARIABLE}=true (CI), where it fails.
 */
public final class FakesnowExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private FakesnowServer server;
    private boolean missing;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> executable = FakesnowServer.locate();
        if (executable.isEmpty()) {
            // Each test is then reported as skipped, with this reason (Surefire does not count a class skipped as a whole).
            missing = true;
            System.err.println(context.getRequiredTestClass().getSimpleName() + ": " + FakesnowServer.NOT_INSTALLED);
            return;
        }
        Path log = Path.of("target", "fakesnow-logs", context.getRequiredTestClass().getSimpleName() + ".log");
        server = FakesnowServer.start(executable.get(), log);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeFalse(missing, FakesnowServer.NOT_INSTALLED);
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
