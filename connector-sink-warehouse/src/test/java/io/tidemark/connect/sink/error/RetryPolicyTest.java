package io.tidemark.connect.sink.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void doublesTheBackoffUpToTheCapAndGivesUpAfterMaxRetries() {
        RetryPolicy policy = new RetryPolicy(4, 100, 500);

        assertThat(policy.failedAgain()).isTrue();
        assertThat(policy.backoffMs()).isEqualTo(100);
        assertThat(policy.failedAgain()).isTrue();
        assertThat(policy.backoffMs()).isEqualTo(200);
        assertThat(policy.failedAgain()).isTrue();
        assertThat(policy.backoffMs()).isEqualTo(400);
        assertThat(policy.failedAgain()).isTrue();
        assertThat(policy.backoffMs()).isEqualTo(500);
        assertThat(policy.failedAgain()).as("the fifth failure exceeds max.retries=4").isFalse();
    }

    @Test
    void startsOverAfterASuccess() {
        RetryPolicy policy = new RetryPolicy(1, 100, 500);
        policy.failedAgain();
        policy.succeeded();

        assertThat(policy.failedAgain()).isTrue();
        assertThat(policy.backoffMs()).isEqualTo(100);
    }

    @Test
    void zeroRetriesFailsAtOnce() {
        assertThat(new RetryPolicy(0, 100, 500).failedAgain()).isFalse();
    }
}
