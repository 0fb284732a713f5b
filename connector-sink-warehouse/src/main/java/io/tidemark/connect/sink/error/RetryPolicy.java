package io.tidemark.connect.sink.error;

/**
 * Exponential backoff for transient failures: the first retry waits {@code initialBackoffMs}, each
 * next one twice as long, capped at {@code maxBackoffMs}; after {@code maxRetries} consecutive failures
 * the task gives up. The wait itself is Connect's ({@code context.timeout}), never a sleep in put().
 */
public final class RetryPolicy {

    private final int maxRetries;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private int consecutiveFailures;

    public RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs) {
        this.maxRetries = maxRetries;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
    }

    /** Records a failure; true while another retry is allowed. */
    public boolean failedAgain() {
        consecutiveFailures++;
        return consecutiveFailures <= maxRetries;
    }

    /** How long to wait before the retry that follows the latest failure. */
    public long backoffMs() {
        int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
        return Math.min(maxBackoffMs, initialBackoffMs << doublings);
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public void succeeded() {
        consecutiveFailures = 0;
    }
}
