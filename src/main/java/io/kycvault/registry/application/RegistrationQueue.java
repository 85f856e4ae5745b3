package io.kycvault.registry.application;

import java.time.Duration;

/** The queue registration requests arrive on, as the chain function needs it beyond Lambda's polling. */
public interface RegistrationQueue {

    /** Makes a delivered message visible again after {@code delay} (zero: at once). */
    void retryAfter(String receiptHandle, Duration delay);
}
