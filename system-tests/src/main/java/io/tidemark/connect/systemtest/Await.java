package io.tidemark.connect.systemtest;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polling with a deadline: the only way tests wait for asynchronous results (never a fixed sleep).
 *
 * <pre>{@code
 * Await.until("connector orders RUNNING", Duration.ofSeconds(60),
 *     () -> rest.status("orders").isRunning());
 * long rows = Await.value("3 rows in the warehouse", Duration.ofSeconds(60),
 *     () -> countRows(), n -> n == 3);
 * }</pre>
 *
 * A timeout fails with {@link AssertionError} naming what was awaited, the last value seen, the
 * last exception thrown by the probe (with its cause), and optional diagnostics such as log paths.
 */
public final class Await {

    private static final long MIN_POLL_MS = 50;
    private static final long MAX_POLL_MS = 1000;

    private Await() {
    }

    /** Waits until {@code condition} returns true; exceptions thrown by it count as "not yet". */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        value(what, timeout, condition, Boolean.TRUE::equals, () -> "");
    }

    /** Like {@link #until(String, Duration, Callable)}, with diagnostics appended on timeout. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition,
                             Supplier<String> diagnostics) {
        value(what, timeout, condition, Boolean.TRUE::equals, diagnostics);
    }

    /** Polls {@code probe} until its value satisfies {@code accepted}, and returns that value. */
    public static <T> T value(String what, Duration timeout, Callable<T> probe, Predicate<? super T> accepted) {
        return value(what, timeout, probe, accepted, () -> "");
    }

    public static <T> T value(String what, Duration timeout, Callable<T> probe, Predicate<? super T> accepted,
                              Supplier<String> diagnostics) {
        Objects.requireNonNull(what, "what");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pollMs = MIN_POLL_MS;
        T last = null;
        Exception lastError = null;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                last = probe.call();
                lastError = null;
                if (accepted.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastError = e;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            sleep(Math.min(pollMs, Math.max(1, (deadline - now) / 1_000_000)));
            pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
        }
        StringBuilder message = new StringBuilder("Timed out after ").append(timeout.toMillis())
            .append(" ms (").append(attempts).append(" attempts) waiting for ").append(what)
            .append("\nlast value: ").append(last);
        if (lastError != null) {
            message.append("\nlast error: ").append(lastError);
        }
        String extra = diagnostics.get();
        if (extra != null && !extra.isBlank()) {
            message.append('\n').append(extra);
        }
        throw new AssertionError(message.toString(), lastError);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while polling", e);
        }
    }
}
