package io.kycvault.registry.application;

import java.time.Duration;

/**
 * How long a registration request waits before its next delivery: {@code first}, doubled per
 * delivery, at most {@code cap}. The cap bounds how long registrations lag behind a node that answers
 * again; the queue's own visibility timeout (900 s) would otherwise decide.
 */
public record RetryBackoff(Duration first, Duration cap) {

    public static RetryBackoff of(RegistryConfig config) {
        return new RetryBackoff(config.retryBackoff(), config.retryBackoffCap());
    }

    /** The wait after delivery number {@code attempt} (1 = the first delivery) failed. */
    public Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 20);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
