package io.tidemark.connect.systemtest.junit;

import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.StackOptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives system tests the one {@link LocalStack} of this test JVM: started lazily by the first test that
 * asks for it, shared by every test class, closed when JUnit finishes (and by a shutdown hook if the
 * JVM ends otherwise). Tests isolate themselves with {@link io.tidemark.connect.systemtest.stack.TestNames}.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class OrdersIT {
 *     @Test
 *     void replicatesInserts(LocalStack stack) { ... }
 * }
 * }</pre>
 *
 * If the stack fails to start, every test that needs it fails with that same error, without a
 * new start attempt each.
 */
public final class LocalStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedStack shared = context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class);
        return shared.get();
    }

    /** The stack or the reason it could not start; the root store closes it at the end of the run. */
    private static final class SharedStack implements AutoCloseable {
        private final LocalStack stack;
        private final RuntimeException failure;

        private SharedStack(LocalStack stack, RuntimeException failure) {
            this.stack = stack;
            this.failure = failure;
        }

        static SharedStack start() {
            try {
                LocalStack stack = LocalStack.start(StackOptions.defaults());
                System.out.print(stack.report());
                return new SharedStack(stack, null);
            } catch (RuntimeException e) {
                return new SharedStack(null, e);
            }
        }

        LocalStack get() {
            if (failure != null) {
                throw new IllegalStateException("The local stack did not start: " + failure.getMessage(), failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
