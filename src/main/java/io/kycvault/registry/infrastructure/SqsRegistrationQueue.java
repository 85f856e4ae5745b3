package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.RegistrationQueue;
import io.kycvault.registry.application.RegistryConfig;
import io.kycvault.shared.sqs.QueueVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ChangeMessageVisibility on the registrations queue. */
@ApplicationScoped
public class SqsRegistrationQueue implements RegistrationQueue {

    private final QueueVisibility queue;

    public SqsRegistrationQueue(SqsClient sqs, RegistryConfig config) {
        this.queue = new QueueVisibility(sqs, config.queue());
    }

    @Override
    public void retryAfter(String receiptHandle, Duration delay) {
        queue.retryAfter(receiptHandle, delay);
    }
}
