package io.kycvault.review.application;

/**
 * The hand-off to the chain function, as a transactional outbox: the approval's transaction also
 * writes an outbox entry; {@link #publish} sends it to the FIFO queue (deduplicated by case and
 * approval) and then removes the entry; {@link #publishPending} sends whatever a crash left behind.
 */
public interface RegistrationQueue {

    void publish(RegistrationRequest request);

    /** Sends every entry still in the outbox; returns how many were sent. */
    int publishPending();
}
