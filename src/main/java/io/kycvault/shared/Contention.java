package io.kycvault.shared;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Optimistic writers that lost a conditional write to another writer of the same case wait a
 * little, at random, before reading again: without it, writers that collided once collide again.
 */
public final class Contention {

    private Contention() {
    }

    /** Sleeps up to 10 ms × 2^attempt (at most 320 ms), uniformly at random. */
    public static void pause(int attempt) {
        long bound = 10L << Math.min(Math.max(attempt, 1), 5);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
